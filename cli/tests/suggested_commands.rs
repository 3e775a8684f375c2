//! Every `portreg` command a finding suggests works as written: run by a
//! shell, in a folder holding the rule's fixture as `ports.md`, it succeeds.

use std::path::Path;
use std::process::Command;

use portreg_core::{check, Date, Policy, RULES};

#[test]
fn every_suggested_command_runs() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/rules");
    let mut ran = 0;
    for rule in RULES {
        let source = std::fs::read_to_string(fixtures.join(format!("{}.md", rule.code))).unwrap();
        let today = Date::parse("2025-01-15").unwrap();
        for finding in check(&source, &Policy::default(), today) {
            for command in commands(&finding.help) {
                run_beside("sh", &source, &command)
                    .unwrap_or_else(|output| panic!("{}: `{command}` failed:\n{output}", rule.code));
                ran += 1;
            }
        }
    }
    assert!(ran >= 5, "only {ran} suggested commands found");
}

/// Runs `command` in `shell`, in a folder holding `source` as `ports.md`,
/// with the built `portreg` first on the path; its output when it fails.
fn run_beside(shell: &str, source: &str, command: &str) -> Result<(), String> {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_portreg")).parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ports.md"), source).unwrap();
    let output = Command::new(shell)
        .args(["-c", &format!("{command} 2>&1")])
        .current_dir(dir.path())
        .env("PATH", &path)
        .env_remove("PORTREG_REGISTRY")
        .output()
        .unwrap();
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stdout).into_owned())
    }
}

/// A registry whose names start with `-` (first) or hold a bidirectional
/// mark (second) on the rows that make check and usage suggest a command:
/// I301 (reserve), R202 and R203 (migrate, env), U602 (add-instance), U606
/// and U608 (set-status).
fn hostile_registry(prefix: &str, mark: &str) -> String {
    format!(
        "| Project Name | Block | Ports | Path | Status | Owner | Date |\n|---|---|---|---|---|---|---|\n\
         | {prefix}api{mark} | Block 5 | 30500-30599 | ~/a | active | o | 2025-01-02 |\n\
         | {prefix}old{mark} |  | 3000 | ~/o | legacy | o | 2025-01-02 |\n\
         | {prefix}supa{mark} | Block 6 | 30600-30699, 54321-54323 | ~/s | active | o | 2025-01-02 |\n\n\
         | Project | Instance | Ports | Purpose | Status | Branch/Environment |\n|---|---|---|---|---|---|\n\
         | {prefix}api{mark} | 1 | 30500-30509 | Development/Main | active | main |\n\
         | {prefix}api{mark} | 2 | 30510-30519 | Test | inactive | ci |\n\
         | {prefix}ghost{mark} | 1 | 30700-30709 | Development/Main | active | main |\n"
    )
}

/// Every help of check and of usage (on a listing taken as whole) for `source`.
fn helps(source: &str) -> Vec<(String, String)> {
    let today = Date::parse("2025-01-15").unwrap();
    let lsof = "COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME\n\
                node 1 a 3u IPv4 1 0t0 TCP 127.0.0.1:30511 (LISTEN)\n\
                node 2 a 3u IPv4 1 0t0 TCP 127.0.0.1:30520 (LISTEN)\n";
    let mut listing = portreg_core::usage::parse(lsof).unwrap();
    listing.whole = true;
    let document = portreg_core::Document::new(source, Policy::default());
    let mut found = check(source, &Policy::default(), today);
    found.extend(document.usage(&listing, today));
    found.iter().map(|d| (d.code().to_owned(), d.help.clone())).collect()
}

/// The `portreg` commands quoted in `help`.
fn commands(help: &str) -> Vec<String> {
    help.split('`').skip(1).step_by(2).filter(|q| q.starts_with("portreg ")).map(str::to_owned).collect()
}

#[test]
fn commands_for_names_starting_with_a_dash_run_as_written() {
    let source = hostile_registry("-", "");
    let mut codes = Vec::new();
    for (code, help) in helps(&source) {
        for command in commands(&help) {
            run_beside("bash", &source, &command)
                .unwrap_or_else(|output| panic!("{code}: `{command}` failed:\n{output}"));
            codes.push(code.clone());
        }
    }
    for code in ["I301", "R202", "R203", "U602", "U606", "U608"] {
        assert!(codes.iter().any(|c| c == code), "no command run for {code}: {codes:?}");
    }
}

#[test]
fn no_command_is_suggested_for_a_name_portreg_refuses() {
    for mark in ["\u{200f}", "&#x61C;"] {
        let source = hostile_registry("", mark);
        let character =
            if mark == "\u{200f}" { "U+200F, a bidirectional mark" } else { "U+061C, a bidirectional mark" };
        let mut codes = Vec::new();
        for (code, help) in helps(&source) {
            if code == "P007" || !help.contains("portreg") && !help.contains("P007") {
                continue;
            }
            assert!(commands(&help).is_empty(), "{code}: {help}");
            assert!(
                help.contains(character) && help.contains("remove the character from the cell (P007)"),
                "{code}: {help}"
            );
            codes.push(code);
        }
        for code in ["I301", "R202", "R203", "U602", "U606", "U608"] {
            assert!(codes.iter().any(|c| c == code), "{mark}: no refusal for {code}: {codes:?}");
        }
    }
}
