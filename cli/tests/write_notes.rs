//! What an edit says it did is what it did: run as a process in each mode
//! (written back, `--stdout`, `--diff`, standard input, standard input with
//! `--diff`), every edit command's note says the file was edited only when
//! its bytes changed, and says where the edit went when they did not.

use std::path::Path;
use std::process::{Command, Output, Stdio};

mod support;

use support::sample;

const TODAY: &str = "2026-11-27";

/// How an edit is asked to deliver its result.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// Into the file.
    Write,
    /// The edited document on standard output.
    Stdout,
    /// A diff on standard output.
    Diff,
    /// The registry on standard input, the result on standard output.
    Stdin,
    /// The registry on standard input, a diff on standard output.
    StdinDiff,
}

const MODES: [Mode; 5] = [Mode::Write, Mode::Stdout, Mode::Diff, Mode::Stdin, Mode::StdinDiff];

impl Mode {
    fn writes(self) -> bool {
        self == Mode::Write
    }
}

/// The sample with one label a safe fix corrects (P004).
fn fixable() -> String {
    sample().replace("| my-project | 30500-30599 | Block 5 |", "| my-project | 30500-30599 | Block 4 |")
}

/// Runs `portreg` with `args` on the registry `file` in `mode`: the
/// registry's place is `{}` in `args`.
fn run(args: &[&str], file: &Path, mode: Mode) -> Output {
    let path = file.to_str().unwrap();
    let registry = if matches!(mode, Mode::Stdin | Mode::StdinDiff) { "-" } else { path };
    let mut all: Vec<&str> = args.iter().map(|a| if *a == "{}" { registry } else { a }).collect();
    match mode {
        Mode::Stdout => all.push("--stdout"),
        Mode::Diff | Mode::StdinDiff => all.push("--diff"),
        Mode::Write | Mode::Stdin => {}
    }
    let stdin = match mode {
        Mode::Stdin | Mode::StdinDiff => Stdio::from(std::fs::File::open(file).unwrap()),
        _ => Stdio::null(),
    };
    Command::new(env!("CARGO_BIN_EXE_portreg")).args(&all).env_remove("PORTREG_REGISTRY").stdin(stdin).output().unwrap()
}

/// Each command in each mode: exit status, whether the file changed, and
/// what it said on standard error (the temp dir written `DIR`). A mode that
/// does not write leaves the file's bytes as they were.
fn report(commands: &[(&str, String, Vec<&str>)]) -> String {
    let mut report = String::new();
    for (what, text, args) in commands {
        for mode in MODES {
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("ports.md");
            std::fs::write(&file, text).unwrap();
            std::fs::write(dir.path().join("listing.txt"), "node 7 a 3u IPv4 1 0t0 TCP 127.0.0.1:40003 (LISTEN)\n")
                .unwrap();
            let args: Vec<String> =
                args.iter().map(|a| a.replace("LISTING", dir.path().join("listing.txt").to_str().unwrap())).collect();
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = run(&args, &file, mode);
            let after = std::fs::read(&file).unwrap();
            let changed = after != text.as_bytes();
            if !mode.writes() {
                assert!(!changed, "{what} {mode:?} changed the file");
            }
            if mode.writes() {
                assert!(changed, "{what} {mode:?} left the file as it was");
            }
            if !mode.writes() {
                assert!(!out.stdout.is_empty(), "{what} {mode:?} printed nothing");
            }
            let stderr = String::from_utf8(out.stderr).unwrap().replace(dir.path().to_str().unwrap(), "DIR");
            let file = if changed { "written" } else { "unchanged" };
            report.push_str(&format!("== {what} {mode:?}: exit {:?}, file {file}\n{stderr}", out.status.code()));
        }
    }
    report
}

#[test]
fn each_edit_says_where_its_result_went() {
    let commands = [
        ("reserve", sample(), vec!["reserve", "new-app", "{}", "--today", TODAY]),
        ("add-instance", sample(), vec!["add-instance", "assessment-tracker", "{}", "--branch", "feature/x"]),
        ("set-status", sample(), vec!["set-status", "billing-api", "archived", "{}", "--today", TODAY]),
        ("fix", fixable(), vec!["fix", "{}", "--today", TODAY]),
        ("fmt", sample(), vec!["fmt", "{}"]),
        ("migrate --write", sample(), vec!["migrate", "old-dashboard", "{}", "--today", TODAY, "--write"]),
        ("emergency", sample(), vec!["emergency", "spousey-app", "{}", "--listing", "LISTING", "--today", TODAY]),
    ];
    insta::assert_snapshot!(report(&commands));
}

