//! Diagnostics as text lines and as JSON.

use std::io::IsTerminal;

use portreg_core::{Diagnostic, LineIndex, Severity, Summary};
use serde_json::{json, Value};

/// Whether standard output is a terminal that wants colour (`NO_COLOR` unset,
/// `TERM` not `dumb`). Pipes and CI logs get plain text.
pub fn use_colour() -> bool {
    std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// `FILE:LINE: SEVERITY[CODE] message`, then an indented help line, per
/// finding; with `colour`, the severity and code in bold colour.
pub fn text(name: &str, source: &str, diagnostics: &[Diagnostic], colour: bool) -> String {
    let lines = LineIndex::new(source);
    let mut out = String::new();
    for d in diagnostics {
        let line = lines.line(d.span.start);
        let label = format!("{}[{}]", d.severity, d.code());
        let label = if colour { paint(d.severity, &label) } else { label };
        out.push_str(&format!("{name}:{line}: {label} {}\n", d.message));
        out.push_str(&format!("    help: {}\n", d.help));
    }
    out
}

/// `text` in bold red, yellow or cyan.
fn paint(severity: Severity, text: &str) -> String {
    let colour = match severity {
        Severity::Error => 31,
        Severity::Warning => 33,
        Severity::Info => 36,
    };
    format!("\x1b[1;{colour}m{text}\x1b[0m")
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

#[cfg(test)]
mod tests {
    use super::*;
    use portreg_core::{check, Date, Policy};

    #[test]
    fn colour_marks_only_the_label() {
        let doc = "| Project | Ports |\n|---|---|\n| web | 443 |\n";
        let found = check(doc, &Policy::default(), Date::parse("2025-01-15").unwrap());
        let plain = text("ports.md", doc, &found, false);
        assert_eq!(plain, "ports.md:3: error[R206] 443 needs root to bind\n    help: use ports from 1024 up, ideally the project's block\n");
        let coloured = text("ports.md", doc, &found, true);
        assert_eq!(coloured, plain.replace("error[R206]", "\u{1b}[1;31merror[R206]\u{1b}[0m"));
    }
}
