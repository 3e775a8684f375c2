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
    // An absolute path is named from the root, without its leading `/`, which git apply refuses.
    let named = path.trim_start_matches('/');
    assert!(diff_text.starts_with(&format!("--- a/{named}\n+++ b/{named}\n@@ ")), "{case}:\n{diff_text}");

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

/// Runs `tool` (with `args`, the diff on its standard input) in `dir`.
fn apply_in(dir: &std::path::Path, tool: &str, args: &[&str], diff: &[u8]) -> Output {
    let mut child = Command::new(tool)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{tool} is installed: {e}"));
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), diff).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn patch_and_git_apply_find_the_file_whatever_its_name() {
    let registry = sample();
    for name in ["d e.md", "./d e.md", ".//x.md", "q\"uote\\d.md", "tab\there.md", "-x $(touch P).md", "é.md"] {
        let dir = tempfile::tempdir().unwrap();
        let on_disk = dir.path().join(name.trim_start_matches("./").trim_start_matches('/'));
        std::fs::write(&on_disk, &registry).unwrap();
        let run = |flag: &str| {
            let out = Command::new(env!("CARGO_BIN_EXE_portreg"))
                .args(["fmt", flag, "--", name])
                .current_dir(dir.path())
                .env_remove("PORTREG_REGISTRY")
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{name} {flag}: {}", text(&out.stderr));
            out.stdout
        };
        let expected = run("--stdout");
        assert_ne!(expected, registry.as_bytes(), "fmt aligns the sample's tables");
        let diff = run("--diff");
        let git = apply_in(dir.path(), "git", &["apply", "--check", "-"], &diff);
        assert!(git.status.success(), "{name}: git apply: {}\n{}", text(&git.stderr), text(&diff));
        let patch = apply_in(dir.path(), "patch", &["-p1", "--quiet"], &diff);
        assert!(
            patch.status.success(),
            "{name}: patch: {}{}\n{}",
            text(&patch.stdout),
            text(&patch.stderr),
            text(&diff)
        );
        assert_eq!(std::fs::read(&on_disk).unwrap(), expected, "{name}");
        assert!(!dir.path().join("P").exists(), "{name}: nothing ran");
    }
    // A name that is not UTF-8 is named by its bytes.
    {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let name = std::ffi::OsStr::from_bytes(b"bad\xff name.md");
        let on_disk = dir.path().join(name);
        std::fs::write(&on_disk, &registry).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_portreg"))
            .args(["fmt", "--diff", "--"])
            .arg(name)
            .current_dir(dir.path())
            .env_remove("PORTREG_REGISTRY")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(text(&out.stdout).starts_with("--- \"a/bad\\377 name.md\"\n"), "{}", text(&out.stdout));
        let git = apply_in(dir.path(), "git", &["apply", "--check", "-"], &out.stdout);
        assert!(git.status.success(), "git apply: {}", text(&git.stderr));
        let patch = apply_in(dir.path(), "patch", &["-p1", "--dry-run", "--quiet"], &out.stdout);
        assert!(patch.status.success(), "patch: {}{}", text(&patch.stdout), text(&patch.stderr));
    }
    // An absolute path, or one that climbs with `..`, is named from the root.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let file = dir.path().join("ports.md");
    std::fs::write(&file, sample()).unwrap();
    let climbing = dir.path().join("sub/../././ports.md");
    for (name, cwd) in [(file.to_str().unwrap(), None), ("../ports.md", Some(dir.path().join("sub")))] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_portreg"));
        command.args(["fmt", "--diff", "--", name]).env_remove("PORTREG_REGISTRY");
        if let Some(cwd) = &cwd {
            command.current_dir(cwd);
        }
        let out = command.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        let root = std::path::Path::new("/");
        let git = apply_in(root, "git", &["apply", "--check", "-"], &out.stdout);
        assert!(git.status.success(), "{name}: git apply: {}\n{}", text(&git.stderr), text(&out.stdout));
        let patch = apply_in(root, "patch", &["-p1", "--dry-run", "--quiet"], &out.stdout);
        assert!(patch.status.success(), "{name}: patch: {}{}", text(&patch.stdout), text(&patch.stderr));
    }
    let out = portreg(&["fmt", climbing.to_str().unwrap(), "--diff"]);
    let git = apply_in(std::path::Path::new("/"), "git", &["apply", "--check", "-"], &out.stdout);
    assert!(git.status.success(), "git apply: {}\n{}", text(&git.stderr), text(&out.stdout));
}
