//! `--diff` prints a unified diff that the real `patch` tool applies to the
//! original to give exactly what `--stdout` prints: files without a final
//! newline, CRLF files and whole-table reformatting included.

use std::process::{Command, Output, Stdio};

mod support;

use support::sample;

const TODAY: &str = "2026-11-27";

fn portreg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portreg")).args(args).env_remove("PORTREG_REGISTRY").output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `command` on `original` once with `--stdout` and once with `--diff`,
/// applies the diff with `patch` and checks it gives the printed document.
fn diff_applies(case: &str, original: &str, command: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ports.md");
    std::fs::write(&file, original).unwrap();
    let path = file.to_str().unwrap();
    let with = |flag: &str| {
        let mut args: Vec<&str> = command.to_vec();
        args.extend([path, flag]);
        let out = portreg(&args);
        assert_eq!(out.status.code(), Some(0), "{case} {flag}: {}", text(&out.stderr));
        out.stdout
    };
    let expected = with("--stdout");
    let diff = with("--diff");
    assert_ne!(expected, original.as_bytes(), "{case}: the edit changes something");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original, "{case}: the file is left alone");
    let diff_text = text(&diff);
    assert!(diff_text.starts_with(&format!("--- a/{path}\n+++ b/{path}\n@@ ")), "{case}:\n{diff_text}");

    let patched = dir.path().join("patched.md");
    let mut patch = Command::new("patch")
        .arg("--quiet")
        .arg("-o")
        .arg(&patched)
        .arg(&file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("patch(1) is installed");
    std::io::Write::write_all(patch.stdin.as_mut().unwrap(), &diff).unwrap();
    let result = patch.wait_with_output().unwrap();
    assert!(
        result.status.success(),
        "{case}: patch failed: {}{}\n{diff_text}",
        text(&result.stdout),
        text(&result.stderr)
    );
    assert_eq!(text(&std::fs::read(&patched).unwrap()), text(&expected), "{case}:\n{diff_text}");
    diff_text
}

#[test]
fn a_file_without_a_final_newline() {
    let registry = "| Project Name | Block | Ports | Path | Status | Owner | Date |\n\
                    |---|---|---|---|---|---|---|\n\
                    | web | Block 0 | 30000-30099 | ~/web | active | ana | 2026-11-01 |";
    let diff = diff_applies("reserve, no final newline", registry, &["reserve", "new-app", "--today", TODAY]);
    assert!(diff.contains("\n\\ No newline at end of file\n"), "{diff}");
    let sample = sample();
    let trimmed = sample.trim_end_matches('\n');
    diff_applies("add-instance, no final newline", trimmed, &["add-instance", "portreg", "--branch", "x"]);
    diff_applies("fmt, no final newline", trimmed, &["fmt"]);
}

#[test]
fn a_crlf_file() {
    let crlf = sample().replace('\n', "\r\n");
    diff_applies("reserve, CRLF", &crlf, &["reserve", "new-app", "--today", TODAY]);
    diff_applies("set-status, CRLF", &crlf, &["set-status", "billing-api", "archived", "--today", TODAY]);
    diff_applies("fmt, CRLF", &crlf, &["fmt"]);
}

#[test]
fn whole_table_edits_and_fixes() {
    let sample = sample();
    diff_applies("fmt", &sample, &["fmt"]);
    let broken = sample.replace("| my-project | 30500-30599 | Block 5 |", "| my-project | 30500-30599 | Block 4 |");
    diff_applies("fix", &broken, &["fix", "--today", TODAY]);
    diff_applies("migrate", &sample, &["migrate", "old-dashboard", "--today", TODAY, "--write"]);
}

#[test]
fn no_change_is_an_empty_diff() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ports.md");
    std::fs::write(&file, sample()).unwrap();
    let path = file.to_str().unwrap();
    assert_eq!(portreg(&["fmt", path]).status.code(), Some(0));
    let out = portreg(&["fmt", path, "--diff"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
}

#[test]
fn a_lone_cr_file_is_refused_a_diff_no_tool_could_apply_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ports.md");
    let lone = sample().replace('\n', "\r");
    std::fs::write(&file, &lone).unwrap();
    let path = file.to_str().unwrap();
    let out = portreg(&["set-status", "billing-api", "archived", path, "--today", TODAY, "--diff"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("lone CRs (an old Mac file)") && text(&out.stderr).contains("use --stdout"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), lone);
    // --stdout still prints the edited document, lone CRs kept.
    let printed = portreg(&["set-status", "billing-api", "archived", path, "--today", TODAY, "--stdout"]);
    assert_eq!(printed.status.code(), Some(0));
    assert!(!text(&printed.stdout).contains('\n') && text(&printed.stdout).contains("| archived |"));
}
