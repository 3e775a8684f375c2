//! `check --select/--ignore` and `check` of several registries: what is
//! printed, counted and reflected in the exit code.

mod support;

use support::{check, portreg, stderr, stdout, write, CLEAN, MIXED};

/// The rule codes of the text lines of `text`, in order.
fn codes(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            line.split_once('[').and_then(|(_, rest)| rest.split_once(']')).map(|(code, _)| code.to_owned())
        })
        .collect()
}

#[test]
fn select_and_ignore_keep_only_the_chosen_findings() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "ports.md", MIXED);
    assert_eq!(codes(&stdout(&check(&[&file], &[]))), ["B104", "S403", "R206"]);

    let out = check(&[&file], &["--select", "B,S4"]);
    assert_eq!(codes(&stdout(&out)), ["B104", "S403"]);
    assert_eq!(out.status.code(), Some(0), "the error is not selected, so it does not count");
    assert!(stderr(&out).ends_with(": 0 errors, 1 warning, 1 info\n"), "{}", stderr(&out));

    let repeated = check(&[&file], &["--select", "b104", "--select", "R206"]);
    assert_eq!(codes(&stdout(&repeated)), ["B104", "R206"]);
    assert_eq!(repeated.status.code(), Some(1));

    let ignored = check(&[&file], &["--ignore", "R2", "--ignore", "S403,B104"]);
    assert_eq!(stdout(&ignored), "");
    assert_eq!(ignored.status.code(), Some(0));

    let both = check(&[&file], &["--select", "B,R", "--ignore", "B104"]);
    assert_eq!(codes(&stdout(&both)), ["R206"]);
}

#[test]
fn json_counts_only_the_selected_findings() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "ports.md", MIXED);
    let out = check(&[&file], &["--format", "json", "--ignore", "R206"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["summary"], serde_json::json!({"errors": 0, "warnings": 1, "infos": 1}));
    assert_eq!(value["diagnostics"].as_array().unwrap().len(), 2);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn an_unknown_code_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "ports.md", MIXED);
    for flag in ["--select", "--ignore"] {
        let out = check(&[&file], &[flag, "B104,X9"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty());
        let message = stderr(&out);
        assert!(
            message.contains("`X9` names no rule; use a code such as B104 or a family letter such as I"),
            "{message}"
        );
    }
}

#[test]
fn several_registries_are_checked_and_the_worst_result_wins() {
    let dir = tempfile::tempdir().unwrap();
    let clean = write(dir.path(), "clean.md", CLEAN);
    let mixed = write(dir.path(), "mixed.md", MIXED);

    let out = check(&[&clean, &mixed], &[]);
    assert_eq!(out.status.code(), Some(1), "an error in the second file");
    let text = stdout(&out);
    assert!(text.lines().filter(|l| !l.starts_with(' ')).all(|l| l.starts_with(mixed.to_str().unwrap())), "{text}");
    let summaries: Vec<String> = stderr(&out).lines().map(str::to_owned).collect();
    assert_eq!(
        summaries,
        [
            format!("{}: 0 errors, 0 warnings, 0 infos", clean.display()),
            format!("{}: 1 error, 1 warning, 1 info", mixed.display()),
        ]
    );
    assert_eq!(check(&[&clean, &clean], &[]).status.code(), Some(0));

    let missing = dir.path().join("missing.md");
    let unreadable = check(&[&mixed, &missing], &[]);
    assert_eq!(unreadable.status.code(), Some(2), "an unreadable file is worse than an error");
    assert!(unreadable.stdout.is_empty());
    assert!(stderr(&unreadable).contains("cannot read"), "{}", stderr(&unreadable));
}

#[test]
fn json_of_several_registries_is_one_object_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let clean = write(dir.path(), "clean.md", CLEAN);
    let mixed = write(dir.path(), "mixed.md", MIXED);
    let out = check(&[&mixed, &clean], &["--format", "json"]);
    let text = stdout(&out);
    let objects: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(objects.len(), 2);
    assert_eq!(objects[0]["summary"]["errors"], 1);
    assert_eq!(objects[1]["diagnostics"], serde_json::json!([]));
}

#[test]
fn standard_input_is_read_once() {
    let out = portreg(&["check", "-", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("standard input (`-`) can be read only once"), "{}", stderr(&out));
}

#[test]
fn fix_applies_only_the_selected_rules() {
    let dir = tempfile::tempdir().unwrap();
    let doc = "| Project | Block | Ports | Status |\n|---|---|---|---|\n\
               | a | Block 4 | 30000-30099 | active |\n| b | Block 2 | 30200-30299 | actve |\n";
    let file = support::write(dir.path(), "ports.md", doc);
    let path = file.to_str().unwrap();
    let fixed = |args: &[&str]| {
        let mut all = vec!["fix", path, "--stdout", "--today", support::TODAY];
        all.extend(args);
        support::stdout(&support::portreg(&all))
    };
    let labels = fixed(&["--select", "P004"]);
    assert!(labels.contains("| a | Block 0 |") && labels.contains("| actve |"), "{labels}");
    let statuses = fixed(&["--ignore", "P"]);
    assert!(statuses.contains("| a | Block 4 |") && statuses.contains("| active |\n"), "{statuses}");
    let both = fixed(&[]);
    assert!(both.contains("| a | Block 0 |") && !both.contains("actve"), "{both}");
    let unknown = support::portreg(&["fix", path, "--select", "Z999"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), doc);
    // Its help says what the flags do for fix.
    let help = support::stdout(&support::portreg(&["fix", "--help"]));
    assert!(help.contains("Apply only the fixes of these rules") && !help.contains("Report only"), "{help}");
}
