//! `--format sarif`: a SARIF 2.1.0 log of one run, with the selected rules
//! described under `tool.driver.rules` and one result per finding.

use portreg_core::rules::{RuleDoc, Selection};
use portreg_core::{Rule, Severity};
use serde::Serialize;

use super::{selected_rules, uri, Checked};
use crate::output::escape;
use crate::Failure;

/// The schema the log follows: the OASIS standard's, errata 01.
const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// A SARIF log.
#[derive(Serialize)]
struct Log {
    /// The schema's URI.
    #[serde(rename = "$schema")]
    schema: &'static str,
    /// Always `2.1.0`.
    version: &'static str,
    /// The one run of portreg.
    runs: [Run; 1],
}

/// One run of the tool.
#[derive(Serialize)]
struct Run {
    /// portreg and its rules.
    tool: Tool,
    /// The findings.
    results: Vec<Finding>,
}

/// The tool that ran.
#[derive(Serialize)]
struct Tool {
    /// Its main component.
    driver: Driver,
}

/// portreg itself.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    /// `portreg`.
    name: &'static str,
    /// The package version.
    version: &'static str,
    /// Where to read about portreg: the package's homepage or repository,
    /// when its manifest names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    /// The rules that could report in this run.
    rules: Vec<Descriptor>,
}

/// One rule (a SARIF `reportingDescriptor`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    /// The rule code, such as `B101`.
    id: &'static str,
    /// The rule's name, such as `block-overlap`.
    name: &'static str,
    /// The first sentence of what the rule checks.
    short_description: Message,
    /// What the rule checks and why it matters.
    full_description: Message,
    /// How to resolve a finding.
    help: Message,
    /// The rule's default severity.
    default_configuration: Configuration,
}

/// Plain text.
#[derive(Serialize)]
struct Message {
    /// The text.
    text: String,
}

/// A rule's configuration.
#[derive(Serialize)]
struct Configuration {
    /// `error`, `warning` or `note`.
    level: &'static str,
}

/// One finding (a SARIF `result`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Finding {
    /// The rule code.
    rule_id: &'static str,
    /// Where the rule is in `tool.driver.rules`.
    rule_index: usize,
    /// `error`, `warning` or `note`.
    level: &'static str,
    /// What is wrong.
    message: Message,
    /// The registry and line.
    locations: [Location; 1],
}

/// Where a finding is.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    /// In a file.
    physical_location: PhysicalLocation,
}

/// A place in a file.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    /// The file.
    artifact_location: ArtifactLocation,
    /// The line.
    region: Region,
}

/// A file, by URI reference.
#[derive(Serialize)]
struct ArtifactLocation {
    /// The registry's name, percent-encoded.
    uri: String,
}

/// Lines of a file.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    /// The 1-based line of the row or table.
    start_line: usize,
}

/// The SARIF log of every registry checked, as one JSON object.
pub fn sarif(checked: &[Checked], selection: &Selection) -> Result<String, Failure> {
    let rules = selected_rules(selection);
    let mut results = Vec::new();
    for registry in checked {
        let uri = uri::from_path(&registry.document.name);
        for d in &registry.diagnostics {
            let Some(rule_index) = rules.iter().position(|r| r.code == d.code()) else { continue };
            results.push(Finding {
                rule_id: d.code(),
                rule_index,
                level: level(d.severity),
                message: Message { text: escape(&d.message).into_owned() },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: uri.clone() },
                        region: Region { start_line: registry.line(d) },
                    },
                }],
            });
        }
    }
    let driver = Driver {
        name: "portreg",
        version: env!("CARGO_PKG_VERSION"),
        information_uri: information_uri(),
        rules: rules.into_iter().map(descriptor).collect(),
    };
    let log = Log { schema: SCHEMA, version: "2.1.0", runs: [Run { tool: Tool { driver }, results }] };
    Ok(serde_json::to_string(&log)?)
}

/// The package's homepage, else its repository, if its manifest names one.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")].into_iter().find(|u| !u.is_empty())
}

/// A rule as SARIF describes it.
fn descriptor(rule: &'static Rule) -> Descriptor {
    let what = RuleDoc::paragraph(rule.doc.what);
    let why = RuleDoc::paragraph(rule.doc.why);
    Descriptor {
        id: rule.code,
        name: rule.name,
        short_description: Message { text: first_sentence(&what).to_owned() },
        full_description: Message { text: format!("{what} {why}") },
        help: Message { text: RuleDoc::paragraph(rule.doc.fix) },
        default_configuration: Configuration { level: level(rule.severity) },
    }
}

/// SARIF's word for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `text` up to and including its first full stop followed by a space, or all of it.
fn first_sentence(text: &str) -> &str {
    text.find(". ").map_or(text, |at| &text[..=at])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_description_is_the_first_sentence() {
        assert_eq!(first_sentence("One. Two. Three."), "One.");
        assert_eq!(first_sentence("Only one."), "Only one.");
        assert_eq!(first_sentence("Ports 30000-39999 (block 1.5). Next"), "Ports 30000-39999 (block 1.5).");
    }
}
