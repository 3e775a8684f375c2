//! `--format gitlab`: a GitLab Code Quality report, a JSON array of issues
//! `{description, check_name, fingerprint, severity, location: {path, lines: {begin}}}`.

use std::collections::HashMap;
use std::fmt::Write;

use portreg_core::{Diagnostic, Severity};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::Checked;
use crate::output::escape;
use crate::Failure;

/// One Code Quality issue.
#[derive(Serialize)]
struct Issue {
    /// What is wrong.
    description: String,
    /// The rule code, such as `B101`.
    check_name: &'static str,
    /// Names the issue across runs, so GitLab can tell new issues from old.
    fingerprint: String,
    /// `info`, `minor` or `major`.
    severity: &'static str,
    /// The registry and line.
    location: Location,
}

/// Where an issue is.
#[derive(Serialize)]
struct Location {
    /// The registry's name as given, escaped.
    path: String,
    /// The line.
    lines: Lines,
}

/// Lines of an issue.
#[derive(Serialize)]
struct Lines {
    /// The 1-based line of the row or table.
    begin: usize,
}

/// The Code Quality report of every registry checked.
pub fn gitlab(checked: &[Checked]) -> Result<String, Failure> {
    let mut issues = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for registry in checked {
        let path = escape(&registry.document.name).into_owned();
        for d in &registry.diagnostics {
            let line = registry.line(d);
            let key = fingerprint_key(&registry.document.name, d, registry.line_text(line));
            let count = seen.entry(key.clone()).or_insert(0);
            *count += 1;
            issues.push(Issue {
                description: escape(&d.message).into_owned(),
                check_name: d.code(),
                fingerprint: sha256_hex(&format!("{key}\0{count}")),
                severity: severity(d.severity),
                location: Location { path: path.clone(), lines: Lines { begin: line } },
            });
        }
    }
    Ok(serde_json::to_string(&issues)?)
}

/// What a fingerprint is made of: the file, the rule, the message and the
/// text of the row, not its line number, so an issue keeps its fingerprint
/// when lines above it are added or removed. A repeat of the same issue
/// counts its occurrences on top.
fn fingerprint_key(file: &str, diagnostic: &Diagnostic, line_text: &str) -> String {
    format!("{file}\0{}\0{}\0{line_text}", diagnostic.code(), diagnostic.message)
}

/// SHA-256 of `text`, in lowercase hex.
fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(64);
    for byte in digest {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// Code Quality's word for a severity.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_the_standard_one() {
        assert_eq!(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
