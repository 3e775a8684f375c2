//! `.pre-commit-hooks.yaml` at the repository root: the `portreg-check`
//! hook reads as pre-commit reads it, and its command works on the several
//! files pre-commit passes.

mod support;

use std::path::Path;
use std::process::Command;

use support::{write, CLEAN, MIXED};
use yaml_rust2::{Yaml, YamlLoader};

/// The hooks file, parsed.
fn hooks() -> Yaml {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../.pre-commit-hooks.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    let mut documents = YamlLoader::load_from_str(&text).unwrap();
    assert_eq!(documents.len(), 1);
    documents.remove(0)
}

#[test]
fn the_portreg_check_hook_has_the_fields_pre_commit_reads() {
    let hooks = hooks();
    let list = hooks.as_vec().expect("a list of hooks");
    assert_eq!(list.len(), 1);
    let hook = &list[0];
    let keys: Vec<&str> = hook.as_hash().unwrap().keys().map(|k| k.as_str().unwrap()).collect();
    assert_eq!(keys, ["id", "name", "description", "entry", "language", "files", "pass_filenames"]);
    assert_eq!(hook["id"].as_str(), Some("portreg-check"));
    assert_eq!(hook["name"].as_str(), Some("portreg check"));
    assert_eq!(hook["entry"].as_str(), Some("portreg check"));
    assert_eq!(hook["language"].as_str(), Some("system"));
    assert_eq!(hook["files"].as_str(), Some(r"(^|/)ports\.md$"));
    assert_eq!(hook["pass_filenames"].as_bool(), Some(true));
}

#[test]
fn the_hook_command_checks_every_file_passed() {
    let hooks = hooks();
    let entry: Vec<&str> = hooks[0]["entry"].as_str().unwrap().split_whitespace().collect();
    assert_eq!(entry[0], "portreg");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    write(dir.path(), "ports.md", CLEAN);
    write(&dir.path().join("docs"), "ports.md", MIXED);
    let run = |files: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_portreg"))
            .args(&entry[1..])
            .args(files)
            .current_dir(dir.path())
            .env_remove("PORTREG_REGISTRY")
            .output()
            .unwrap()
    };
    assert_eq!(run(&["ports.md"]).status.code(), Some(0));
    let both = run(&["ports.md", "docs/ports.md"]);
    assert_eq!(both.status.code(), Some(1), "the commit is stopped by the error in docs/ports.md");
    assert!(String::from_utf8_lossy(&both.stdout).contains("docs/ports.md:6: error[R206]"));
}
