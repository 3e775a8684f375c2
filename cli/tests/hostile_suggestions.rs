//! Commands portreg suggests for a registry file whose name starts with `-`
//! or is not UTF-8, for one read from standard input, for project names
//! that start with `-`, and for branches portreg never records: each one
//! given runs as written in a real bash against this binary, and none is
//! given that portreg would refuse.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

mod gitrepo;
mod support;

use support::{plan_steps, sample, stderr, stdout, TODAY};

/// The `portreg` commands quoted in `text`.
fn quoted(text: &str) -> Vec<String> {
    text.split('`').skip(1).step_by(2).filter(|q| q.starts_with("portreg ")).map(str::to_owned).collect()
}

/// Runs `command` with bash in `dir`, this portreg first on PATH.
fn bash(dir: &Path, command: &str) -> Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_portreg")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    Command::new("bash")
        .args(["-c", command])
        .current_dir(dir)
        .env("PATH", path)
        .env_remove("PORTREG_REGISTRY")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Runs portreg in `dir` with `args` (bytes: a file name need not be UTF-8).
fn portreg_in(dir: &Path, args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portreg"))
        .args(args)
        .current_dir(dir)
        .env_remove("PORTREG_REGISTRY")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn fmt_check_on_files_named_with_a_dash_or_not_in_utf8_names_a_command_that_formats_them() {
    for name in [OsStr::new("-x.md"), OsStr::from_bytes(b"lat\xe9.md"), OsStr::new("--help")] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), sample()).unwrap();
        let check = portreg_in(dir.path(), &[OsStr::new("fmt"), OsStr::new("--check"), OsStr::new("--"), name]);
        assert_eq!(check.status.code(), Some(1), "{name:?}: {}", stderr(&check));
        let said = String::from_utf8_lossy(&check.stdout).into_owned();
        let commands = quoted(&said);
        assert_eq!(commands.len(), 1, "{said}");
        let ran = bash(dir.path(), &commands[0]);
        assert!(ran.status.success(), "{name:?}: `{}`: {}", commands[0], stderr(&ran));
        let again = portreg_in(dir.path(), &[OsStr::new("fmt"), OsStr::new("--check"), OsStr::new("--"), name]);
        assert_eq!(again.status.code(), Some(0), "{name:?}: `{}` did not format it", commands[0]);
    }
}

#[test]
fn fmt_check_on_standard_input_says_it_is_not_rewritten_and_how_to_align_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ports.md"), sample()).unwrap();
    let check = bash(dir.path(), "portreg fmt --check - < ports.md");
    assert_eq!(check.status.code(), Some(1));
    let said = stdout(&check);
    assert!(said.contains("standard input is not rewritten"), "{said}");
    assert!(!said.contains("'-'"), "{said}");
    // As it says: the registry piped to the command comes out aligned.
    let command = &quoted(&said)[0];
    let ran = bash(dir.path(), &format!("{command} < ports.md > aligned.md"));
    assert!(ran.status.success(), "{}", stderr(&ran));
    let aligned = bash(dir.path(), "portreg fmt --check aligned.md");
    assert_eq!(aligned.status.code(), Some(0), "{}", stdout(&aligned));
}

#[test]
fn review_names_the_usage_command_for_a_file_not_in_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let name = OsStr::from_bytes(b"lat\xe9.md");
    std::fs::write(dir.path().join(name), sample()).unwrap();
    let review = portreg_in(dir.path(), &[OsStr::new("review"), name, OsStr::new("--today"), OsStr::new(TODAY)]);
    assert_eq!(review.status.code(), Some(0), "{}", stderr(&review));
    let said = String::from_utf8_lossy(&review.stdout).into_owned();
    let command = quoted(&said).into_iter().find(|c| c.starts_with("portreg usage")).expect("a usage command");
    assert_eq!(command, "portreg usage $'lat\\xe9.md'");
    // It reads the file (exit 2 would be a file it cannot read).
    let ran = bash(dir.path(), &command);
    assert_ne!(ran.status.code(), Some(2), "`{command}`: {}", stderr(&ran));
}

