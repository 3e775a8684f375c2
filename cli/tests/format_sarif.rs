//! `check --format sarif`: a SARIF 2.1.0 log that the standard's own JSON
//! schema accepts (`schemas/sarif-schema-2.1.0.json`, OASIS errata 01,
//! formats checked too), with rules, results, levels and locations as
//! code scanning reads them.

mod support;

use std::path::Path;
use std::process::Command;

use serde_json::Value;
use support::{check, write, CLEAN, MIXED, TODAY};

/// The official schema, compiled as the draft-04 schema it declares itself.
fn validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(
        schema["id"],
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    );
    jsonschema::draft4::options().should_validate_formats(true).build(&schema).unwrap()
}

/// Asserts `log` follows the schema, listing every violation otherwise.
fn assert_valid(validator: &jsonschema::Validator, log: &Value) {
    let errors: Vec<String> = validator.iter_errors(log).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}\n{log:#}");
}

/// The SARIF log `check` prints for `args`.
fn sarif(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("one JSON document")
}

#[test]
fn the_log_follows_the_sarif_schema() {
    let validator = validator();
    let dir = tempfile::tempdir().unwrap();
    let mixed = write(dir.path(), "mixed.md", MIXED);
    let clean = write(dir.path(), "clean.md", CLEAN);
    let odd = write(dir.path(), "team ports #2 %20 ?\n\u{1b}é.md", MIXED);
    for (files, args) in [
        (vec![&mixed], vec![]),
        (vec![&clean], vec![]),
        (vec![&mixed, &clean, &odd], vec![]),
        (vec![&mixed], vec!["--select", "S,R2"]),
        (vec![&mixed], vec!["--ignore", "P,B,R,I,S,C"]),
    ] {
        let paths: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
        let mut all = vec!["--format", "sarif"];
        all.extend(args);
        assert_valid(&validator, &sarif(&check(&paths, &all)));
    }
}

#[test]
fn the_schema_check_catches_a_broken_log() {
    let validator = validator();
    let dir = tempfile::tempdir().unwrap();
    let mixed = write(dir.path(), "mixed.md", MIXED);
    let log = sarif(&check(&[&mixed], &["--format", "sarif"]));
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
    let mut broken = log;
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn rules_results_and_locations() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ports.md", MIXED);
    let out = Command::new(env!("CARGO_BIN_EXE_portreg"))
        .args(["check", "ports.md", "--format", "sarif", "--today", TODAY])
        .current_dir(dir.path())
        .env_remove("PORTREG_REGISTRY")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let log = sarif(&out);
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().ends_with("sarif-schema-2.1.0.json"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "portreg");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), portreg_core::RULES.len());
    let b101 = rules.iter().find(|r| r["id"] == "B101").unwrap();
    assert_eq!(b101["name"], "block-overlap");
    assert_eq!(b101["defaultConfiguration"]["level"], "error");
    for key in ["shortDescription", "fullDescription", "help"] {
        assert!(!b101[key]["text"].as_str().unwrap().is_empty(), "{key}");
    }
    let results = runs[0]["results"].as_array().unwrap();
    let summary: Vec<(&str, &str, u64)> = results
        .iter()
        .map(|r| {
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], r["ruleId"], "ruleIndex points at the result's rule");
            let location = &r["locations"][0]["physicalLocation"];
            assert_eq!(location["artifactLocation"]["uri"], "ports.md");
            (
                r["ruleId"].as_str().unwrap(),
                r["level"].as_str().unwrap(),
                location["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(summary, [("B104", "warning", 4), ("S403", "note", 5), ("R206", "error", 6)]);
    assert_eq!(results[0]["message"]["text"], "path `~/src/api/` is also the path of `api`");
}

/// Whether `text` holds only characters a URI may (RFC 3986), every `%` starting an escape.
fn is_uri_text(text: &str) -> bool {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c);
    let escapes_ok =
        text.split('%').skip(1).all(|part| part.len() >= 2 && part[..2].chars().all(|c| c.is_ascii_hexdigit()));
    text.chars().all(allowed) && escapes_ok
}

#[test]
fn only_selected_rules_are_described_and_names_become_uris() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = write(dir.path(), "a%b\n\u{1b}[2J é?.md", MIXED);
    let log = sarif(&check(&[&hostile], &["--format", "sarif"]));
    let uri =
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
    assert!(is_uri_text(uri) && uri.ends_with("/a%25b%0A%1B%5B2J%20%C3%A9%3F.md"), "{uri}");

    let odd = write(dir.path(), "team ports #2.md", MIXED);
    let log = sarif(&check(&[&odd], &["--format", "sarif", "--select", "S4,R206"]));
    let ids: Vec<&str> = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["R206", "S401", "S402", "S403", "S404", "S405"]);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
    assert!(uri.starts_with("file:///") && uri.ends_with("/team%20ports%20%232.md"), "{uri}");
}
