//! Every `portreg` command a finding suggests works as written: run by a
//! shell, in a folder holding the rule's fixture as `ports.md`, it succeeds.

use std::path::Path;
use std::process::Command;

use portreg_core::{check, Date, Policy, RULES};

#[test]
fn every_suggested_command_runs() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/rules");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_portreg")).parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let mut ran = 0;
    for rule in RULES {
        let source = std::fs::read_to_string(fixtures.join(format!("{}.md", rule.code))).unwrap();
        let today = Date::parse("2025-01-15").unwrap();
        for finding in check(&source, &Policy::default(), today) {
            let commands = finding.help.split('`').skip(1).step_by(2).filter(|q| q.starts_with("portreg "));
            for command in commands.map(str::to_owned).collect::<Vec<_>>() {
                let dir = tempfile::tempdir().unwrap();
                std::fs::write(dir.path().join("ports.md"), &source).unwrap();
                let output = Command::new("sh")
                    .arg("-c")
                    .arg(format!("{command} 2>&1"))
                    .current_dir(dir.path())
                    .env("PATH", &path)
                    .env_remove("PORTREG_REGISTRY")
                    .output()
                    .unwrap();
                assert!(
                    output.status.success(),
                    "{}: `{command}` failed:\n{}",
                    rule.code,
                    String::from_utf8_lossy(&output.stdout)
                );
                ran += 1;
            }
        }
    }
    assert!(ran >= 5, "only {ran} suggested commands found");
}
