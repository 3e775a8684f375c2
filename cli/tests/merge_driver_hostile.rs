//! The merge driver run by hand on hostile inputs: names that are shell or
//! markup, a lone-CR document, a path with spaces from git, missing, binary
//! and huge inputs, and an OURS it may not write.

mod gitrepo;

use std::path::{Path, PathBuf};
use std::process::Output;

use gitrepo::{stderr, Repo, REGISTRY};

const HEAD: &str = "| Project | Block | Ports | Status |\n|---|---|---|---|\n| a | Block 0 | 30000-30099 | active |\n";

fn driver(dir: &Path, [base, ours, theirs]: [&str; 3], extra: &[&str]) -> (Output, PathBuf) {
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let (b, o, t) = (write("base.md", base), write("ours.md", ours), write("theirs.md", theirs));
    let mut args: Vec<&str> = vec!["merge-driver", b.to_str().unwrap(), o.to_str().unwrap(), t.to_str().unwrap()];
    args.extend(extra);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_portreg")).current_dir(dir).args(&args).output().unwrap();
    (out, o)
}

#[test]
fn names_that_are_shell_or_markup_stay_text_in_the_merge_and_its_messages() {
    let dir = tempfile::tempdir().unwrap();
    let ours = format!("{HEAD}| $(touch pwned) *x* | Block 1 | 30100-30199 | reserved |\n");
    let theirs = format!("{HEAD}| `y`;\u{1b}[2J rm -rf ~ | Block 1 | 30100-30199 | reserved |\n");
    let (out, merged) = driver(dir.path(), [HEAD, &ours, &theirs], &["ports.md"]);
    assert_eq!(out.status.code(), Some(1));
    let text = std::fs::read_to_string(merged).unwrap();
    assert!(text.contains("| $(touch pwned) *x* |") && text.contains("\u{1b}[2J rm -rf ~ |"), "{text}");
    assert!(!dir.path().join("pwned").exists());
    let said = stderr(&out);
    assert!(!said.contains('\u{1b}') && said.contains("\\u{1b}[2J"), "{said}");
    insta::assert_snapshot!(said);
    let (moved, merged) = driver(dir.path(), [HEAD, &ours, &theirs], &["--resolve", "move"]);
    assert_eq!(moved.status.code(), Some(0), "{}", stderr(&moved));
    assert!(std::fs::read_to_string(merged).unwrap().contains("rm -rf ~ | Block 2 | 30200-30299 |"));
}

#[test]
fn a_lone_cr_document_merges_with_lone_crs() {
    let dir = tempfile::tempdir().unwrap();
    let cr = |s: &str| s.replace('\n', "\r");
    let ours = cr(&format!("{HEAD}| x | Block 1 | 30100-30199 | reserved |\n"));
    let theirs = cr(&format!("{HEAD}| y | Block 1 | 30100-30199 | reserved |\n"));
    let (out, merged) = driver(dir.path(), [&cr(HEAD), &ours, &theirs], &["--resolve", "move"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected =
        cr(&format!("{HEAD}| x | Block 1 | 30100-30199 | reserved |\n| y | Block 2 | 30200-30299 | reserved |\n"));
    assert_eq!(std::fs::read_to_string(merged).unwrap(), expected);
}

#[test]
fn unreadable_inputs_leave_ours_unchanged_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let (out, ours) = driver(dir.path(), [HEAD, HEAD, HEAD], &[]);
    assert_eq!(out.status.code(), Some(0));
    std::fs::write(dir.path().join("theirs.md"), b"\xff\xfe binary \x00").unwrap();
    let run = |theirs: &Path| {
        let args = [dir.path().join("base.md"), ours.clone(), theirs.to_path_buf()];
        std::process::Command::new(env!("CARGO_BIN_EXE_portreg")).arg("merge-driver").args(args).output().unwrap()
    };
    let binary = run(&dir.path().join("theirs.md"));
    assert_eq!(binary.status.code(), Some(2));
    assert!(
        stderr(&binary).contains("is not UTF-8 text") && stderr(&binary).contains("is unchanged"),
        "{}",
        stderr(&binary)
    );
    let missing = run(&dir.path().join("gone.md"));
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("cannot read"), "{}", stderr(&missing));
    assert!(stderr(&missing).contains("theirs' version of ports.md"), "{}", stderr(&missing));
    assert!(!stderr(&missing).contains("gone.md"), "{}", stderr(&missing));
    let named = std::process::Command::new(env!("CARGO_BIN_EXE_portreg"))
        .arg("merge-driver")
        .args([dir.path().join("nothing.md"), ours.clone(), dir.path().join("theirs.md")])
        .arg("team/ports.md")
        .output()
        .unwrap();
    assert!(stderr(&named).contains("cannot read the base version of team/ports.md"), "{}", stderr(&named));
    assert!(stderr(&named).contains("team/ports.md is unchanged"), "{}", stderr(&named));
    let huge = dir.path().join("huge.md");
    std::fs::File::create(&huge).unwrap().set_len(17 * 1024 * 1024).unwrap();
    let out = run(&huge);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("larger than 16 MiB"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&ours).unwrap(), HEAD);
}

