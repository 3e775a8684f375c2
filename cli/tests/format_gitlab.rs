//! `check --format gitlab`: a GitLab Code Quality report, with the keys and
//! types GitLab reads and fingerprints that stay put when the file moves
//! around them.

mod support;

use serde_json::Value;
use support::{check, stdout, write, CLEAN, MIXED};

/// The issues `check --format gitlab` prints for `files`.
fn issues(files: &[&std::path::Path], args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--format", "gitlab"];
    all.extend(args);
    let value: Value = serde_json::from_str(&stdout(&check(files, &all))).expect("one JSON document");
    value.as_array().expect("an array").clone()
}

/// Whether `text` is 64 lowercase hex digits.
fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

#[test]
fn each_issue_has_the_keys_and_types_gitlab_reads() {
    let dir = tempfile::tempdir().unwrap();
    let mixed = write(dir.path(), "mixed.md", MIXED);
    let clean = write(dir.path(), "clean.md", CLEAN);
    assert_eq!(issues(&[&clean], &[]), Vec::<Value>::new());
    let found = issues(&[&mixed, &clean], &[]);
    assert_eq!(found.len(), 3);
    for issue in &found {
        let keys: Vec<&str> = issue.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["check_name", "description", "fingerprint", "location", "severity"]);
        assert!(issue["description"].is_string() && issue["check_name"].is_string());
        assert!(is_sha256_hex(issue["fingerprint"].as_str().unwrap()), "{issue}");
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&issue["severity"].as_str().unwrap()));
        let location = issue["location"].as_object().unwrap();
        assert_eq!(location.keys().map(String::as_str).collect::<Vec<_>>(), ["lines", "path"]);
        assert_eq!(location["path"], mixed.to_str().unwrap());
        assert!(location["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    let summary: Vec<(&str, &str, u64)> = found
        .iter()
        .map(|i| {
            (
                i["check_name"].as_str().unwrap(),
                i["severity"].as_str().unwrap(),
                i["location"]["lines"]["begin"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(summary, [("B104", "minor", 4), ("S403", "info", 5), ("R206", "major", 6)]);
    assert_eq!(found[2]["description"], "443 needs root to bind");
    assert_eq!(issues(&[&mixed], &["--select", "R206"]).len(), 1);
}

#[test]
fn fingerprints_are_stable_and_distinct() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "ports.md", MIXED);
    let fingerprints = |found: &[Value]| -> Vec<String> {
        found.iter().map(|i| i["fingerprint"].as_str().unwrap().to_owned()).collect()
    };
    let first = fingerprints(&issues(&[&file], &[]));
    assert_eq!(first, fingerprints(&issues(&[&file], &[])), "the same run gives the same fingerprints");

    std::fs::write(&file, format!("# Ports\n\nSome words.\n\n{MIXED}")).unwrap();
    let moved = issues(&[&file], &[]);
    assert_eq!(moved[0]["location"]["lines"]["begin"], 8);
    assert_eq!(fingerprints(&moved), first, "lines added above change no fingerprint");

    let twice = "| Project | Ports |\n|---|---|\n| old | 443 |\n| old | 443 |\n";
    std::fs::write(&file, twice).unwrap();
    let repeated = fingerprints(&issues(&[&file], &["--select", "R206"]));
    assert_eq!(repeated.len(), 2);
    let mut unique = repeated.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), repeated.len(), "a repeated finding gets its own fingerprint: {repeated:?}");
}

#[test]
fn a_hostile_file_name_stays_data() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "ports\n\u{1b}[2J\u{9b}\"x.md", MIXED);
    let out = check(&[&file], &["--format", "gitlab"]);
    let text = stdout(&out);
    assert!(!text.trim_end_matches('\n').chars().any(char::is_control), "{text:?}");
    let value: Value = serde_json::from_str(&text).unwrap();
    let shown = file.to_str().unwrap().replace('\n', "\\n").replace('\u{1b}', "\\u{1b}").replace('\u{9b}', "\\u{9b}");
    assert_eq!(value[0]["location"]["path"], shown);
}
