//! Editing commands run as a process: they write atomically, print on request,
//! refuse bad requests with exit 1, and never leave a half-written file.

use std::path::Path;
use std::process::{Command, Output};

mod support;

use support::{sample, workspace};

const TODAY: &str = "2026-11-27";

fn portreg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portreg")).args(args).env_remove("PORTREG_REGISTRY").output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn error_count(file: &Path) -> u64 {
    let out = portreg(&["check", file.to_str().unwrap(), "--format", "json", "--today", TODAY]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    value["summary"]["errors"].as_u64().unwrap()
}

#[test]
fn reserve_then_check_gives_no_new_error() {
    let (dir, file) = workspace();
    let path = file.to_str().unwrap();
    let before = error_count(&file);
    let out = portreg(&["reserve", "new-app", path, "--path", "/src/new-app", "--owner", "ana", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), format!("portreg: reserved block 4 (30400-30499) for `new-app` in {path}\n"));
    let after = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        after,
        sample().replace(
            "| username | 2026-11-20 |\n",
            "| username | 2026-11-20 |\n| new-app | Block 4 | 30400-30499 | /src/new-app | reserved | ana | 2026-11-27 |\n"
        )
    );
    assert_eq!(error_count(&file), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, ["ports.md"], "no temp file is left behind");
}

#[test]
fn refused_requests_exit_one_and_change_nothing() {
    let (_dir, file) = workspace();
    let path = file.to_str().unwrap();
    let taken = portreg(&["reserve", "x", path, "--block", "2"]);
    assert_eq!(taken.status.code(), Some(1));
    assert_eq!(text(&taken.stderr), "portreg: block 2 is already taken\n");
    let known = portreg(&["add-instance", "nope", path]);
    assert_eq!(known.status.code(), Some(1));
    assert_eq!(text(&known.stderr), "portreg: no project `nope` in the registry\n");
    let bad_status = portreg(&["set-status", "portreg", "paused", path]);
    assert_eq!(bad_status.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), sample());
}

/// Makes a directory unwritable even for root (the immutable attribute), and
/// writable again when dropped.
struct ReadOnlyDir<'a>(&'a Path);

impl<'a> ReadOnlyDir<'a> {
    fn new(dir: &'a Path) -> Self {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        if std::fs::write(dir.join("probe"), "").is_ok() {
            std::fs::remove_file(dir.join("probe")).unwrap();
            let immutable = Command::new("chattr").arg("+i").arg(dir).status();
            assert!(immutable.is_ok_and(|s| s.success()), "cannot make {} read-only for this user", dir.display());
        }
        Self(dir)
    }
}

impl Drop for ReadOnlyDir<'_> {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = Command::new("chattr").arg("-i").arg(self.0).status();
        let _ = std::fs::set_permissions(self.0, std::fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn a_write_into_a_read_only_place_fails_and_keeps_the_file() {
    let (dir, file) = workspace();
    let guard = ReadOnlyDir::new(dir.path());
    let out = portreg(&["reserve", "new-app", file.to_str().unwrap(), "--today", TODAY]);
    let stderr = text(&out.stderr);
    drop(guard);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.starts_with(&format!("portreg: cannot write {}: ", file.display())), "{stderr}");
    assert!(stderr.trim_end().ends_with("(the file is unchanged)"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), sample());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn stdout_and_diff_leave_the_file_alone() {
    let (_dir, file) = workspace();
    let path = file.to_str().unwrap();
    let printed = portreg(&["add-instance", "assessment-tracker", path, "--branch", "feature/x", "--stdout"]);
    assert_eq!(printed.status.code(), Some(0));
    assert!(text(&printed.stdout)
        .contains("| assessment-tracker | 4 | 30230-30239 | Feature Branch 2 | active | feature/x |\n"));
    let diff = portreg(&["set-status", "billing-api", "archived", path, "--today", TODAY, "--diff"]);
    let diff = text(&diff.stdout);
    assert!(
        diff.contains("-| billing-api | Block 3 | 30300-30399 | ~/src/billing-api | inactive | sam | 2026-10-20 |\n"),
        "{diff}"
    );
    assert!(
        diff.contains("+| billing-api | Block 3 | 30300-30399 | ~/src/billing-api | archived | sam | 2026-11-27 |\n"),
        "{diff}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), sample());
}

#[test]
fn standard_input_is_edited_to_standard_output() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_portreg"))
        .args(["reserve", "piped", "-", "--today", TODAY])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), sample().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("| piped | Block 4 | 30400-30499 |  | reserved |  | 2026-11-27 |\n"));
}

#[test]
fn fix_and_fmt_rewrite_the_file() {
    let (_dir, file) = workspace();
    let path = file.to_str().unwrap();
    let broken = sample().replace("| my-project | 30500-30599 | Block 5 |", "| my-project | 30500-30599 | Block 4 |");
    std::fs::write(&file, &broken).unwrap();
    let fixed = portreg(&["fix", path, "--today", TODAY]);
    assert_eq!(fixed.status.code(), Some(0));
    assert_eq!(text(&fixed.stderr), "portreg: fixed P004: Change the label to Block 5\n");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), sample());

    assert_eq!(portreg(&["fmt", path, "--check"]).status.code(), Some(1));
    assert_eq!(portreg(&["fmt", path]).status.code(), Some(0));
    assert_eq!(portreg(&["fmt", path, "--check"]).status.code(), Some(0));
    let formatted = std::fs::read_to_string(&file).unwrap();
    assert!(formatted.contains("\n| portreg            | Block 0     | 30000-30099 | ~/src/portreg "), "{formatted}");
    assert_eq!(formatted.lines().count(), sample().lines().count());
}

