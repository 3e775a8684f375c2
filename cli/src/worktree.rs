//! Where portreg runs in git: the worktree's directories and branch, and the
//! project and instance of the registry they name (looked up in core).

use std::path::Path;

use portreg_core::registry::InstanceEntry;
use portreg_core::Document;

use crate::git::Git;
use crate::Failure;

/// The git worktree portreg runs in.
#[derive(Debug, Clone)]
pub struct Here {
    /// Its top directory, then the main worktree's (a linked worktree's project is found by either).
    pub dirs: Vec<String>,
    /// The branch checked out; `None` on a detached HEAD.
    pub branch: Option<String>,
}

impl Here {
    /// The worktree of the current directory.
    pub fn find() -> Result<Self, Failure> {
        let git = Git::at(Path::new("."));
        let top = git.toplevel()?;
        let mut dirs = vec![canonical(&top)];
        let common = git.line(&["rev-parse", "--path-format=absolute", "--git-common-dir"], "find the repository")?;
        let common = Path::new(&common);
        if common.file_name().is_some_and(|n| n == ".git") {
            if let Some(main) = common.parent() {
                dirs.push(canonical(main));
            }
        }
        dirs.dedup();
        Ok(Self { dirs, branch: git.branch()? })
    }

    /// The branch to use: `asked`, else the one checked out.
    pub fn branch_or(&self, asked: Option<&str>) -> Result<String, Failure> {
        match asked {
            Some(branch) => Ok(branch.to_owned()),
            None => self.branch.clone().ok_or_else(|| Failure("HEAD is detached: pass --branch".to_owned())),
        }
    }

    /// The project whose Path holds this worktree, as registered; or why
    /// there is none, then `what_to_do`.
    pub fn project(&self, document: &Document, what_to_do: &str) -> Result<String, String> {
        let home = std::env::var("HOME").ok().filter(|h| !h.is_empty());
        let dirs: Vec<&str> = self.dirs.iter().map(String::as_str).collect();
        document
            .project_at(&dirs, home.as_deref())
            .map(|p| p.common.name.to_string())
            .ok_or_else(|| format!("no live project's Path holds {}; {what_to_do}", self.dirs.join(" or ")))
    }
}

/// `path` with symlinks resolved, as text (as given when it cannot be resolved).
fn canonical(path: &Path) -> String {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()).to_string_lossy().into_owned()
}

/// The instance number of `project`'s row for `branch`.
pub fn instance_of(document: &Document, project: &str, branch: &str) -> Option<u32> {
    let row: Option<&InstanceEntry> = document.instance_for_branch(project, branch);
    row.and_then(|r| r.number)
}
