//! Real git repositories in temp dirs for the tests of portreg's git
//! commands. Git runs with the temp dir as HOME and no system config, so the
//! machine's own settings never leak in.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The registry the repositories start with.
pub const REGISTRY: &str = "\
# Ports

Team registry.

| Project Name | Block | Ports | Path | Status | Owner | Date |
|---|---|---|---|---|---|---|
| api | Block 0 | 30000-30099 | ~/src/api | active | ana | 2025-01-02 |

| Project | Instance | Ports | Purpose | Status | Branch/Environment |
|---|---|---|---|---|---|
| api | 1 | 30000-30009 | Development/Main | active | main |

Notes at the end.
";

/// A registry beside the repository whose `api` row's Path is the
/// repository (written with `~`, HOME being the temp dir), with its instance 1 on `main`.
pub const API_REGISTRY: &str = "| Project Name | Block | Ports | Path | Status |\n|---|---|---|---|---|\n\
                                | api | Block 3 | 30300-30399 | ~/repo | active |\n\n\
                                | Project | Instance | Ports | Purpose | Status | Branch/Environment |\n\
                                |---|---|---|---|---|---|\n\
                                | api | 1 | 30300-30309 | Development/Main | active | main |\n";

/// A git repository (`repo/` in a temp dir that is also HOME).
pub struct Repo {
    /// The temp dir, HOME of every command.
    pub home: tempfile::TempDir,
    /// The repository's top directory.
    pub root: PathBuf,
}

/// A command with the test environment: HOME in the temp dir, no system
/// git config, no registry from the environment.
fn command(program: &str, home: &Path, cwd: &Path) -> Command {
    let mut command = Command::new(program);
    command
        .current_dir(cwd)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_CONFIG_GLOBAL")
        .env_remove("PORTREG_REGISTRY")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_COMMON_DIR")
        .env_remove("GIT_OBJECT_DIRECTORY")
        .env("GIT_EDITOR", "true")
        .env("NO_COLOR", "1");
    command
}

impl Repo {
    /// A repository on `main` whose first commit holds `registry` as `ports.md`.
    pub fn new(registry: &str) -> Self {
        Self::with_registry_at("ports.md", registry)
    }

    /// A repository on `main` whose first commit holds `registry` at `path`.
    pub fn with_registry_at(path: &str, registry: &str) -> Self {
        let home = tempfile::tempdir().unwrap();
        let root = home.path().join("repo");
        std::fs::create_dir(&root).unwrap();
        let repo = Self { root: root.canonicalize().unwrap(), home };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.email", "test@example.com"]);
        repo.git(&["config", "user.name", "Test"]);
        repo.git(&["config", "core.autocrlf", "false"]);
        repo.write(path, registry);
        repo.commit_all("registry");
        repo
    }

    /// Runs git in the repository; it must succeed. Its standard output.
    pub fn git(&self, args: &[&str]) -> String {
        self.git_in(&self.root, args)
    }

    /// Runs git in `dir`; it must succeed. Its standard output.
    pub fn git_in(&self, dir: &Path, args: &[&str]) -> String {
        let output = self.git_output(dir, args);
        assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    }

    /// Runs git in `dir`, whatever it exits with.
    pub fn git_output(&self, dir: &Path, args: &[&str]) -> Output {
        command("git", self.home.path(), dir).args(args).output().unwrap()
    }

    /// Runs portreg in the repository.
    pub fn portreg(&self, args: &[&str]) -> Output {
        self.portreg_in(&self.root, args)
    }

    /// Runs portreg in `dir`.
    pub fn portreg_in(&self, dir: &Path, args: &[&str]) -> Output {
        self.portreg_command(dir).args(args).output().unwrap()
    }

    /// A portreg command to run in `dir`, in the test environment.
    pub fn portreg_command(&self, dir: &Path) -> Command {
        command(env!("CARGO_BIN_EXE_portreg"), self.home.path(), dir)
    }

    /// Writes `text` at `path` in the repository.
    pub fn write(&self, path: &str, text: &str) {
        let file = self.root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }

    /// The text at `path` in the repository.
    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.root.join(path)).unwrap()
    }

    /// Commits everything.
    pub fn commit_all(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// Installs the merge driver with `git-setup` (and `args`) and commits `.gitattributes`.
    pub fn setup_driver(&self, args: &[&str]) {
        let mut all = vec!["git-setup"];
        all.extend(args);
        let output = self.portreg(&all);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        self.commit_all("merge driver");
    }

    /// On a new branch `name` from the current commit, `edit` then commit; back to `main` after.
    pub fn branch(&self, name: &str, edit: impl FnOnce(&Self)) {
        self.git(&["checkout", "-q", "-b", name]);
        edit(self);
        self.commit_all(name);
        self.git(&["checkout", "-q", "main"]);
    }

    /// `portreg reserve NAME` in the repository's `ports.md`, which must succeed.
    pub fn reserve(&self, name: &str) {
        let output = self.portreg(&["reserve", name, "ports.md", "--today", "2025-01-15"]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}
