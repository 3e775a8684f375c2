//! Standard output that goes away: a pipe closed by its reader ends the run
//! quietly, any other failed write is one line on standard error and exit 2.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

fn portreg() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_portreg"));
    command.env_remove("PORTREG_REGISTRY").env("RUST_BACKTRACE", "0");
    command
}

/// A registry with `rows` privileged-port errors: far more output than a pipe holds.
fn big_registry(dir: &Path, rows: usize) -> std::path::PathBuf {
    let mut text = String::from("| Project | Ports |\n|---|---|\n");
    for i in 0..rows {
        text.push_str(&format!("| p{i} | 443 |\n"));
    }
    let file = dir.join("ports.md");
    std::fs::write(&file, text).unwrap();
    file
}

/// Runs `args`, reads the first bytes of standard output, closes the pipe and
/// waits: returns the exit code and standard error.
fn read_a_little_then_close(args: &[&str]) -> (Option<i32>, String) {
    let mut child = portreg().args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut pipe = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    pipe.read_exact(&mut first).unwrap();
    drop(pipe);
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    (child.wait().unwrap().code(), stderr)
}

#[test]
fn a_closed_pipe_ends_quietly_with_the_commands_status() {
    let dir = tempfile::tempdir().unwrap();
    let file = big_registry(dir.path(), 20_000);
    let path = file.to_str().unwrap();
    let (code, stderr) = read_a_little_then_close(&["check", path, "--today", "2025-01-15"]);
    assert_eq!(code, Some(1), "check found errors, so it exits 1 as if all was printed: {stderr}");
    assert!(stderr.starts_with(&format!("{path}: ")), "only the usual count: {stderr}");
    assert!(stderr.ends_with(" errors, 0 warnings, 0 infos\n") && stderr.lines().count() == 1, "{stderr}");

    let (code, stderr) = read_a_little_then_close(&["check", path, "--format", "json", "--today", "2025-01-15"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stderr, "");

    let (code, stderr) = read_a_little_then_close(&["fmt", path, "--stdout"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("cannot write"), "{stderr}");
}

/// Runs `args` with standard output on `/dev/full`.
fn into_full_device(args: &[&str]) -> std::process::Output {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    portreg().args(args).stdout(full).output().unwrap()
}

#[test]
fn a_failed_write_is_one_line_and_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let file = big_registry(dir.path(), 3);
    let path = file.to_str().unwrap();
    let calls: [&[&str]; 6] = [
        &["rules"],
        &["rules", "B101"],
        &["check", path, "--today", "2025-01-15"],
        &["lookup", "30213"],
        &["fmt", path, "--stdout"],
        &["--help"],
    ];
    for args in calls {
        let out = into_full_device(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        let stderr = String::from_utf8(out.stderr).unwrap();
        let last = stderr.lines().last().unwrap_or_default();
        assert_eq!(last, "portreg: cannot write to standard output: No space left on device", "{args:?}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_failed_write_to_standard_error_is_not_a_panic() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = portreg().args(["check", "no/such/ports.md"]).stderr(full).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = portreg().args(["frobnicate"]).stderr(full).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