#[test]
fn env_prints_each_snippet() {
    let (_dir, file) = workspace();
    let path = file.to_str().unwrap();
    let env = portreg(&["env", "spousey-app", path, "--instance", "2"]);
    assert_eq!(text(&env.stdout).lines().next(), Some("FRONTEND_PORT=30110"));
    for format in ["env-example", "toml", "compose", "scripts", "ports-sh", "check-ports-sh"] {
        let out = portreg(&["env", "spousey-app", path, "--format", format]);
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert!(text(&out.stdout).contains("30100"), "{format}");
    }
    let unknown = portreg(&["env", "nope", path]);
    assert_eq!(unknown.status.code(), Some(1));
}

#[test]
fn migrate_prints_a_plan_and_writes_its_edits() {
    let (_dir, file) = workspace();
    let path = file.to_str().unwrap();
    let plan = portreg(&["migrate", "old-dashboard", path, "--today", TODAY]);
    assert_eq!(plan.status.code(), Some(0));
    let plan = text(&plan.stdout);
    assert!(plan.starts_with("# Migration plan: old-dashboard\n"));
    assert!(plan.contains("| 54322 | 30402 | 1 | +2 Database |  |"), "{plan}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), sample());
    let write = portreg(&["migrate", "old-dashboard", path, "--today", TODAY, "--write"]);
    assert_eq!(write.status.code(), Some(0));
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.contains(
        "| old-dashboard | 3000, 8000, 54321-54323 | ~/src/old-dashboard | deprecated | maria | 2026-11-27 |"
    ));
    assert!(after
        .contains("| old-dashboard | Block 4 | 30400-30499 | ~/src/old-dashboard | reserved | maria | 2026-11-27 |"));
    let check = portreg(&["check", path, "--today", TODAY]);
    assert_eq!(check.status.code(), Some(0));
    assert!(!text(&check.stdout).contains("R203"), "the deprecated row takes part in nothing");
}

#[test]
fn unsafe_fixes_are_shown_and_applied_only_when_asked() {
    let (dir, file) = workspace();
    let path = file.to_str().unwrap();
    let doc = "| Project | Block | Ports | Status |\n|---|---|---|---|\n| a | Block 0 | 30000-30099 | active |\n\
               | b | Block 0 | 30000-30099 | active |\n";
    std::fs::write(&file, doc).unwrap();
    let safe = portreg(&["fix", path, "--today", TODAY]);
    assert_eq!(safe.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), doc, "an unsafe fix was applied without asking");
    let note = text(&safe.stderr);
    assert!(note.contains("not applied, unsafe: B101: Move to the next free block"), "{note}");
    assert!(note.contains("`b` may already run on 30000-30099") && note.contains("--unsafe-fixes"), "{note}");
    let json = portreg(&["check", path, "--format", "json", "--today", TODAY]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["diagnostics"][0]["fix_applicability"], "unsafe");

    let all = portreg(&["fix", path, "--unsafe-fixes", "--today", TODAY]);
    assert_eq!(all.status.code(), Some(0), "{}", text(&all.stderr));
    assert!(std::fs::read_to_string(&file).unwrap().contains("| b | Block 1 | 30100-30199 | active |"));
    assert_eq!(error_count(&file), 0);
    drop(dir);
}

#[test]
fn fix_with_nothing_to_fix_still_passes_the_document_on() {
    let (_dir, file) = workspace();
    let path = file.to_str().unwrap();
    let piped = Command::new(env!("CARGO_BIN_EXE_portreg"))
        .args(["fix", "-", "--today", TODAY])
        .stdin(std::fs::File::open(&file).unwrap())
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(0));
    assert_eq!(text(&piped.stdout), sample());
    let stdout = portreg(&["fix", path, "--stdout", "--today", TODAY]);
    assert_eq!(text(&stdout.stdout), sample());
    assert!(text(&stdout.stderr).contains("nothing to fix"));
}

#[test]
fn a_printed_edit_says_the_file_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let file = support::write(dir.path(), "ports.md", support::CLEAN);
    let path = file.to_str().unwrap();
    let printed = support::portreg(&["reserve", "web", path, "--stdout", "--today", support::TODAY]);
    assert!(
        support::stderr(&printed).contains("ports.md is unchanged: the result was printed"),
        "{}",
        support::stderr(&printed)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), support::CLEAN);
    let written = support::portreg(&["reserve", "web", path, "--today", support::TODAY]);
    assert!(support::stderr(&written).ends_with(&format!("in {path}\n")), "{}", support::stderr(&written));
}

#[test]
fn no_edit_touches_a_registry_left_with_a_merge_conflict() {
    // A marker line right after a table row reads as one of its rows: aligning it, or adding a row
    // at the table's end, would break the conflict or put the row in one side of it.
    let conflicted = "| Project | Block | Ports | Status |\n|---|---|---|---|\n\
                      | api | Block 0 | 30000-30099 | active |\n| old | | 3000 | legacy |\n\
                      <<<<<<< ours\n| web | Block 1 | 30100-30199 | active |\n\
                      =======\n| www | Block 1 | 30100-30199 |   active |\n\
                      >>>>>>> theirs\n";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ports.md");
    std::fs::write(&file, conflicted).unwrap();
    let path = file.to_str().unwrap();
    for command in [
        vec!["fmt", path],
        vec!["fmt", "--check", path],
        vec!["fix", path, "--unsafe-fixes"],
        vec!["reserve", "new", path],
        vec!["add-instance", "api", path],
        vec!["set-status", "api", "inactive", path],
        vec!["emergency", "api", path],
        vec!["migrate", "old", path, "--write"],
    ] {
        let out = portreg(&command);
        assert_eq!(out.status.code(), Some(1), "{command:?}: {}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains("merge conflict's marker lines (G702): resolve the conflict first"),
            "{command:?}"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), conflicted, "{command:?}");
    }
}
