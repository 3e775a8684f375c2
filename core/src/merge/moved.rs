//! Rows a side moved. The three versions are cut into stretches by where
//! they line up; a row a side moved (a sorted or reordered table) lands in
//! another stretch than the same row on the other side. Each stretch is
//! merged on its own, so such a row can come out twice (each side's stretch
//! keeps its copy), or once unedited with the other side's edit in a
//! conflict against nothing, as if the row had been deleted.
//!
//! Here every entry all three versions have is made to come out once: its
//! row merged cell by cell (a conflict when both sides changed one cell in
//! two ways), where one side's stretch put it (the mover's, when only one
//! side moved it), and its other copies dropped.

use rustc_hash::FxHashMap;

use super::lines::{Line, Token};
use super::rows::{self, merge_row};
use super::{Origin, Out, Piece};

/// `pieces` with each entry once: one both sides have (in the base or
/// added by both), merged; one a side deleted, gone, or a conflict when the
/// other side changed it.
pub(super) fn reunite(mut pieces: Vec<Piece>, b: &[Line<'_>], o: &[Line<'_>], t: &[Line<'_>]) -> Vec<Piece> {
    let (in_base, in_ours, in_theirs) = (rows(b), rows(o), rows(t));
    let spots = Spots::of(&pieces, o, t);
    let mut removed = vec![false; pieces.len()];
    // Entries both sides have.
    for (oi, line) in o.iter().enumerate() {
        let Token::Row(key) = &line.token else { continue };
        let Some(&ti) = in_theirs.get(key) else { continue };
        let base = in_base.get(key).map(|&bi| &b[bi]);
        let mut at = spots.of_entry(Some(oi), Some(ti));
        at.retain(|&p| !removed[p]);
        let merged = merge_row(base, &o[oi], &t[ti]);
        let single_and_right = match (at.as_slice(), &merged) {
            ([p], Some((text, _))) => matches!(&pieces[*p], Piece::Line(out) if out.text == *text),
            _ => false,
        };
        // Kept where a side's own stretch put it as a line from that side only, else at the first copy.
        let keep = at.iter().copied().find(|&p| spots.one_sided(&pieces[p])).or_else(|| at.first().copied());
        let Some(keep) = keep.filter(|_| !single_and_right) else { continue };
        pieces[keep] = match merged {
            Some((text, _)) => Piece::Line(Out::new(text, Origin::Both, Some(oi), Some(ti))),
            None => Piece::conflict(vec![o[oi].text.to_owned()], vec![t[ti].text.to_owned()]),
        };
        at.iter().filter(|&&p| p != keep).for_each(|&p| removed[p] = true);
    }
    // Entries of the base one side deleted: the other side's copy goes, or,
    // changed there, is a conflict against nothing. Only a row written once
    // on its side is told apart from its twins here.
    for line in b {
        let Token::Row(key) = &line.token else { continue };
        let (lines, index, ours_kept) = match (in_ours.get(key), in_theirs.get(key)) {
            (Some(&oi), None) => (o, oi, true),
            (None, Some(&ti)) => (t, ti, false),
            _ => continue,
        };
        if only_row_with_text(lines, lines[index].text) != Some(index) {
            continue;
        }
        let (oi, ti) = if ours_kept { (Some(index), None) } else { (None, Some(index)) };
        let at: Vec<usize> = spots.of_entry(oi, ti).into_iter().filter(|p| !removed[*p]).collect();
        let in_conflict = at.iter().any(|&p| matches!(&pieces[p], Piece::Conflict { .. }));
        let copies: Vec<usize> = at.into_iter().filter(|&p| matches!(&pieces[p], Piece::Line(_))).collect();
        let changed = rows::content(&lines[index]) != rows::content(line);
        for (n, &p) in copies.iter().enumerate() {
            if changed && n == 0 && !in_conflict {
                let own = vec![lines[index].text.to_owned()];
                pieces[p] = if ours_kept { Piece::conflict(own, Vec::new()) } else { Piece::conflict(Vec::new(), own) };
            } else {
                removed[p] = true;
            }
        }
    }
    pieces.into_iter().zip(removed).filter(|(_, gone)| !gone).map(|(piece, _)| piece).collect()
}

/// Each row's index in `lines`, by its token (tokens are unique in a version).
fn rows(lines: &[Line<'_>]) -> FxHashMap<String, usize> {
    let key = |line: &Line<'_>| match &line.token {
        Token::Row(key) => Some(key.clone()),
        Token::Text(_) => None,
    };
    lines.iter().enumerate().filter_map(|(i, l)| Some((key(l)?, i))).collect()
}

/// Where each side's rows came out among the pieces.
struct Spots {
    /// The pieces holding ours' line at each index.
    ours: Vec<Vec<usize>>,
    /// The pieces holding theirs' line at each index.
    theirs: Vec<Vec<usize>>,
}

impl Spots {
    fn of(pieces: &[Piece], o: &[Line<'_>], t: &[Line<'_>]) -> Self {
        let mut spots = Spots { ours: vec![Vec::new(); o.len()], theirs: vec![Vec::new(); t.len()] };
        for (p, piece) in pieces.iter().enumerate() {
            match piece {
                Piece::Line(out) => {
                    out.ours.into_iter().filter(|&i| i < o.len()).for_each(|i| spots.ours[i].push(p));
                    out.theirs.into_iter().filter(|&i| i < t.len()).for_each(|i| spots.theirs[i].push(p));
                }
                // A conflict of one row: the row, when no other row is written alike.
                Piece::Conflict { ours, theirs, note } if note.is_empty() => match (ours.as_slice(), theirs.as_slice())
                {
                    ([row], []) => only_row_with_text(o, row).into_iter().for_each(|i| spots.ours[i].push(p)),
                    ([], [row]) => {
                        only_row_with_text(t, row).into_iter().for_each(|i| spots.theirs[i].push(p));
                    }
                    // One entry's two rows, merged where the base's row was not in reach.
                    ([mine], [other]) => {
                        if let (Some(i), Some(j)) = (only_row_with_text(o, mine), only_row_with_text(t, other)) {
                            if o[i].token == t[j].token {
                                spots.ours[i].push(p);
                                spots.theirs[j].push(p);
                            }
                        }
                    }
                    _ => {}
                },
                Piece::Conflict { .. } => {}
            }
        }
        spots
    }

    /// The pieces holding the entry at `oi` in ours and `ti` in theirs, in order.
    fn of_entry(&self, oi: Option<usize>, ti: Option<usize>) -> Vec<usize> {
        let ours = oi.map_or(&[][..], |i| &self.ours[i][..]);
        let theirs = ti.map_or(&[][..], |i| &self.theirs[i][..]);
        let mut at: Vec<usize> = ours.iter().chain(theirs).copied().collect();
        crate::order::sort_by_key(&mut at, |&p| p as u64);
        at.dedup();
        at
    }

    /// Whether `piece` is a line only one side's stretch gave.
    fn one_sided(&self, piece: &Piece) -> bool {
        matches!(piece, Piece::Line(out) if out.ours.is_some() != out.theirs.is_some())
    }
}

/// The index of the one row of `lines` whose text is `text`; `None` when
/// none is, or several are (rows written alike cannot be told apart here).
fn only_row_with_text(lines: &[Line<'_>], text: &str) -> Option<usize> {
    let mut found = lines.iter().enumerate().filter(|(_, l)| l.is_row() && l.text == text).map(|(i, _)| i);
    let first = found.next()?;
    found.next().is_none().then_some(first)
}
