//! `portreg merge-driver`: git's merge driver for a registry (`%O %A %B %P`).
//!
//! Reads the three versions, merges them by entry and writes the result into
//! OURS (git's `%A`) as every write does: a temp file renamed over it, a
//! read-only file refused. Exit 0 when the merge is clean, 1 when conflicts
//! are left for a person, 2 when an input cannot be read or OURS cannot be
//! written; OURS is then unchanged, and git reports a conflict.

use portreg_core::Code;
use std::path::Path;

use portreg_core::merge::{self, Collision, Merged, Resolve};
use portreg_core::Policy;

use crate::input::{self, Source};
use crate::out::Out;
use crate::write::write_atomic;
use crate::{Failure, Outcome};

/// The three versions a merge driver gets, and the registry's path for messages.
pub struct DriverArgs<'a> {
    /// The common ancestor (`%O`).
    pub base: &'a Path,
    /// Ours (`%A`), which receives the result.
    pub ours: &'a Path,
    /// Theirs (`%B`).
    pub theirs: &'a Path,
    /// The registry's path in the repository (`%P`).
    pub path: Option<&'a str>,
}

/// Merges, writes OURS and says what happened on standard error.
/// `how`: what to do about collisions, and the conflict markers' length.
pub fn run(args: &DriverArgs<'_>, how: (Resolve, usize), out: &mut Out) -> Result<Outcome, Failure> {
    let name = args.path.unwrap_or("ports.md");
    let shown = portreg_core::visible(name);
    // Git's files are temp names: messages name the registry and the side instead.
    let read = |path: &Path, side: &str| -> Result<String, Failure> {
        let said = |Failure(m): Failure| {
            let m = m.replace(&path.display().to_string(), &format!("{side} of {shown}"));
            Failure(format!("{m} (the merge is left to git: {shown} is unchanged)"))
        };
        input::read_source(Source::File(path.to_path_buf())).map(|i| i.text).map_err(said)
    };
    let (base, ours, theirs) = (
        read(args.base, "the base version")?,
        read(args.ours, "ours' version")?,
        read(args.theirs, "theirs' version")?,
    );
    let merged = merge::merge_with_markers(&base, &ours, &theirs, &Policy::default(), how);
    write_atomic(args.ours, &merged.text).map_err(|Failure(m)| {
        let m = m.replace(&args.ours.display().to_string(), &format!("ours' version of {shown}"));
        Failure(format!("{m} (the merge is left to git: {shown} is unchanged)"))
    })?;
    report(&merged, name, out)?;
    Ok(if merged.is_clean() { Outcome::Clean } else { Outcome::Found })
}

/// What moved, what collides and how many conflicts are left.
fn report(merged: &Merged, name: &str, out: &mut Out) -> Result<(), Failure> {
    for moved in &merged.moved {
        let rows = match moved.instances {
            0 => String::new(),
            1 => ", with its instance row".to_owned(),
            n => format!(", with its {n} instance rows"),
        };
        out.note(&format!(
            "portreg: {name}: moved {} from {} to {}{rows}",
            Code(&moved.project),
            moved.from,
            moved.to
        ))?;
    }
    for collision in merged.collisions.iter().filter(|c| !c.resolved) {
        out.note(&format!("portreg: {name}: {}", collision_line(collision)))?;
    }
    if !merged.is_clean() {
        let n = merged.conflicts;
        let what = if n == 1 { "1 conflict".to_owned() } else { format!("{n} conflicts") };
        let check = portreg_core::ops::Suggestion::new("check").file(name.as_bytes()).command();
        let then = match check {
            Ok(command) => format!("resolve, then run {command}", command = Code(&command)),
            Err(refusal) => format!("resolve; {refusal}"),
        };
        out.note(&format!("portreg: {name}: {what} left between conflict markers; {then}"))?;
    }
    Ok(())
}

/// One collision left to a person.
fn collision_line(c: &Collision) -> String {
    format!("{} (ours) and {} (theirs) both claim {}; {}", Code(&c.ours), Code(&c.theirs), c.claim, c.advice())
}
