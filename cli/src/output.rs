//! Diagnostics as text lines and as JSON.

use portreg_core::{Diagnostic, LineIndex, Summary};
use serde_json::{json, Value};

/// `FILE:LINE: SEVERITY[CODE] message`, then an indented help line, per finding.
pub fn text(name: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
    let lines = LineIndex::new(source);
    let mut out = String::new();
    for d in diagnostics {
        let line = lines.line(d.span.start);
        out.push_str(&format!("{name}:{line}: {}[{}] {}\n", d.severity, d.code(), d.message));
        out.push_str(&format!("    help: {}\n", d.help));
    }
    out
}

/// One line for standard error: `2 errors, 1 warning, 0 infos`.
pub fn summary_line(summary: Summary) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {}",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info")
    )
}

/// `{"diagnostics":[...],"summary":{...}}`.
pub fn json(source: &str, diagnostics: &[Diagnostic]) -> Value {
    let lines = LineIndex::new(source);
    let summary = Summary::of(diagnostics);
    let items: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            json!({
                "code": d.code(),
                "name": d.rule.name,
                "severity": d.severity.as_str(),
                "line": lines.line(d.span.start),
                "message": d.message,
                "help": d.help,
                "fix": d.fix.as_ref().map(|f| f.title.clone()),
            })
        })
        .collect();
    json!({
        "diagnostics": items,
        "summary": { "errors": summary.errors, "warnings": summary.warnings, "infos": summary.infos },
    })
}