/// The way back from emergency ports of a project whose name starts with
/// `-`, kept in a file whose name starts with `-`: every step runs.
#[test]
fn emergency_steps_for_dashed_names_run_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let registry = sample().replace("| spousey-app |", "| -spousey |");
    std::fs::write(dir.path().join("-ports.md"), &registry).unwrap();
    let args = ["emergency", "--today", TODAY, "--", "-spousey", "-ports.md"].map(OsStr::new);
    let out = portreg_in(dir.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let plan = stdout(&out);
    let steps = plan_steps(&plan);
    assert_eq!(steps.len(), 3, "{plan}");
    for step in steps {
        let ran = bash(dir.path(), step);
        let ok = if step.starts_with("portreg usage") { ran.status.code() != Some(2) } else { ran.status.success() };
        assert!(ok, "`{step}`: {}", stderr(&ran));
    }
    let text = std::fs::read_to_string(dir.path().join("-ports.md")).unwrap();
    assert!(text.lines().any(|l| l.starts_with("| -spousey |") && l.contains("| archived |")), "{text}");
}

/// A repository whose `api` project has a registry beside it, and a worktree
/// on a branch holding U+200F (RIGHT-TO-LEFT MARK), which portreg never records.
fn marked_branch() -> (gitrepo::Repo, std::path::PathBuf, std::path::PathBuf) {
    let repo = gitrepo::Repo::new("# api\n");
    let registry = repo.home.path().join("ports.md");
    std::fs::write(&registry, gitrepo::API_REGISTRY).unwrap();
    let wt = repo.home.path().join("wt");
    repo.git(&["worktree", "add", "-q", "-b", "feat\u{200f}x", wt.to_str().unwrap()]);
    (repo, registry, wt)
}

#[test]
fn env_for_a_branch_portreg_never_records_says_to_rename_it_not_to_lease() {
    let (repo, registry, wt) = marked_branch();
    let before = std::fs::read_to_string(&registry).unwrap();
    for args in [
        vec!["env", registry.to_str().unwrap()],
        vec!["env", "api", registry.to_str().unwrap(), "--branch", "other\u{200f}"],
    ] {
        let out = repo.portreg_in(&wt, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        let said = stderr(&out);
        assert!(quoted(&said).is_empty(), "{args:?}: {said}");
        assert!(said.contains("holds U+200F, a bidirectional mark"), "{said}");
        assert!(said.contains("rename the branch"), "{said}");
    }
    assert_eq!(std::fs::read_to_string(&registry).unwrap(), before);
}

#[test]
fn env_for_a_branch_starting_with_a_dash_gives_an_add_instance_that_runs() {
    let (repo, registry, wt) = marked_branch();
    let out = repo.portreg_in(&wt, &["env", "api", registry.to_str().unwrap(), "--branch=-next"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let command = quoted(&stderr(&out)).pop().unwrap_or_else(|| panic!("no command in {}", stderr(&out)));
    let ran = bash(&wt, &command);
    assert!(ran.status.success(), "`{command}`: {}", stderr(&ran));
    let text = std::fs::read_to_string(&registry).unwrap();
    assert!(text.ends_with("| -next |\n"), "{text}");
}

#[test]
fn migrate_refuses_diff_and_stdout_without_write() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ports.md"), sample()).unwrap();
    for flag in ["--diff", "--stdout"] {
        let args = ["migrate", "old-dashboard", "ports.md", flag, "--today", TODAY].map(OsStr::new);
        let out = portreg_in(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{flag}: {}", stdout(&out));
        assert!(stdout(&out).is_empty(), "{flag}: {}", stdout(&out));
        assert!(stderr(&out).contains(&format!("{flag} applies to --write")), "{}", stderr(&out));
    }
    let args = ["migrate", "old-dashboard", "ports.md", "--write", "--diff", "--today", TODAY].map(OsStr::new);
    let out = portreg_in(dir.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("---"), "{}", stdout(&out));
}

#[test]
fn set_status_to_the_status_a_row_has_says_it_already_has_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ports.md"), sample()).unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["set-status"];
        all.extend(args);
        all.extend(["ports.md", "--today", TODAY]);
        portreg_in(dir.path(), &all.iter().map(OsStr::new).collect::<Vec<_>>())
    };
    assert!(run(&["portreg", "active"]).status.success());
    let before = std::fs::read(dir.path().join("ports.md")).unwrap();
    let again = run(&["portreg", "active"]);
    assert_eq!(stderr(&again), "portreg: `portreg` is already active: ports.md is unchanged\n");
    let instance = run(&["portreg", "active", "--instance", "1"]);
    assert_eq!(stderr(&instance), "portreg: instance 1 of `portreg` is already active: ports.md is unchanged\n");
    assert_eq!(std::fs::read(dir.path().join("ports.md")).unwrap(), before);
}
