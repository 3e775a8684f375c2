//! `portreg lease` and `portreg env` without a project: the instance of the
//! git worktree portreg runs in, found by the project's Path and the branch.

use portreg_core::Code;
use std::path::{Path, PathBuf};

use portreg_core::ops::AddInstance;
use portreg_core::ops::{Refusal, Suggestion};
use portreg_core::{shell_word, Document, Policy, Status};

use crate::args::{Snippet, WriteArgs};
use crate::edit_commands;
use crate::input::{self, Input};
use crate::out::Out;
use crate::worktree::{instance_of, Here};
use crate::write::deliver;
use crate::{Failure, Outcome};

/// What to do when no project's Path holds the worktree, for the commands
/// that take no project name.
pub const PATH_HINT: &str = "set the project's Path in the registry to the repository's directory";

/// A request refused: said on standard error, exit 1.
fn refused(message: &str, out: &mut Out) -> Result<Outcome, Failure> {
    out.note(&format!("portreg: {message}"))?;
    Ok(Outcome::Found)
}

/// The block of `project`'s instance row for `branch`.
fn block_of(document: &Document, project: &str, branch: &str) -> Option<u32> {
    let row = document.instance_for_branch(project, branch)?;
    document.policy().block_of(row.common.ranges.first()?.start)
}

/// What `portreg env` was asked for, before the worktree is looked at.
pub struct EnvRequest<'a> {
    /// The project named, if any.
    pub project: Option<&'a str>,
    /// The instance named, if any.
    pub instance: Option<u32>,
    /// The branch named, if any.
    pub branch: Option<&'a str>,
    /// The block named, if any.
    pub block: Option<u32>,
    /// Whether the instance runs a local Supabase stack.
    pub supabase: bool,
}

/// How `portreg env NAME` reads a lone NAME: a project of the default
/// registry when it is one, else the registry's file when a file of that
/// name exists (`portreg env FILE` in a worktree), else a project. When NAME
/// is both, the project reading is taken and said so.
pub fn env_reading(
    project: Option<String>,
    file: Option<PathBuf>,
    out: &mut Out,
) -> Result<(Option<String>, Option<PathBuf>), Failure> {
    let (Some(name), None) = (&project, &file) else { return Ok((project, file)) };
    if !Path::new(name).is_file() {
        return Ok((project, file));
    }
    let registered = input::read(None).ok().filter(|registry| {
        let document = Document::new(registry.text.as_str(), Policy::default());
        let live = document.registry().project_rows(name).any(|p| p.common.is_live());
        live
    });
    let Some(registry) = registered else { return Ok((None, Some(PathBuf::from(name)))) };
    let shown = portreg_core::visible(name);
    out.note(&format!(
        "portreg: {shown} is a project in {} and a file here: reading it as the project (pass {} to use \
         the file as the registry)",
        registry.name,
        Code(&shell_word(&as_file(name))),
        shown = Code(&shown)
    ))?;
    Ok((project, None))
}

/// The file `name` written so that it names no project: the same file with
/// `./` before a relative path, `/.` before an absolute one.
fn as_file(name: &str) -> String {
    if name.starts_with('/') {
        format!("/.{name}")
    } else {
        format!("./{name}")
    }
}

/// `portreg env`: a named project's instance (1 by default), or without a
/// project the worktree's project and its branch's instance.
pub fn env(file: Option<&Path>, request: &EnvRequest<'_>, format: Snippet, out: &mut Out) -> Result<Outcome, Failure> {
    let input = input::read(file)?;
    let by_branch = request.instance.is_none() && (request.project.is_none() || request.branch.is_some());
    let here = if request.project.is_none() || (by_branch && request.branch.is_none()) {
        let named = |Failure(m): Failure| Failure(format!("{m}; or name the project"));
        Some(Here::find().map_err(named)?)
    } else {
        None
    };
    let document = Document::new(input.text.as_str(), Policy::default());
    let project = match (request.project, &here) {
        (Some(project), _) => project.to_owned(),
        (None, Some(here)) => match here.project(&document, "name the project (`portreg env PROJECT`)") {
            Ok(project) => project,
            Err(message) => return refused(&message, out),
        },
        (None, None) => return refused("name a project", out),
    };
    if !by_branch {
        let instance = request.instance.unwrap_or(1);
        return edit_commands::env(&input, &project, instance, request.block, format, request.supabase, out);
    }
    let branch = match (request.branch, &here) {
        (Some(branch), _) => branch.to_owned(),
        (None, Some(here)) => here.branch_or(None)?,
        (None, None) => return refused("name a branch", out),
    };
    match instance_of(&document, &project, &branch) {
        Some(n) => {
            let block = request.block.or_else(|| block_of(&document, &project, &branch));
            edit_commands::env(&input, &project, n, block, format, request.supabase, out)
        }
        None => {
            let missing = format!(
                "no instance of {project} is recorded for branch {branch}",
                branch = Code(&branch),
                project = Code(&project)
            );
            match record_command(file, (&project, &branch), request.project.is_none(), request.branch) {
                Ok(record) => refused(&format!("{missing}; {record} gives it one", record = Code(&record)), out),
                Err(refusal) => refused(&format!("{missing}; {refusal}"), out),
            }
        }
    }
}