#[cfg(unix)]
#[test]
fn a_read_only_ours_is_refused_and_unchanged() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let theirs = format!("{HEAD}| y | Block 1 | 30100-30199 | reserved |\n");
    let (_, ours) = driver(dir.path(), [HEAD, HEAD, HEAD], &[]);
    std::fs::write(dir.path().join("theirs.md"), &theirs).unwrap();
    std::fs::set_permissions(&ours, std::fs::Permissions::from_mode(0o444)).unwrap();
    let args = [dir.path().join("base.md"), ours.clone(), dir.path().join("theirs.md")];
    let out =
        std::process::Command::new(env!("CARGO_BIN_EXE_portreg")).arg("merge-driver").args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is read-only; not changed"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&ours).unwrap(), HEAD);
}

#[test]
fn a_registry_path_with_spaces_reaches_the_driver_whole() {
    let repo = Repo::with_registry_at("team docs/ports (main).md", REGISTRY);
    let setup = repo.portreg(&["git-setup", "team docs/ports (main).md"]);
    assert!(setup.status.success(), "{}", stderr(&setup));
    assert_eq!(repo.read(".gitattributes"), "\"/team docs/ports (main).md\" merge=portreg\n");
    repo.commit_all("driver");
    let reserve = |r: &Repo, name: &str| {
        let out = r.portreg(&["reserve", name, "team docs/ports (main).md", "--today", "2025-01-15"]);
        assert!(out.status.success());
    };
    repo.branch("feature", |r| reserve(r, "x"));
    reserve(&repo, "y");
    repo.commit_all("y");
    let merge = repo.git_output(&repo.root, &["merge", "--no-edit", "feature"]);
    assert!(!merge.status.success());
    let said = String::from_utf8_lossy(&merge.stdout).into_owned() + &stderr(&merge);
    assert!(
        said.contains("portreg: team docs/ports (main).md: `y` (ours) and `x` (theirs) both claim block 1"),
        "{said}"
    );
}

#[test]
fn git_setup_refuses_a_registry_path_it_cannot_write_into_gitattributes() {
    let repo = Repo::with_registry_at("a\tb.md", REGISTRY);
    let out = repo.portreg(&["git-setup", "a\tb.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`a\\u{9}b.md` holds a control character"), "{}", stderr(&out));
    assert!(!repo.root.join(".gitattributes").exists());
}

#[test]
fn git_setup_writes_lines_git_reads_for_paths_with_glob_characters() {
    for path in ["team docs/ports[1].md", "a b/p*.md", "a b/p?.md", "a b/p\\q.md", "x[1].md", "a \"b\".md"] {
        let repo = Repo::with_registry_at(path, REGISTRY);
        let setup = repo.portreg(&["git-setup", path]);
        assert!(setup.status.success(), "{path}: {}", stderr(&setup));
        let attr = repo.git(&["check-attr", "-z", "merge", "--", path]);
        assert_eq!(attr.split('\0').nth(2), Some("portreg"), "{path}: {:?}", repo.read(".gitattributes"));
    }
}

#[test]
fn git_setup_fails_and_puts_gitattributes_back_when_git_would_not_read_its_line() {
    let repo = Repo::new(REGISTRY);
    repo.write(".gitattributes", "/ports.md merge=portreg\n*.md -merge\n");
    let before = repo.read(".gitattributes");
    let out = repo.portreg(&["git-setup"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("git does not read"), "{}", stderr(&out));
    assert_eq!(repo.read(".gitattributes"), before);
}

#[test]
fn git_setup_without_a_registry_here_refuses_rather_than_take_the_home_one() {
    let repo = Repo::with_registry_at("docs/ports.md", REGISTRY);
    std::fs::create_dir_all(repo.home.path().join("_ai")).unwrap();
    std::fs::write(repo.home.path().join("_ai/ports.md"), REGISTRY).unwrap();
    let out = repo.portreg(&["git-setup"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("no ports.md here"), "{}", stderr(&out));
    assert!(!repo.root.join(".gitattributes").exists());
    let elsewhere = repo.portreg(&["git-setup", repo.home.path().join("_ai/ports.md").to_str().unwrap()]);
    assert_eq!(elsewhere.status.code(), Some(2), "{}", stderr(&elsewhere));
    let inside = repo.portreg(&["git-setup", "docs/ports.md"]);
    assert!(inside.status.success(), "{}", stderr(&inside));
}
