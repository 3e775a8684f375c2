//! Three-way merge of a registry, entry by entry: what git's merge driver for
//! `ports.md` does, and what `check --against` looks at.
//!
//! Rows are matched by their entry (a project row by its name, block and
//! ports, an instance by its project, number and branch), other lines by their text, and the three
//! versions are cut into stretches as diff3 does. A stretch only one side
//! changed takes that side; one both changed the same way is taken once; a
//! row changed on both sides is merged cell by cell; rows both sides added
//! are all kept (ours' first, in ours' layout, then theirs'). Other lines
//! both sides changed in two ways become a conflict with git's markers.
//!
//! A row one side moved (a sorted table) and the other edited is merged
//! the same way, once, where the mover put it ([`moved`]).
//!
//! Then come collisions: two projects (or two instance rows) that each side
//! made claim one block (or slot). They are a conflict around those rows
//! only, whose marker line names a block free on both sides; or, with
//! [`Resolve::Move`], theirs' new project moves to that block with its
//! instance rows, and the merge is clean.
//!
//! Every byte of a line no side changed is kept; lines keep their own
//! endings, and the marker lines take the document's.

mod added;
mod collide;
mod conflicted;
mod diff3;
mod lines;
mod moved;
mod rows;

pub use collide::{Collision, Moved, Stray};
pub use conflicted::{
    against, against_strays, conflict_collisions, conflict_markers, has_conflict_markers, has_open_conflict,
    is_conflict_marker, Marker,
};

use crate::policy::Policy;
use crate::text::line_ending_of;
use diff3::Chunk;
use lines::Line;

/// What to do about a collision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Resolve {
    /// Leave it to a person: conflict markers around the colliding rows.
    #[default]
    Conflict,
    /// Move theirs' new project to a block free on both sides (theirs' new
    /// instance row to a free slot), with its instance rows.
    Move,
}

/// The result of a merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The merged document, with conflict markers where a person must decide.
    pub text: String,
    /// How many conflicts it holds.
    pub conflicts: usize,
    /// The collisions found, resolved or not.
    pub collisions: Vec<Collision>,
    /// What moved to resolve collisions.
    pub moved: Vec<Moved>,
    /// Instance rows left outside their project's blocks, each in a conflict.
    pub strays: Vec<Stray>,
}

impl Merged {
    /// Whether the merge needs nobody: no conflict is left.
    pub fn is_clean(&self) -> bool {
        self.conflicts == 0
    }
}

/// Where a merged line's content comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Neither side changed it.
    Base,
    /// Only ours changed or added it.
    Ours,
    /// Only theirs changed or added it.
    Theirs,
    /// Both sides changed it (the same way, or in different cells).
    Both,
}

/// A merged line, with the line of each side it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Out {
    /// The text, with its line ending.
    pub text: String,
    /// Where it comes from.
    pub origin: Origin,
    /// Its index among ours' lines.
    pub ours: Option<usize>,
    /// Its index among theirs' lines.
    pub theirs: Option<usize>,
}

impl Out {
    fn new(text: String, origin: Origin, ours: Option<usize>, theirs: Option<usize>) -> Self {
        Self { text, origin, ours, theirs }
    }
}

/// A piece of the merged document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A merged line.
    Line(Out),
    /// Lines a person must choose between, with a note for the opening marker.
    Conflict {
        /// Ours' lines.
        ours: Vec<String>,
        /// Theirs' lines.
        theirs: Vec<String>,
        /// Said after `<<<<<<< ours`.
        note: String,
    },
}

impl Piece {
    fn conflict(ours: Vec<String>, theirs: Vec<String>) -> Self {
        Piece::Conflict { ours, theirs, note: String::new() }
    }
}

/// The length of git's conflict markers (`<<<<<<<`), unless the
/// `conflict-marker-size` attribute says otherwise.
pub const MARKER_SIZE: usize = 7;

