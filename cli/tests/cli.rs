//! `portreg` run as a process: exit codes, text lines and the JSON contract.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

fn fixture(code: &str) -> PathBuf {
    repo(&format!("core/tests/fixtures/rules/{code}.md"))
}

fn portreg(args: &[&str]) -> Output {
    portreg_with_stdin(args, None)
}

fn portreg_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_portreg"))
        .args(args)
        .env_remove("PORTREG_REGISTRY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("portreg starts");
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or_default()).unwrap();
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

const TODAY: [&str; 2] = ["--today", "2025-01-15"];

#[test]
fn clean_registry_exits_zero_even_with_warnings() {
    let sample = repo("examples/ports.md");
    let output = portreg(&["check", sample.to_str().unwrap(), "--today", "2026-11-27"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("warning[R203]"));
}

#[test]
fn errors_exit_one_with_file_line_severity_code_lines() {
    let path = fixture("B101");
    let output = portreg(&["check", path.to_str().unwrap(), TODAY[0], TODAY[1]]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let expected = format!("{}:4: error[B101] 30500-30599 overlaps `api` (30500-30599)", path.display());
    assert_eq!(text.lines().next(), Some(expected.as_str()), "{text}");
    assert!(text.lines().nth(1).unwrap().trim_start().starts_with("help: "));
    assert!(stderr(&output).contains("1 error"));
}

#[test]
fn json_output_follows_the_contract() {
    let path = fixture("I304");
    let output = portreg(&["check", path.to_str().unwrap(), "--format", "json", TODAY[0], TODAY[1]]);
    assert_eq!(output.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON object");
    let diagnostics = value["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 2);
    for d in diagnostics {
        for key in ["code", "severity", "line", "message", "help"] {
            assert!(d.get(key).is_some(), "missing {key} in {d}");
        }
    }
    assert_eq!(diagnostics[0]["code"], "I304");
    assert_eq!(diagnostics[0]["line"], 7);
    assert_eq!(value["summary"], serde_json::json!({"errors": 2, "warnings": 0, "infos": 0}));
    insta::assert_json_snapshot!("check_json_I304", value);
}

#[test]
fn reads_standard_input() {
    let doc = std::fs::read(fixture("R204")).unwrap();
    let output = portreg_with_stdin(&["check", "-", TODAY[0], TODAY[1]], Some(&doc));
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with("<stdin>:3: error[R204]"), "{}", stdout(&output));
}

#[test]
fn the_policy_document_has_no_registry() {
    let output = portreg(&["check", repo("core/tests/fixtures/port-policy.md").to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let codes: Vec<&str> =
        value["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["P006"]);
}

#[test]
fn unreadable_input_exits_two_with_one_line() {
    let missing = portreg(&["check", "no/such/ports.md"]);
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(stderr(&missing), "portreg: cannot read no/such/ports.md: No such file or directory\n");
    assert!(missing.stdout.is_empty());

    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("ports.md");
    std::fs::write(&binary, b"| Project | Ports |\n\xff\xfe\x00").unwrap();
    let output = portreg(&["check", binary.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("is not UTF-8 text"));
    assert_eq!(stderr(&output).lines().count(), 1);
}

#[test]
fn wrong_calls_exit_two() {
    assert_eq!(portreg(&["check", "--format", "xml", "x.md"]).status.code(), Some(2));
    assert_eq!(portreg(&["check", "--today", "2025-02-30", "x.md"]).status.code(), Some(2));
    assert_eq!(portreg(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(portreg(&["lookup", "70000"]).status.code(), Some(2));
    assert_eq!(portreg(&["lookup", "http"]).status.code(), Some(2));
}

#[test]
fn lookup_names_the_slot_and_its_holders() {
    let sample = repo("examples/ports.md");
    let output = portreg(&["lookup", "30213", "--registry", sample.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.starts_with("30213: block 2, instance 2 (Test/CI), +3 Supabase API\n"), "{text}");
    assert!(text.contains("held by assessment-tracker instance 2 (30210-30219, active)"), "{text}");

    let json = portreg(&["lookup", "54321", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["zone"], "reserved: Supabase defaults (54320-54999)");
}

#[test]
fn next_finds_a_free_block_and_a_free_instance() {
    let sample = repo("examples/ports.md");
    let sample = sample.to_str().unwrap();
    assert_eq!(stdout(&portreg(&["next", sample])), "block 4: 30400-30499\n");
    let instance = portreg(&["next", sample, "--project", "Assessment-Tracker"]);
    assert_eq!(stdout(&instance), "instance 4 of block 2: 30230-30239 (Feature Branch 2)\n");
    let unknown = portreg(&["next", sample, "--project", "nope"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert_eq!(stderr(&unknown), "portreg: no project `nope` in the registry\n");
}

#[test]
fn rules_prints_the_catalog_and_one_rule() {
    let all = stdout(&portreg(&["rules"]));
    assert_eq!(all.lines().count(), portreg_core_rule_count());
    let one = stdout(&portreg(&["rules", "r207"]));
    assert!(one.contains("net.ipv4.ip_local_reserved_ports"), "{one}");
    assert_eq!(portreg(&["rules", "X999"]).status.code(), Some(2));
}

fn portreg_core_rule_count() -> usize {
    portreg_core::RULES.len()
}
