//! `--format junit`: JUnit XML, one test suite with a test case per selected
//! rule and registry. A rule with errors or warnings on a registry fails
//! (one `<failure>` listing them); infos go to the case's `<system-out>`.

use std::fmt::Write;

use portreg_core::rules::Selection;
use portreg_core::{Diagnostic, Severity};

use super::{selected_rules, xml, Checked};
use crate::output::{self, escape};

/// One test case: a rule on a registry.
struct Case<'a> {
    /// `CODE name`.
    name: String,
    /// The registry's name, escaped.
    class: String,
    /// Its errors and warnings.
    failures: Vec<&'a Diagnostic>,
    /// Its infos.
    infos: Vec<&'a Diagnostic>,
    /// The registry they are about.
    registry: &'a Checked,
}

/// The JUnit XML report of every registry checked.
pub fn junit(checked: &[Checked], selection: &Selection) -> String {
    let rules = selected_rules(selection);
    let mut cases = Vec::new();
    for registry in checked {
        let class = escape(&registry.document.name).into_owned();
        for rule in &rules {
            let (failures, infos) = registry
                .diagnostics
                .iter()
                .filter(|d| d.code() == rule.code)
                .partition(|d| d.severity != Severity::Info);
            let name = format!("{} {}", rule.code, rule.name);
            cases.push(Case { name, class: class.clone(), failures, infos, registry });
        }
    }
    let tests = cases.len();
    let failed = cases.iter().filter(|c| !c.failures.is_empty()).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let counts = format!("tests=\"{tests}\" failures=\"{failed}\" errors=\"0\"");
    let _ = writeln!(out, "<testsuites name=\"portreg\" {counts}>");
    let _ = writeln!(out, "  <testsuite name=\"portreg check\" {counts} skipped=\"0\">");
    for case in &cases {
        write_case(&mut out, case);
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// Writes one `<testcase>`.
fn write_case(out: &mut String, case: &Case<'_>) {
    let (name, class) = (xml::attribute(&case.name), xml::attribute(&case.class));
    let _ = write!(out, "    <testcase name=\"{name}\" classname=\"{class}\"");
    if case.failures.is_empty() && case.infos.is_empty() {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    if let Some(first) = case.failures.first() {
        let kind = if case.failures.iter().any(|d| d.severity == Severity::Error) { "error" } else { "warning" };
        let more = match case.failures.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        let message = format!("line {}: {}{more}", case.registry.line(first), escape(&first.message));
        let body = lines(case.registry, &case.failures);
        let _ = writeln!(
            out,
            "      <failure message=\"{}\" type=\"{kind}\">{}</failure>",
            xml::attribute(&message),
            xml::text(&body)
        );
    }
    if !case.infos.is_empty() {
        let _ = writeln!(out, "      <system-out>{}</system-out>", xml::text(&lines(case.registry, &case.infos)));
    }
    out.push_str("    </testcase>\n");
}

/// The text lines of `findings`, as `check` prints them, without colour.
fn lines(registry: &Checked, findings: &[&Diagnostic]) -> String {
    output::text(&registry.document.name, &registry.document.text, findings.iter().copied(), false)
}