/// Merges `ours` and `theirs`, two versions of `base`, with conflict
/// markers [`MARKER_SIZE`] long.
/// Two versions that each side created (`base` empty, as git gives for
/// add/add) are merged from the lines they share.
pub fn merge(base: &str, ours: &str, theirs: &str, policy: &Policy, resolve: Resolve) -> Merged {
    merge_with_markers(base, ours, theirs, policy, (resolve, MARKER_SIZE))
}

/// [`merge`] with conflict markers `marker_size` long (git's `%L`; at least
/// [`MARKER_SIZE`]).
pub fn merge_with_markers(
    base: &str,
    ours: &str,
    theirs: &str,
    policy: &Policy,
    (resolve, marker_size): (Resolve, usize),
) -> Merged {
    let shared;
    let base = if base.is_empty() && !ours.is_empty() && !theirs.is_empty() {
        shared = added::common_base(ours, theirs, policy);
        shared.as_str()
    } else {
        base
    };
    let (b, o, t) = (lines::split(base, policy), lines::split(ours, policy), lines::split(theirs, policy));
    let pieces = moved::reunite(merge_lines(&b, &o, &t), &b, &o, &t);
    let (pieces, collisions, moved, strays) = collide::settle(pieces, [ours, theirs], base, policy, resolve);
    let conflicts = pieces.iter().filter(|p| matches!(p, Piece::Conflict { .. })).count();
    let text = render(&pieces, line_ending_of(ours), marker_size.max(MARKER_SIZE));
    Merged { text, conflicts, collisions, moved, strays }
}

/// The merged lines of the three versions.
fn merge_lines(b: &[Line<'_>], o: &[Line<'_>], t: &[Line<'_>]) -> Vec<Piece> {
    fn tokens<'a>(lines: &[Line<'a>]) -> Vec<lines::Token<'a>> {
        lines.iter().map(|l| l.token.clone()).collect()
    }
    let mut out = Vec::with_capacity(o.len() + 8);
    for chunk in diff3::chunks(&tokens(b), &tokens(o), &tokens(t)) {
        match chunk {
            Chunk::Stable { base, ours, theirs, len } => {
                for n in 0..len {
                    out.push(stable_line(&b[base + n], (ours + n, &o[ours + n]), (theirs + n, &t[theirs + n])));
                }
            }
            Chunk::Changed { base, ours, theirs } => out.extend(changed(&b[base], (ours, o), (theirs, t))),
        }
    }
    out
}

/// A line matched on all three versions (a row possibly edited on a side).
fn stable_line(b: &Line<'_>, (oi, o): (usize, &Line<'_>), (ti, t): (usize, &Line<'_>)) -> Piece {
    if !o.is_row() {
        return Piece::Line(Out::new(o.text.to_owned(), Origin::Base, Some(oi), Some(ti)));
    }
    match rows::merge_row(Some(b), o, t) {
        Some((text, origin)) => Piece::Line(Out::new(text, origin, Some(oi), Some(ti))),
        None => Piece::conflict(vec![o.text.to_owned()], vec![t.text.to_owned()]),
    }
}

