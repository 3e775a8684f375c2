//! Collisions seen from one document: a registry left with a merge's
//! conflict markers, or a registry next to another branch's version.

use std::ops::Range;

use super::{merge, Collision, Resolve, Stray};
use crate::policy::Policy;
use crate::text::{after_line_ending, line_end, trim_line_ending};

/// The byte ranges of `source`'s lines, endings included.
fn line_ranges(source: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        (at < source.len()).then(|| {
            let end = after_line_ending(source, line_end(source, at));
            let range = at..end;
            at = end;
            range
        })
    })
}

/// Whether `line` is a conflict marker made of `c`: at least seven of it
/// (git's marker size may be set larger), then a space or the line's end.
fn is_marker(line: &str, c: char) -> bool {
    let run = line.chars().take_while(|&x| x == c).count();
    run >= super::MARKER_SIZE && line[run..].chars().next().is_none_or(|x| matches!(x, ' ' | '\t' | '\r' | '\n'))
}

/// Whether `line` is one of git's conflict marker lines (`<<<<<<<`,
/// `|||||||`, `=======`, `>>>>>>>`).
pub fn is_conflict_marker(line: &str) -> bool {
    ['<', '|', '=', '>'].into_iter().any(|c| is_marker(line, c))
}

/// Whether `source` holds a line that opens a merge conflict.
pub fn has_conflict_markers(source: &str) -> bool {
    source.contains("<<<<<<<") && line_ranges(source).any(|r| is_marker(&source[r], '<'))
}

/// Fenced code, followed line by line: a page may show what a conflict looks
/// like in a code block, and such marker lines are no conflict.
#[derive(Default)]
struct Fences {
    /// The open fence's character and length.
    open: Option<(char, usize)>,
}

impl Fences {
    /// Whether `line` (without its ending) is code: inside a fence, or a
    /// fence line itself. A backtick fence's info string holds no backtick.
    fn is_code(&mut self, line: &str) -> bool {
        let indented = line.len() - line.trim_start_matches(' ').len();
        let code = &line[indented..];
        let run = |c: char| code.chars().take_while(|&x| x == c).count();
        let fence = ['`', '~']
            .into_iter()
            .map(|c| (c, run(c)))
            .find(|&(c, n)| n >= 3 && indented < 4 && (c == '~' || !code[n..].contains('`')));
        match (self.open, fence) {
            (None, Some(found)) => self.open = Some(found),
            (Some((c, n)), Some((d, m))) if c == d && m >= n && code[m..].trim().is_empty() => self.open = None,
            (Some(_), _) => {}
            (None, None) => return false,
        }
        true
    }
}

/// Whether `source` holds a whole conflict a merge left: a `<<<<<<<` line,
/// then a `>>>>>>>` line, outside fenced code (a page may show what a
/// conflict looks like). Inside a conflict fences are not followed: its two
/// sides may open different ones. Lone marker-like lines (a deep quote
/// `>>>>>>>`, an empty table row `|||||||`) are no conflict.
pub fn has_open_conflict(source: &str) -> bool {
    if !source.contains("<<<<<<<") {
        return false;
    }
    let (mut fences, mut opened) = (Fences::default(), false);
    for range in line_ranges(source) {
        // Trimmed within the line: a run of empty lines is not walked back over.
        let line = source[range].trim_end_matches(['\n', '\r']);
        if !opened && fences.is_code(line) {
            continue;
        }
        if is_marker(line, '<') {
            opened = true;
        } else if opened && is_marker(line, '>') {
            return true;
        }
    }
    false
}

/// A conflict marker line left in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The line, without its ending.
    pub span: Range<usize>,
    /// The marker's character: `<` opens a conflict; `|`, `=` or `>` found outside one.
    pub kind: char,
}

/// The marker lines a merge left in `source`, outside fenced code: each
/// `<<<<<<<` that opens a conflict, and each `|||||||` or `>>>>>>>` outside one. A `=======` line
/// outside a conflict is not counted: in markdown it underlines a heading.
pub fn conflict_markers(source: &str) -> Vec<Marker> {
    let mut out = Vec::new();
    let (mut fences, mut open) = (Fences::default(), false);
    for range in line_ranges(source) {
        let line = &source[range.clone()];
        if !open && fences.is_code(line.trim_end_matches(['\n', '\r'])) {
            continue;
        }
        let Some(kind) = ['<', '|', '=', '>'].into_iter().find(|&c| is_marker(line, c)) else { continue };
        let span = range.start..trim_line_ending(source, range.end).max(range.start);
        match kind {
            '<' => {
                out.push(Marker { span, kind });
                open = true;
            }
            '>' if open => open = false,
            '|' | '>' if !open => out.push(Marker { span, kind }),
            _ => {}
        }
    }
    out
}