#[test]
fn fix_says_would_fix_for_what_it_only_shows() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ports.md");
    std::fs::write(&file, fixable()).unwrap();
    let diff = run(&["fix", "{}", "--today", TODAY], &file, Mode::Diff);
    let said = support::stderr(&diff);
    assert!(!said.contains("portreg: fixed"), "{said}");
    assert!(said.contains("portreg: would fix P004: Change the label to Block 5\n"), "{said}");
    assert!(said.contains("run without --diff"), "{said}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), fixable());
    // Run without --diff, as the note says: the file gets the fix the diff showed.
    let shown = support::stdout(&diff);
    let written = run(&["fix", "{}", "--today", TODAY], &file, Mode::Write);
    assert_eq!(support::stderr(&written), "portreg: fixed P004: Change the label to Block 5\n");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), sample());
    assert!(shown.contains("+| my-project | 30500-30599 | Block 5 |"), "{shown}");
}

#[test]
fn an_edit_that_changes_nothing_says_so_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ports.md");
    std::fs::write(&file, sample()).unwrap();
    assert!(run(&["fmt", "{}"], &file, Mode::Write).status.success());
    let formatted = std::fs::read_to_string(&file).unwrap();
    // Read-only: a rewrite would fail, so a note of success proves none was tried.
    let mut permissions = std::fs::metadata(&file).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&file, permissions).unwrap();
    let mut said = String::new();
    for mode in MODES {
        let out = run(&["fmt", "{}"], &file, mode);
        assert_eq!(out.status.code(), Some(0), "{mode:?}: {}", support::stderr(&out));
        said.push_str(&support::stderr(&out).replace(dir.path().to_str().unwrap(), "DIR"));
        // The document still goes to standard output (an empty diff shows no change).
        let expected = if matches!(mode, Mode::Stdout | Mode::Stdin) { formatted.as_str() } else { "" };
        assert_eq!(support::stdout(&out), expected, "{mode:?}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), formatted);
    assert_eq!(
        said,
        "portreg: already formatted: DIR/ports.md is unchanged\n".repeat(3)
            + &"portreg: already formatted: <stdin> is unchanged\n".repeat(2)
    );
}

#[test]
fn fmt_check_names_the_command_that_formats_and_it_works_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team's ports $(x).md");
    std::fs::write(&file, sample()).unwrap();
    let check = support::portreg(&["fmt", "--check", file.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1));
    let said = support::stdout(&check);
    // Nothing was aligned yet: the line says what is to do, not what was done.
    assert!(!said.contains("aligned"), "{said}");
    let command = said.split('`').nth(1).unwrap_or_else(|| panic!("no command in {said}"));
    assert!(command.starts_with("portreg fmt '"), "{said}");
    let bin = Path::new(env!("CARGO_BIN_EXE_portreg")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let ran = Command::new("bash").args(["-c", command]).env("PATH", path).output().unwrap();
    assert!(ran.status.success(), "`{command}`: {}", support::stderr(&ran));
    assert_eq!(support::portreg(&["fmt", "--check", file.to_str().unwrap()]).status.code(), Some(0));
}

/// The registry on standard input: standard output holds the edited
/// registry alone (the plan goes to standard error), and each step of the
/// way back runs as written with that registry on its standard input.
#[test]
fn emergency_on_standard_input_prints_only_the_registry_and_steps_that_run() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ports.md");
    std::fs::write(&file, sample()).unwrap();
    let listing = dir.path().join("listing.txt");
    std::fs::write(&listing, "node 7 a 3u IPv4 1 0t0 TCP 127.0.0.1:40003 (LISTEN)\n").unwrap();
    let args = ["emergency", "spousey-app", "{}", "--listing", listing.to_str().unwrap(), "--today", TODAY];
    let out = run(&args, &file, Mode::Stdin);
    assert_eq!(out.status.code(), Some(0), "{}", support::stderr(&out));
    let edited = support::stdout(&out);
    let written = run(&args, &file, Mode::Write);
    assert_eq!(edited, std::fs::read_to_string(&file).unwrap(), "standard output holds exactly the edited registry");
    assert!(support::stdout(&written).starts_with("Emergency ports for spousey-app"));
    let plan = support::stderr(&out);
    assert!(!plan.contains("<stdin>"), "{plan}");
    let steps = support::plan_steps(&plan);
    assert_eq!(steps.len(), 3, "{plan}");
    let saved = dir.path().join("edited.md");
    std::fs::write(&saved, &edited).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_portreg")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    for step in steps {
        let ran = Command::new("sh")
            .args(["-c", step])
            .stdin(std::fs::File::open(&saved).unwrap())
            .env("PATH", &path)
            .env_remove("PORTREG_REGISTRY")
            .output()
            .unwrap();
        // `portreg usage` exits 1 when the live machine shows an error; 2 would be a command that does not run.
        let ok = if step.starts_with("portreg usage") { ran.status.code() != Some(2) } else { ran.status.success() };
        assert!(ok, "`{step}` failed: {}", support::stderr(&ran));
        if step.starts_with("portreg set-status") {
            assert!(support::stdout(&ran).contains("| spousey-app |  | 40010-40019 |"), "{}", support::stdout(&ran));
            assert!(support::stdout(&ran).contains("| archived |"));
        }
    }
}
