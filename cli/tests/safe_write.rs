//! Writing the registry back: a read-only file is refused, the owner and mode
//! are kept, a symlink is written through, and nothing at a guessable temp
//! path is followed.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Output};

mod support;

use support::{sample, workspace};

const TODAY: &str = "2026-11-27";

fn reserve(file: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portreg"))
        .args(["reserve", "new-app", file.to_str().unwrap(), "--today", TODAY])
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
}

#[test]
fn a_read_only_registry_is_refused_and_left_alone() {
    for read_only in [0o444, 0o400, 0o555] {
        let (dir, file) = workspace();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(read_only)).unwrap();
        let out = reserve(&file);
        assert_eq!(out.status.code(), Some(2), "{read_only:o}: {}", text(&out.stderr));
        assert_eq!(text(&out.stderr), format!("portreg: {} is read-only; not changed\n", file.display()));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), sample());
        assert_eq!(mode(&file), read_only);
        assert_eq!(entries(dir.path()), ["ports.md"]);
    }
}

/// Sets the immutable attribute on a file, and clears it when dropped.
struct Immutable<'a>(&'a Path);

impl Drop for Immutable<'_> {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(self.0).status();
    }
}

#[test]
fn an_immutable_registry_is_refused_as_read_only() {
    if !is_root() {
        eprintln!("skipped: chattr +i needs root");
        return;
    }
    let (_dir, file) = workspace();
    let guard = Immutable(&file);
    assert!(Command::new("chattr").arg("+i").arg(&file).status().unwrap().success());
    let out = reserve(&file);
    drop(guard);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), format!("portreg: {} is read-only; not changed\n", file.display()));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), sample());
}

#[test]
fn the_mode_is_kept() {
    for kept in [0o640, 0o600, 0o664, 0o2644, 0o4754] {
        let (dir, file) = workspace();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(kept)).unwrap();
        let out = reserve(&file);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(std::fs::read_to_string(&file).unwrap().contains("| new-app |"));
        assert_eq!(mode(&file), kept, "{kept:o}");
        assert_eq!(entries(dir.path()), ["ports.md"]);
    }
}

#[test]
fn the_owner_is_kept() {
    if !is_root() {
        eprintln!("skipped: giving a file away needs root");
        return;
    }
    let (_dir, file) = workspace();
    std::os::unix::fs::chown(&file, Some(1234), Some(4321)).unwrap();
    let out = reserve(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let meta = std::fs::metadata(&file).unwrap();
    assert!(std::fs::read_to_string(&file).unwrap().contains("| new-app |"));
    assert_eq!((meta.uid(), meta.gid()), (1234, 4321));
}

#[test]
fn a_symlinked_registry_is_edited_through_the_link() {
    let (real_dir, real) = workspace();
    let link_dir = tempfile::tempdir().unwrap();
    let link = link_dir.path().join("ports.md");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = reserve(&link);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
    assert_eq!(std::fs::read_link(&link).unwrap(), real);
    assert!(std::fs::read_to_string(&real).unwrap().contains("| new-app |"));
    assert_eq!(entries(real_dir.path()), ["ports.md"]);
    assert_eq!(entries(link_dir.path()), ["ports.md"]);
}

#[test]
fn a_symlink_planted_at_a_guessable_temp_path_is_not_followed() {
    let (dir, file) = workspace();
    let victim_dir = tempfile::tempdir().unwrap();
    let victim = victim_dir.path().join("victim");
    std::fs::write(&victim, "precious\n").unwrap();
    // The shell plants links at the names a temp file could get from the pid
    // (which exec keeps), then becomes portreg.
    let script = r#"for n in "$$" "$(($$ + 1))"; do
        ln -s "$2" "$1/.ports.md.portreg-$n.tmp"
        ln -s "$2" "$1/.ports.md.$n.tmp"
    done
    exec "$0" reserve new-app "$1/ports.md" --today 2026-11-27"#;
    let out = Command::new("sh")
        .args(["-c", script, env!("CARGO_BIN_EXE_portreg")])
        .arg(dir.path())
        .arg(&victim)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    let meta = std::fs::symlink_metadata(&file).unwrap();
    assert!(meta.file_type().is_file(), "ports.md is still a plain file");
    assert!(std::fs::read_to_string(&file).unwrap().contains("| new-app |"));
}

#[test]
fn a_symlink_planted_at_the_lock_path_is_not_followed() {
    let (dir, file) = workspace();
    let elsewhere = tempfile::tempdir().unwrap();
    let victim = elsewhere.path().join("victim");
    std::os::unix::fs::symlink(&victim, dir.path().join(".ports.md.lock")).unwrap();
    let out = reserve(&file);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(!victim.exists(), "the lock followed the planted link");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), sample());
}
