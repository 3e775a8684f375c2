//! What the CLI tests share: running portreg, the sample registry in a temp
//! dir, and registries with one finding of each severity.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The day the tests judge dates by.
pub const TODAY: &str = "2025-01-15";

/// A registry with a warning on line 4 (B104), an info on line 5 (S403) and
/// an error on line 6 (R206).
pub const MIXED: &str = "\
| Project Name | Block | Ports | Path | Status | Owner | Date |
|---|---|---|---|---|---|---|
| api | Block 5 | 30500-30599 | ~/src/api | active | ana | 2025-01-02 |
| api-v2 | Block 6 | 30600-30699 | ~/src/api/ | active | ana | 2025-01-02 |
| web | Block 7 | 30700-30799 | ~/src/web | active |  | 2025-01-02 |
| old | | 443 | ~/src/old | active | bo | 2025-01-02 |
";

/// A registry with nothing to report.
pub const CLEAN: &str = "\
| Project Name | Block | Ports | Path | Status | Owner | Date |
|---|---|---|---|---|---|---|
| api | Block 5 | 30500-30599 | ~/src/api | active | ana | 2025-01-02 |
";

/// Runs portreg with `args`, no registry from the environment.
pub fn portreg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portreg")).args(args).env_remove("PORTREG_REGISTRY").output().unwrap()
}

/// Runs `portreg check` on `files` with `--today` and `args`.
pub fn check(files: &[&Path], args: &[&str]) -> Output {
    let mut all: Vec<&str> = vec!["check"];
    all.extend(files.iter().map(|f| f.to_str().unwrap()));
    all.extend(["--today", TODAY]);
    all.extend(args);
    portreg(&all)
}

/// Writes `text` into `dir/name`.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The sample registry (`examples/ports.md`).
pub fn sample() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/ports.md")).unwrap()
}

/// A temp dir holding a copy of the sample registry as `ports.md`.
pub fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ports.md");
    std::fs::write(&file, sample()).unwrap();
    (dir, file)
}

/// The commands of the "To move back" steps of an `emergency` plan, as written.
pub fn plan_steps(plan: &str) -> Vec<&str> {
    plan.lines()
        .skip_while(|l| !l.starts_with("To move back"))
        .skip(1)
        .map(|l| l.trim_start().split_once(". ").unwrap().1)
        .collect()
}
