//! Every command over every document of the hostile corpus: it ends with
//! exit 0, 1 or 2 (never a crash), and its text output holds no control
//! character. (What an edit keeps is proven in core's hostile and fuzz tests.)

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

/// Control characters but the line feed, DEL, C1 controls and the bidi overrides, isolates and marks.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

#[test]
fn every_command_survives_every_hostile_document() {
    let files = corpus();
    assert!(files.len() >= 15);
    for original in &files {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ports.md");
        std::fs::copy(original, &file).unwrap();
        let path = file.to_str().unwrap();
        let calls: Vec<Vec<&str>> = vec![
            vec!["check", path],
            vec!["check", path, "--format", "json"],
            vec!["check", path, "--format", "github"],
            vec!["check", path, "--format", "sarif"],
            vec!["check", path, "--format", "junit"],
            vec!["check", path, "--format", "gitlab"],
            vec!["lookup", "30000", "--registry", path],
            vec!["next", path],
            vec!["next", path, "--project", "a"],
            vec!["env", "a", path, "--format", "scripts"],
            vec!["migrate", "web", path],
            vec!["fmt", path, "--diff"],
            vec!["fix", path, "--unsafe-fixes", "--diff"],
            vec!["reserve", "new|*x*\\", path, "--diff"],
            vec!["add-instance", "a", path, "--diff"],
            vec!["set-status", "a", "archived", path, "--diff"],
            vec!["fmt", path],
            vec!["fix", path],
            vec!["reserve", "new", path],
            vec!["add-instance", "new", path],
            vec!["set-status", "new", "active", path],
            vec!["check", path],
        ];
        for args in &calls {
            let out = Command::new(env!("CARGO_BIN_EXE_portreg"))
                .args(args)
                .args(if args[0] == "check" || args[0] == "fix" { &["--today", "2025-01-15"][..] } else { &[][..] })
                .env_remove("PORTREG_REGISTRY")
                .output()
                .unwrap();
            let name = original.file_name().unwrap().to_string_lossy();
            let code = out.status.code();
            assert!(matches!(code, Some(0..=2)), "{name}: {args:?} ended with {code:?}");
            let text_output = !args.contains(&"--diff") && !args.contains(&"json");
            for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
                let shown = String::from_utf8_lossy(bytes);
                if text_output || stream == "stderr" {
                    assert!(!shown.chars().any(unsafe_char), "{name}: {args:?} {stream}: {shown:?}");
                }
            }
        }
    }
}
