//! Merging registry rows: one row edited on each side (cell by cell), and
//! the rows of one stretch of a table that both sides changed (entry by entry).

use super::lines::{Line, Token};
use super::{Origin, Out, Piece};
use crate::markdown::cell_content;
use crate::text::trim_line_ending;

/// A line's text without its line ending.
pub fn content<'a>(line: &Line<'a>) -> &'a str {
    &line.text[..trim_line_ending(line.text, line.text.len())]
}

/// The merge of one row as it is in the base (when it was there) and on
/// each side, with where the result comes from; `None` when both sides
/// changed one cell in two ways (or the row only exists on both sides, in two ways).
pub fn merge_row(base: Option<&Line<'_>>, ours: &Line<'_>, theirs: &Line<'_>) -> Option<(String, Origin)> {
    let (o, t) = (content(ours), content(theirs));
    if o == t {
        let origin = if base.is_some_and(|b| content(b) != o) { Origin::Both } else { Origin::Base };
        return Some((ours.text.to_owned(), origin));
    }
    let base = base?;
    let b = content(base);
    if o == b {
        return Some((theirs.text.to_owned(), Origin::Theirs));
    }
    if t == b {
        return Some((ours.text.to_owned(), Origin::Ours));
    }
    merge_cells(base, ours, theirs).map(|text| (text, Origin::Both))
}

/// Ours, with each cell that only theirs changed taken from theirs (its
/// content, in ours' padding); `None` when the rows have different cell
/// counts or one cell changed on both sides in two ways.
fn merge_cells(base: &Line<'_>, ours: &Line<'_>, theirs: &Line<'_>) -> Option<String> {
    if base.cells.len() != ours.cells.len() || ours.cells.len() != theirs.cells.len() {
        return None;
    }
    fn cell<'a>(line: &Line<'a>, i: usize) -> &'a str {
        cell_content(&line.text[line.cells[i].clone()])
    }
    let mut out = String::with_capacity(ours.text.len() + 16);
    let mut at = 0;
    for i in 0..ours.cells.len() {
        let (b, o, t) = (cell(base, i), cell(ours, i), cell(theirs, i));
        if o == t || t == b {
            continue;
        }
        if o != b {
            return None;
        }
        let raw = &ours.text[ours.cells[i].clone()];
        let lead = raw.len() - raw.trim_start_matches([' ', '\t']).len();
        let start = ours.cells[i].start + lead;
        let replacement = if o.is_empty() && lead == 0 { format!(" {t} ") } else { t.to_owned() };
        out.push_str(&ours.text[at..start]);
        out.push_str(&replacement);
        at = start + o.len();
    }
    out.push_str(&ours.text[at..]);
    Some(out)
}

/// The rows of a stretch both sides changed, merged entry by entry: ours'
/// rows in ours' order, then the rows only theirs has. An entry one side
/// removed and the other left alone goes; one removed on one side and
/// changed on the other, or changed on both in two ways, is a conflict.
pub fn merge_entries<'a, 'b>(
    base: &'a [Line<'b>],
    ours: &'a [(usize, Line<'b>)],
    theirs: &'a [(usize, Line<'b>)],
) -> Vec<Piece> {
    let find = |lines: &'a [(usize, Line<'b>)], token: &Token<'_>| {
        lines.iter().find(|(_, l)| l.token == *token).map(|(i, l)| (*i, l))
    };
    let in_base = |token: &Token<'_>| base.iter().find(|l| l.token == *token);
    let mut out = Vec::new();
    for (oi, o) in ours {
        let b = in_base(&o.token);
        match (find(theirs, &o.token), b) {
            (Some((ti, t)), _) => match merge_row(b, o, t) {
                Some((text, origin)) => out.push(Piece::Line(Out::new(text, origin, Some(*oi), Some(ti)))),
                None => out.push(Piece::conflict(vec![o.text.to_owned()], vec![t.text.to_owned()])),
            },
            (None, Some(b)) if content(b) == content(o) => {}
            (None, Some(_)) => out.push(Piece::conflict(vec![o.text.to_owned()], Vec::new())),
            (None, None) => out.push(Piece::Line(Out::new(o.text.to_owned(), Origin::Ours, Some(*oi), None))),
        }
    }
    for (ti, t) in theirs.iter().filter(|(_, t)| find(ours, &t.token).is_none()) {
        match in_base(&t.token) {
            Some(b) if content(b) == content(t) => {}
            Some(_) => out.push(Piece::conflict(Vec::new(), vec![t.text.to_owned()])),
            None => out.push(Piece::Line(Out::new(t.text.to_owned(), Origin::Theirs, None, Some(*ti)))),
        }
    }
    out
}
