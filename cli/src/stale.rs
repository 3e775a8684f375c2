//! Whether an instance row's Branch/Environment names a branch that is gone,
//! for `portreg prune`. A value counts as a branch only when git knows it (a
//! local or remote-tracking branch) or knew it (a merge commit on the default
//! branch names it); anything else (`ci`, `staging`, a branch deleted
//! without a merge, or merged with no merge commit that names it) is left
//! alone, and said so. A reflog is not trusted: a merge it records may have
//! been reset or reverted since, and a branch of that name made again.

use crate::git::Git;
use crate::Failure;
use portreg_core::Code;

/// What prune does with a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It goes, for this reason.
    Stale(String),
    /// It stays; a branch that is live needs no word.
    Live,
    /// It stays, for this reason, worth saying.
    LeftAlone(String),
}

/// What prune asks git once: the default branch and its ref, the branches
/// no row of which may go, and the names of branches merged into the default.
pub struct Branches {
    /// The default branch's name and its ref.
    pub default: (String, String),
    /// The default branch, other names a default could have, and every branch checked out in a worktree.
    protected: Vec<String>,
    /// Remote-tracking branches, without their remote's name.
    remote: Vec<String>,
    /// Merge commits' subjects on the default branch.
    merges: Vec<String>,
    /// The commits of the default branch's own line (first parents).
    line: Vec<String>,
}

impl Branches {
    /// Reads them from `git`.
    pub fn read(git: &Git) -> Result<Self, Failure> {
        let default = default_branch(git)?;
        let mut protected = vec![default.0.clone()];
        let list = git.line(&["worktree", "list", "--porcelain"], "list the worktrees")?;
        protected.extend(list.lines().filter_map(|l| l.strip_prefix("branch refs/heads/")).map(str::to_owned));
        let configured = git.output(&["config", "--get", "init.defaultBranch"])?;
        protected.extend(configured.map(|b| b.trim().to_owned()).filter(|b| !b.is_empty()));
        let refs = git.line(&["for-each-ref", "--format=%(refname)", "refs/remotes/"], "list remote branches")?;
        let remote: Vec<String> = refs
            .lines()
            .filter_map(|r| r.strip_prefix("refs/remotes/")?.split_once('/').map(|(_, b)| b.to_owned()))
            .collect();
        let log = git.output(&["log", "--merges", "--format=%s", &default.1, "--"])?.unwrap_or_default();
        let merges = log.lines().map(str::to_owned).collect();
        let line = git.output(&["rev-list", "--first-parent", &default.1, "--"])?.unwrap_or_default();
        let line = line.lines().map(str::to_owned).collect();
        Ok(Self { default, protected, remote, merges, line })
    }

    /// Whether a merge commit on the default branch names `branch`.
    fn merged(&self, branch: &str) -> bool {
        self.merges.iter().any(|subject| names_branch(subject, branch))
    }

    /// What becomes of the row of `branch`.
    pub fn verdict(&self, git: &Git, branch: &str) -> Result<Verdict, Failure> {
        let default = &self.default.0;
        if self.protected.iter().any(|b| b == branch) || self.remote.iter().any(|b| b == branch) {
            return Ok(Verdict::Live);
        }
        if !git.succeeds(&["check-ref-format", "--branch", branch])? {
            return Ok(Verdict::LeftAlone(format!("{branch} is not a branch name", branch = Code(branch))));
        }
        let local = format!("refs/heads/{branch}");
        if let Some(tip) = git.output(&["rev-parse", "--verify", "--quiet", &local])? {
            return self.local(git, branch, tip.trim());
        }
        if self.merged(branch) {
            return Ok(Verdict::Stale(format!(
                "branch {branch} was merged into {default} and is deleted",
                default = Code(default),
                branch = Code(branch)
            )));
        }
        Ok(Verdict::LeftAlone(format!(
            "no branch {branch} is here or on a remote, and no merge commit on {default} names it: an \
             environment, a branch deleted unmerged, or one merged without such a commit (fast-forwarded, \
             squashed, or under a subject of its own); archive it by hand if it is gone",
            default = Code(default),
            branch = Code(branch)
        )))
    }
}

