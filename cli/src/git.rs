//! Running git: the one place portreg starts another program. Arguments go
//! to git as they are (no shell), a ref that would read as an option is
//! refused, and what git prints is read within the registry size limit.

use portreg_core::Code;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::input::io_reason;
use crate::{limits, Failure};

/// A git repository, or a directory inside one.
#[derive(Debug, Clone)]
pub struct Git {
    /// Where git runs (`git -C DIR`).
    dir: PathBuf,
}

impl Git {
    /// Git run in `dir`.
    pub fn at(dir: &Path) -> Self {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        Self { dir: dir.to_path_buf() }
    }

    /// Git run in the directory of `file`.
    pub fn beside(file: &Path) -> Self {
        Self::at(file.parent().unwrap_or(Path::new(".")))
    }

    /// Runs git with `args`: its standard output when it succeeds, `None`
    /// when it exits non-zero; a failure when it cannot be run or says more
    /// than a registry may hold.
    pub fn output(&self, args: &[&str]) -> Result<Option<String>, Failure> {
        let mut child = Command::new("git")
            .arg("-C")
            .arg(&self.dir)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| Failure(format!("cannot run git: {}", io_reason(&e))))?;
        let what = format!("the output of `git {}`", args.first().copied().unwrap_or_default());
        let read = child.stdout.take().map(|out| limits::read_to_limit(out, &what, 0));
        let bytes = match read.transpose() {
            Ok(bytes) => bytes.unwrap_or_default(),
            Err(failure) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failure);
            }
        };
        let status = child.wait().map_err(|e| Failure(format!("cannot run git: {}", io_reason(&e))))?;
        if !status.success() {
            return Ok(None);
        }
        String::from_utf8(bytes).map(Some).map_err(|_| Failure(format!("{what} is not UTF-8 text")))
    }

    /// Runs git with `args`, which must succeed; its output without the
    /// final line break. `doing` says what for, in the failure.
    pub fn line(&self, args: &[&str], doing: &str) -> Result<String, Failure> {
        let out = self.output(args)?.ok_or_else(|| Failure(format!("git could not {doing}")))?;
        Ok(out.trim_end_matches(['\n', '\r']).to_owned())
    }

    /// Whether git with `args` succeeds.
    pub fn succeeds(&self, args: &[&str]) -> Result<bool, Failure> {
        Ok(self.output(args)?.is_some())
    }

    /// The top directory of the worktree.
    pub fn toplevel(&self) -> Result<PathBuf, Failure> {
        self.line(&["rev-parse", "--show-toplevel"], "find a repository here (is this a git worktree?)")
            .map(PathBuf::from)
    }

    /// The commit `rev` names, checked; a name that would read as an option is refused.
    pub fn commit(&self, rev: &str) -> Result<String, Failure> {
        if rev.starts_with('-') || rev.is_empty() {
            return Err(Failure(format!("{rev} is not a git ref", rev = Code(rev))));
        }
        let spec = format!("{rev}^{{commit}}");
        self.line(
            &["rev-parse", "--verify", "--quiet", "--end-of-options", &spec],
            &format!("find the commit {rev}", rev = Code(rev)),
        )
    }

    /// The file `path` (relative to the top directory) as of `commit`, or
    /// `None` when that commit has no such file.
    pub fn show(&self, commit: &str, path: &str) -> Result<Option<String>, Failure> {
        let spec = format!("{commit}:{path}");
        if !self.succeeds(&["cat-file", "-e", &spec])? {
            return Ok(None);
        }
        self.output(&["show", &spec])
    }

    /// `file` relative to the top directory of its worktree, with `/` between names.
    pub fn relative(&self, file: &Path) -> Result<String, Failure> {
        let top = std::fs::canonicalize(self.toplevel()?).map_err(|e| Failure(io_reason(&e)))?;
        let full = std::fs::canonicalize(file)
            .map_err(|e| Failure(format!("cannot read {}: {}", file.display(), io_reason(&e))))?;
        let inside = full
            .strip_prefix(&top)
            .map_err(|_| Failure(format!("{} is not inside the repository at {}", file.display(), top.display())))?;
        let parts: Option<Vec<&str>> = inside.components().map(|c| c.as_os_str().to_str()).collect();
        parts.map(|p| p.join("/")).ok_or_else(|| Failure(format!("{} is not a UTF-8 path", file.display())))
    }

    /// The branch checked out here; `None` on a detached HEAD.
    pub fn branch(&self) -> Result<Option<String>, Failure> {
        let out = self.output(&["symbolic-ref", "--short", "-q", "HEAD"])?;
        Ok(out.map(|b| b.trim_end_matches(['\n', '\r']).to_owned()).filter(|b| !b.is_empty()))
    }
}
