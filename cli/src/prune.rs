//! `portreg prune`: archives the instance rows of the worktree's project
//! whose branch is gone: merged into the default branch and checked out
//! nowhere, on no remote (see [`crate::stale`]). Exactly the rows it names
//! are archived; rows whose Branch/Environment git does not know are left
//! alone, and said so.

use portreg_core::Code;
use std::path::Path;

use portreg_core::ops::StatusTarget;
use portreg_core::registry::ProjectKey;
use portreg_core::{visible, Document, Policy, Status};

use crate::args::WriteArgs;
use crate::edit_commands;
use crate::git::Git;
use crate::out::Out;
use crate::stale::{Branches, Verdict};
use crate::worktree::Here;
use crate::write::{deliver, not_written};
use crate::{Failure, Outcome};

/// An instance row as prune names it: by its number, or by its branch when it has none.
fn row_name(project: &str, number: &str, branch: &str) -> String {
    let project = Code(project);
    match number {
        "" => format!("an instance row of {project} for {}", Code(&visible(branch))),
        number if number.bytes().all(|b| b.is_ascii_digit()) => format!("instance {number} of {project}"),
        number => format!("instance {} of {project}", Code(&visible(number))),
    }
}

/// Archives the stale rows (or only says which, with `dry_run`).
pub fn run(file: Option<&Path>, dry_run: bool, out: &mut Out) -> Result<Outcome, Failure> {
    let here = Here::find()?;
    let (input, _lock) = edit_commands::open(file, !dry_run)?;
    let mut document = Document::new(input.text.as_str(), Policy::default());
    let project = match here.project(&document, crate::lease::PATH_HINT) {
        Ok(project) => project,
        Err(message) => {
            out.note(&format!("portreg: {message}"))?;
            return Ok(Outcome::Found);
        }
    };
    let git = Git::at(Path::new("."));
    let branches = Branches::read(&git)?;
    let key = ProjectKey::of(&project).into_owned();
    let rows: Vec<(usize, String, String)> = document
        .registry()
        .instances
        .iter()
        .enumerate()
        .filter(|(_, i)| i.common.is_live() && i.common.key() == key)
        .filter_map(|(n, i)| Some((n, i.number_text.trim().to_owned(), i.branch.as_deref()?.trim().to_owned())))
        .filter(|(_, _, branch)| !branch.is_empty())
        .collect();
    // Said once the registry holds the change: a failed write archives nothing.
    let mut archived = Vec::new();
    for (index, number, branch) in rows {
        let what = row_name(&project, &number, &branch);
        let why = match branches.verdict(&git, &branch)? {
            Verdict::Live => continue,
            Verdict::LeftAlone(why) => {
                out.note(&format!("portreg: leaves {what} alone: {}", visible(&why)))?;
                continue;
            }
            Verdict::Stale(why) => why,
        };
        if dry_run {
            out.note(&format!("portreg: would archive {what}: {}", visible(&why)))?;
        }
        let change = document
            .set_status(StatusTarget::InstanceRow(index), Status::Archived, crate::clock::today())
            .map_err(|e| Failure(e.to_string()))?;
        document = document.apply(&change).map_err(|e| Failure(e.to_string()))?;
        archived.push(format!("{what}: {}", visible(&why)));
    }
    if archived.is_empty() {
        out.note(&format!("portreg: no instance of {project} to prune in {}", input.name, project = Code(&project)))?;
    } else if !dry_run {
        let output = WriteArgs { stdout: false, diff: false };
        deliver(&input, document.text(), output, out)?;
        // Read from standard input, the registry was printed, not archived in place.
        let (verb, place) = match not_written(&input, output) {
            None => ("archived", String::new()),
            Some(place) => ("would archive", format!(" ({place})")),
        };
        for row in &archived {
            out.note(&format!("portreg: {verb} {row}{place}"))?;
        }
    }
    Ok(Outcome::Clean)
}
