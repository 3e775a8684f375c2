//! `portreg prune`: archives the instance rows of the worktree's project
//! whose branch is gone (no local or remote branch of that name) or merged
//! into the default branch and checked out nowhere.

use std::path::Path;

use portreg_core::ops::StatusTarget;
use portreg_core::registry::project_key;
use portreg_core::{Document, Policy, Status};

use crate::args::WriteArgs;
use crate::edit_commands;
use crate::git::Git;
use crate::out::Out;
use crate::worktree::Here;
use crate::write::deliver;
use crate::{Failure, Outcome};

/// The default branch: the remote's HEAD when known, else `init.defaultBranch`, `main` or `master`.
fn default_branch(git: &Git) -> Result<(String, String), Failure> {
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

/// Branches checked out in some worktree of the repository.
fn checked_out(git: &Git) -> Result<Vec<String>, Failure> {
    let list = git.line(&["worktree", "list", "--porcelain"], "list the worktrees")?;
    Ok(list.lines().filter_map(|l| l.strip_prefix("branch refs/heads/")).map(str::to_owned).collect())
}

/// Why the row of `branch` goes, or `None` when it stays.
fn stale(
    git: &Git,
    branch: &str,
    (default, default_ref): (&str, &str),
    busy: &[String],
) -> Result<Option<String>, Failure> {
    if branch == default
        || busy.iter().any(|b| b == branch)
        || !git.succeeds(&["check-ref-format", "--branch", branch])?
    {
        return Ok(None);
    }
    let local = format!("refs/heads/{branch}");
    if git.succeeds(&["rev-parse", "--verify", "--quiet", &local])? {
        let merged = git.succeeds(&["merge-base", "--is-ancestor", &local, default_ref])?;
        return Ok(merged.then(|| format!("branch `{branch}` is merged into `{default}`")));
    }
    let remotes = git.line(&["for-each-ref", "--format=%(refname)", "refs/remotes/"], "list remote branches")?;
    let on_remote = remotes
        .lines()
        .any(|r| r.strip_prefix("refs/remotes/").and_then(|r| r.split_once('/')).is_some_and(|(_, b)| b == branch));
    Ok((!on_remote).then(|| format!("no branch `{branch}` exists here or on a remote")))
}

/// Archives the stale rows (or only says which, with `dry_run`).
pub fn run(file: Option<&Path>, dry_run: bool, out: &mut Out) -> Result<Outcome, Failure> {
    let here = Here::find()?;
    let (input, _lock) = edit_commands::open(file, !dry_run)?;
    let mut document = Document::new(input.text.as_str(), Policy::default());
    let project = match here.project(&document) {
        Ok(project) => project,
        Err(message) => {
            out.note(&format!("portreg: {message}"))?;
            return Ok(Outcome::Found);
        }
    };
    let git = Git::at(Path::new("."));
    let default = default_branch(&git)?;
    let busy = checked_out(&git)?;
    let key = project_key(&project).into_owned();
    let rows: Vec<(u32, String)> = document
        .registry()
        .instances
        .iter()
        .filter(|i| i.common.is_live() && i.common.key() == key)
        .filter_map(|i| Some((i.number?, i.branch.as_deref()?.trim().to_owned())))
        .filter(|(_, branch)| !branch.is_empty())
        .collect();
    let mut archived = 0;
    for (number, branch) in rows {
        let Some(why) = stale(&git, &branch, (&default.0, &default.1), &busy)? else { continue };
        let verb = if dry_run { "would archive" } else { "archived" };
        out.note(&format!("portreg: {verb} instance {number} of `{project}`: {why}"))?;
        let change = document
            .set_status(StatusTarget::Instance(&project, number), Status::Archived, crate::clock::today())
            .map_err(|e| Failure(e.to_string()))?;
        document = document.apply(&change).map_err(|e| Failure(e.to_string()))?;
        archived += 1;
    }
    if archived == 0 {
        out.note(&format!("portreg: no instance of `{project}` to prune in {}", input.name))?;
    } else if !dry_run {
        deliver(&input, document.text(), WriteArgs { stdout: false, diff: false }, out)?;
    }
    Ok(Outcome::Clean)
}