/// The command that records the instance `env` did not find, as the user
/// would type it: `portreg lease` (with the `asked` branch) in the worktree
/// whose Path `found` the project; else `portreg add-instance`, since a
/// project named on the command line may not be the worktree's, and lease
/// does not edit a registry read from standard input.
/// A command portreg would refuse (a name or branch it never records) is
/// not given: the refusal says what to do first.
fn record_command(
    file: Option<&Path>,
    (project, branch): (&str, &str),
    found: bool,
    asked: Option<&str>,
) -> Result<String, Refusal> {
    let stdin = file == Some(Path::new("-"));
    let on = |command: Suggestion| match file {
        Some(file) => command.file(input::path_bytes(file)),
        None => command,
    };
    if found && !stdin {
        let lease = on(Suggestion::new("lease")).implied_name(project);
        return match asked {
            Some(asked) => lease.branch(asked),
            None => lease.implied_branch(branch),
        }
        .command();
    }
    on(Suggestion::new("add-instance").name(project).branch(branch)).command()
}

/// `portreg lease`: the worktree's instance, recorded with its branch when
/// it has none yet (under the edit lock), then its ports.
/// `(format, supabase)` say what to print, as for `env`.
pub fn lease(
    file: Option<&Path>,
    branch: Option<&str>,
    (format, supabase): (Snippet, bool),
    out: &mut Out,
) -> Result<Outcome, Failure> {
    if let Some(why) = edit_commands::no_snippet(format, supabase) {
        return refused(why, out);
    }
    let here = Here::find()?;
    let branch = here.branch_or(branch)?;
    let (input, _lock) = edit_commands::open(file, true)?;
    if input.path.is_none() {
        return Err(Failure("lease records the instance in the registry's file, not standard input".to_owned()));
    }
    let document = Document::new(input.text.as_str(), Policy::default());
    let project = match here.project(&document, PATH_HINT) {
        Ok(project) => project,
        Err(message) => return refused(&message, out),
    };
    if let Some(n) = instance_of(&document, &project, &branch) {
        out.note(&format!(
            "portreg: instance {n} of {project} is already branch {branch}'s in {}",
            input.name,
            branch = Code(&branch),
            project = Code(&project)
        ))?;
        let block = block_of(&document, &project, &branch);
        return edit_commands::env(&input, &project, n, block, format, supabase, out);
    }
    let default = crate::stale::default_branch(&crate::git::Git::at(Path::new("."))).ok().map(|(name, _)| name);
    let is_default = default.as_deref() == Some(branch.as_str());
    let instance =
        match portreg_core::worktree::lease_instance(document.registry(), document.policy(), &project, is_default) {
            Ok(n) => n,
            Err(message) => return refused(&message, out),
        };
    let request = AddInstance {
        project: &project,
        instance: Some(instance),
        purpose: None,
        branch: &branch,
        status: Status::Active,
    };
    let (change, slot) = match document.add_instance(&request) {
        Ok(done) => done,
        Err(error) => return refused(&error.to_string(), out),
    };
    let edited = change.try_apply(&input.text).map_err(|e| Failure(format!("cannot edit {}: {e}", input.name)))?;
    deliver(&input, &edited, WriteArgs { stdout: false, diff: false }, out)?;
    out.note(&format!(
        "portreg: leased instance {} ({}) of {project} to branch {branch} in {}",
        slot.instance,
        slot.range,
        input.name,
        branch = Code(&branch),
        project = Code(&project)
    ))?;
    let leased = Input { text: edited, ..input };
    edit_commands::env(&leased, &project, slot.instance, Some(slot.block), format, supabase, out)
}

#[cfg(test)]
mod tests {
    use super::as_file;

    #[test]
    fn a_file_is_written_so_that_it_names_no_project() {
        assert_eq!(as_file("my api"), "./my api");
        assert_eq!(as_file("/srv/team/ports.md"), "/./srv/team/ports.md");
        assert!(std::path::Path::new(&as_file("/")).is_dir());
    }
}