/// A stretch where a side differs from the base.
fn changed(
    base: &[Line<'_>],
    (ours, o): (std::ops::Range<usize>, &[Line<'_>]),
    (theirs, t): (std::ops::Range<usize>, &[Line<'_>]),
) -> Vec<Piece> {
    fn text<'a>(lines: &[Line<'a>]) -> Vec<&'a str> {
        lines.iter().map(|l| l.text).collect()
    }
    // One side's lines, each with its index there (and, when both sides hold
    // them alike, theirs' index beside ours').
    let side = |range: std::ops::Range<usize>, lines: &[Line<'_>], origin: Origin, theirs_from: Option<usize>| {
        let start = range.start;
        range
            .map(|i| {
                let (ours, theirs) = match (origin, theirs_from) {
                    (Origin::Theirs, _) => (None, Some(i)),
                    (_, Some(from)) => (Some(i), Some(from + i - start)),
                    (_, None) => (Some(i), None),
                };
                Piece::Line(Out::new(lines[i].text.to_owned(), origin, ours, theirs))
            })
            .collect::<Vec<_>>()
    };
    let (os, ts) = (&o[ours.clone()], &t[theirs.clone()]);
    if text(os) == text(base) {
        return side(theirs, t, Origin::Theirs, None);
    }
    if text(ts) == text(base) {
        return side(ours, o, Origin::Ours, None);
    }
    if text(os) == text(ts) {
        return side(ours, o, Origin::Both, Some(theirs.start));
    }
    if base.is_empty() {
        if let Some(pieces) = trim_common((ours.clone(), o), (theirs.clone(), t)) {
            return pieces;
        }
    }
    if base.iter().chain(os).chain(ts).all(Line::is_row) {
        fn indexed<'a>(range: std::ops::Range<usize>, lines: &[Line<'a>]) -> Vec<(usize, Line<'a>)> {
            range.map(|i| (i, lines[i].clone())).collect()
        }
        return rows::merge_entries(base, &indexed(ours, o), &indexed(theirs, t));
    }
    let owned = |lines: &[Line<'_>]| lines.iter().map(|l| l.text.to_owned()).collect();
    vec![Piece::conflict(owned(os), owned(ts))]
}

/// Lines both sides inserted at one place: the lines they start and end
/// with alike are taken once, and only what is left between is merged (two
/// new tables with the same header and different rows keep both rows).
/// `None` when they have nothing alike at either end.
fn trim_common(
    (ours, o): (std::ops::Range<usize>, &[Line<'_>]),
    (theirs, t): (std::ops::Range<usize>, &[Line<'_>]),
) -> Option<Vec<Piece>> {
    let same = |i: usize, j: usize| o[i].text == t[j].text;
    let most = ours.len().min(theirs.len());
    let head = (0..most).take_while(|&n| same(ours.start + n, theirs.start + n)).count();
    let tail = (0..most - head).take_while(|&n| same(ours.end - 1 - n, theirs.end - 1 - n)).count();
    if head + tail == 0 {
        return None;
    }
    let both = |i: usize, j: usize| Piece::Line(Out::new(o[i].text.to_owned(), Origin::Both, Some(i), Some(j)));
    let mut out: Vec<Piece> = (0..head).map(|n| both(ours.start + n, theirs.start + n)).collect();
    let middle = (ours.start + head..ours.end - tail, theirs.start + head..theirs.end - tail);
    out.extend(changed(&[], (middle.0, o), (middle.1, t)));
    out.extend((0..tail).rev().map(|n| both(ours.end - 1 - n, theirs.end - 1 - n)));
    Some(out)
}

/// The pieces as text: marker lines in `le`, `size` characters long, and
/// every line but the last ending with a line ending.
fn render(pieces: &[Piece], le: &str, size: usize) -> String {
    let mut out = String::new();
    let line = |out: &mut String, text: &str| {
        if !out.is_empty() && !out.ends_with(['\n', '\r']) {
            out.push_str(le);
        }
        out.push_str(text);
    };
    let [open, middle, close] = ['<', '=', '>'].map(|c| c.to_string().repeat(size));
    for piece in pieces {
        match piece {
            Piece::Line(l) => line(&mut out, &l.text),
            Piece::Conflict { ours, theirs, note } => {
                let open = if note.is_empty() { format!("{open} ours") } else { format!("{open} ours ({note})") };
                line(&mut out, &format!("{open}{le}"));
                ours.iter().for_each(|l| line(&mut out, l));
                line(&mut out, &format!("{middle}{le}"));
                theirs.iter().for_each(|l| line(&mut out, l));
                line(&mut out, &format!("{close} theirs{le}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