/// The three versions a conflicted document holds, and where each line of
/// theirs is in it.
#[derive(Default)]
struct Sides {
    base: String,
    ours: String,
    theirs: String,
    theirs_at: Vec<Range<usize>>,
}

/// Splits a document with conflict markers into its versions: the base
/// without either side's lines (or diff3's base lines where given), ours, and
/// theirs. `None` when a conflict is left open.
fn split(source: &str) -> Option<Sides> {
    #[derive(PartialEq)]
    enum In {
        Shared,
        Ours,
        Base,
        Theirs,
    }
    let mut sides = Sides::default();
    let mut state = In::Shared;
    for range in line_ranges(source) {
        let line = &source[range.clone()];
        state = match state {
            In::Shared if is_marker(line, '<') => In::Ours,
            In::Ours | In::Base if is_marker(line, '=') => In::Theirs,
            In::Ours if is_marker(line, '|') => In::Base,
            In::Theirs if is_marker(line, '>') => In::Shared,
            state => {
                let content = range.start..trim_line_ending(source, range.end);
                match state {
                    In::Shared => {
                        sides.base.push_str(line);
                        sides.ours.push_str(line);
                        sides.theirs.push_str(line);
                        sides.theirs_at.push(content);
                    }
                    In::Ours => sides.ours.push_str(line),
                    In::Base => sides.base.push_str(line),
                    In::Theirs => {
                        sides.theirs.push_str(line);
                        sides.theirs_at.push(content);
                    }
                }
                state
            }
        };
    }
    (state == In::Shared).then_some(sides)
}

/// The collisions inside the conflicts of `source`, each with the bytes of
/// theirs' row in `source`.
pub fn conflict_collisions(source: &str, policy: &Policy) -> Vec<(Range<usize>, Collision)> {
    if !has_conflict_markers(source) {
        return Vec::new();
    }
    let Some(sides) = split(source) else { return Vec::new() };
    let merged = merge(&sides.base, &sides.ours, &sides.theirs, policy, Resolve::Conflict);
    merged.collisions.into_iter().filter_map(|c| Some((sides.theirs_at.get(c.theirs_line?)?.clone(), c))).collect()
}

/// `source` with every line ending (CRLF, lone CR) made LF: its lines stay
/// where they were, counted.
fn with_lf(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for range in line_ranges(source) {
        let end = trim_line_ending(source, range.end).max(range.start);
        out.push_str(&source[range.start..end]);
        if end < range.end {
            out.push('\n');
        }
    }
    out
}

/// The collisions merging `theirs` into `ours` (both versions of `base`)
/// would make, each with the bytes of ours' row in `ours`. The versions are
/// compared with their line endings made alike (a CRLF checkout against
/// git's LF), and the rows found are mapped back to `ours` line by line.
pub fn against(ours: &str, base: &str, theirs: &str, policy: &Policy) -> Vec<(Range<usize>, Collision)> {
    let lines: Vec<Range<usize>> = line_ranges(ours).map(|r| r.start..trim_line_ending(ours, r.end)).collect();
    let merged = merge(&with_lf(base), &with_lf(ours), &with_lf(theirs), policy, Resolve::Conflict);
    merged.collisions.into_iter().filter_map(|c| Some((lines.get(c.ours_line?)?.clone(), c))).collect()
}

/// The instance rows merging `theirs` into `ours` (both versions of `base`)
/// would leave outside their project's blocks, each with the bytes of the
/// line of `ours` to report it on.
pub fn against_strays(ours: &str, base: &str, theirs: &str, policy: &Policy) -> Vec<(Range<usize>, Stray)> {
    let lines: Vec<Range<usize>> = line_ranges(ours).map(|r| r.start..trim_line_ending(ours, r.end)).collect();
    let merged = merge(&with_lf(base), &with_lf(ours), &with_lf(theirs), policy, Resolve::Conflict);
    merged.strays.into_iter().filter_map(|s| Some((lines.get(s.ours_line?)?.clone(), s))).collect()
}