impl Branches {
    /// What becomes of the row of `branch`, a local branch at `tip`: it goes
    /// when a merge brought it into the default branch; one whose tip is on
    /// the default branch's own line (fast-forwarded, or not started) stays.
    fn local(&self, git: &Git, branch: &str, tip: &str) -> Result<Verdict, Failure> {
        let default = &self.default.0;
        if !git.succeeds(&["merge-base", "--is-ancestor", tip, &self.default.1])? {
            return Ok(Verdict::Live);
        }
        if self.line.iter().any(|c| c == tip) && !self.merged(branch) {
            return Ok(Verdict::LeftAlone(format!(
                "branch {branch} has no commits of its own on {default} (not started, or fast-forwarded): \
                 archive it by hand if it is done",
                default = Code(default),
                branch = Code(branch)
            )));
        }
        Ok(Verdict::Stale(format!(
            "branch {branch} is merged into {default} and checked out nowhere",
            default = Code(default),
            branch = Code(branch)
        )))
    }
}

/// Whether a merge commit's subject says `branch` was merged: git's `Merge
/// branch 'B'`, `Merge remote-tracking branch 'R/B'`, a pull request's
/// `Merge pull request #N from OWNER/B`.
fn names_branch(subject: &str, branch: &str) -> bool {
    let quoted = |rest: &str| rest.strip_prefix('\'').and_then(|r| r.split_once('\'')).map(|(name, _)| name.to_owned());
    let named = if let Some(rest) = subject.strip_prefix("Merge branch ") {
        quoted(rest)
    } else if let Some(rest) = subject.strip_prefix("Merge remote-tracking branch ") {
        quoted(rest).and_then(|r| r.split_once('/').map(|(_, b)| b.to_owned()))
    } else {
        subject
            .strip_prefix("Merge pull request #")
            .and_then(|r| r.split_once(" from "))
            .and_then(|(_, r)| r.split_whitespace().next()?.split_once('/').map(|(_, b)| b.to_owned()))
    };
    named.as_deref() == Some(branch)
}

/// The default branch: the remote's HEAD when known, else `init.defaultBranch`, `main` or `master`.
pub fn default_branch(git: &Git) -> Result<(String, String), Failure> {
    if let Some(remote) = git.output(&["symbolic-ref", "--short", "-q", "refs/remotes/origin/HEAD"])? {
        let remote = remote.trim().to_owned();
        let name = remote.strip_prefix("origin/").unwrap_or(&remote).to_owned();
        return Ok((name, format!("refs/remotes/{remote}")));
    }
    let configured = git.output(&["config", "--get", "init.defaultBranch"])?.map(|b| b.trim().to_owned());
    for name in configured.into_iter().chain(["main".to_owned(), "master".to_owned()]) {
        let reference = format!("refs/heads/{name}");
        if git.succeeds(&["rev-parse", "--verify", "--quiet", &reference])? {
            return Ok((name, reference));
        }
    }
    Err(Failure("cannot tell the default branch (no origin/HEAD, main or master)".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::names_branch;

    #[test]
    fn reads_the_branch_a_merge_subject_names() {
        assert!(names_branch("Merge branch 'feature/x'", "feature/x"));
        assert!(names_branch("Merge branch 'feature/x' into develop", "feature/x"));
        assert!(names_branch("Merge remote-tracking branch 'origin/feature/x'", "feature/x"));
        assert!(names_branch("Merge pull request #12 from ana/feature/x", "feature/x"));
        assert!(!names_branch("Merge branch 'feature/xy'", "feature/x"));
        assert!(!names_branch("Merge branch 'ci' of https://example.com", "staging"));
    }
}
