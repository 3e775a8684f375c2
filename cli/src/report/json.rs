//! `--format json`: one object per registry,
//! `{"diagnostics":[...],"summary":{"errors","infos","warnings"}}`.

use portreg_core::Summary;
use serde::Serialize;

use super::Checked;
use crate::Failure;

/// The object printed for one registry. Keys are written in the order of
/// the fields: alphabetical, here and in each finding.
#[derive(Serialize)]
struct Report<'a> {
    /// Every finding, in document order.
    diagnostics: Vec<Finding<'a>>,
    /// Counts by severity.
    summary: Counts,
}

/// One finding.
#[derive(Serialize)]
struct Finding<'a> {
    /// Rule code, such as `B101`.
    code: &'static str,
    /// The fix's title, if the finding has a fix.
    fix: Option<&'a str>,
    /// `safe` or `unsafe`, if the finding has a fix.
    fix_applicability: Option<&'static str>,
    /// What to do about it.
    help: &'a str,
    /// 1-based line of the row or table.
    line: usize,
    /// What is wrong.
    message: &'a str,
    /// The rule's name, such as `block-overlap`.
    name: &'static str,
    /// `error`, `warning` or `info`.
    severity: &'static str,
}

/// Findings by severity.
#[derive(Serialize)]
struct Counts {
    /// Number of errors.
    errors: usize,
    /// Number of infos.
    infos: usize,
    /// Number of warnings.
    warnings: usize,
}

/// The JSON object of one registry, on one line.
pub fn json(checked: &Checked) -> Result<String, Failure> {
    let summary = Summary::of(&checked.diagnostics);
    let report = Report {
        diagnostics: checked
            .diagnostics
            .iter()
            .map(|d| Finding {
                code: d.code(),
                fix: d.fix.as_ref().map(|f| f.title.as_str()),
                fix_applicability: d.fix.as_ref().map(|f| f.applicability.as_str()),
                help: &d.help,
                line: checked.line(d),
                message: &d.message,
                name: d.rule.name,
                severity: d.severity.as_str(),
            })
            .collect(),
        summary: Counts { errors: summary.errors, infos: summary.infos, warnings: summary.warnings },
    };
    Ok(serde_json::to_string(&report)?)
}
