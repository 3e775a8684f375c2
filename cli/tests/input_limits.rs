//! Input that is not a registry: endless devices, huge files and pipes, and a
//! standard input that is not open. Each is refused with exit 2 before it is
//! read whole.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_portreg");
const LIMIT: usize = 16 * 1024 * 1024;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs a shell line with `$0` set to portreg, memory held to 1 GiB.
fn shell(line: &str) -> Output {
    let script = format!("ulimit -v 1048576; {line}");
    Command::new("sh").args(["-c", &script, BIN]).env("RUST_BACKTRACE", "0").output().unwrap()
}

#[test]
fn an_endless_device_is_refused_within_bounded_memory() {
    let out = shell("exec \"$0\" check /dev/zero");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "portreg: /dev/zero is larger than 16 MiB, the limit for a registry\n");
    let out = shell("exec \"$0\" fmt --check /dev/zero");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let out = shell("exec \"$0\" check - < /dev/zero");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "portreg: standard input is larger than 16 MiB, the limit for a registry\n");
}

#[test]
fn a_file_one_byte_over_the_limit_is_refused_and_one_at_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let head = "| Project | Ports |\n|---|---|\n| web | 30000-30099 |\n";
    let file = dir.path().join("ports.md");
    let mut body = head.as_bytes().to_vec();
    body.resize(LIMIT, b'\n');
    std::fs::write(&file, &body).unwrap();
    let path = file.to_str().unwrap();
    let at_limit = Command::new(BIN).args(["check", path, "--today", "2025-01-15"]).output().unwrap();
    assert_eq!(at_limit.status.code(), Some(0), "{}", text(&at_limit.stderr));

    body.push(b'\n');
    std::fs::write(&file, &body).unwrap();
    for args in [&["check", path][..], &["next", path], &["reserve", "x", path], &["lookup", "1", "--registry", path]] {
        let over = Command::new(BIN).args(args).output().unwrap();
        assert_eq!(over.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&over.stderr), format!("portreg: {path} is larger than 16 MiB, the limit for a registry\n"));
    }
    assert_eq!(std::fs::metadata(&file).unwrap().len(), LIMIT as u64 + 1, "the file is left alone");
}

#[test]
fn a_pipe_over_the_limit_is_refused_without_reading_it_all() {
    let mut child = Command::new(BIN)
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let chunk = vec![b'\n'; 1024 * 1024];
        let mut sent = 0;
        while sent < 64 * 1024 * 1024 && stdin.write_all(&chunk).is_ok() {
            sent += chunk.len();
        }
        sent
    });
    let out = child.wait_with_output().unwrap();
    let sent = feeder.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "portreg: standard input is larger than 16 MiB, the limit for a registry\n");
    assert!(sent < 64 * 1024 * 1024, "portreg stopped reading at the limit ({sent} bytes sent)");
}

#[test]
fn a_closed_standard_input_is_an_error_not_an_empty_registry() {
    let out = shell("exec \"$0\" check - <&-");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "portreg: cannot read standard input: it is not open\n");
    assert!(out.stdout.is_empty());
    let out = shell("exec \"$0\" reserve x - <&-");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}

#[test]
fn an_empty_standard_input_is_an_empty_registry() {
    let out = Command::new(BIN).args(["check", "-", "--format", "json"]).stdin(Stdio::null()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["diagnostics"][0]["code"], "P006");
    let out = shell("exec \"$0\" check - < /dev/null");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
}

#[test]
fn the_limit_is_in_the_help() {
    for args in [&["--help"][..], &["check", "--help"], &["reserve", "--help"]] {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert!(text(&out.stdout).contains("16 MiB"), "{args:?}: {}", text(&out.stdout));
    }
}
