//! Instance rows left outside their project's block by the merge: one side
//! moved the project (and its rows), the other added or moved an instance
//! row in the block the project left. Each side is fine alone; merged, the
//! row holds ports no block of its project covers.

use super::{apply, move_instance, Claim, Moved, Origin, Piece, Probe, Resolve, Room};
use crate::code_span::Code;
use crate::policy::Policy;
use crate::ports::{format_ranges, PortRange};
use crate::registry::{ProjectKey, Registry};

/// An instance row left outside its project's blocks by the merge, put in
/// a conflict of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stray {
    /// The project.
    pub project: String,
    /// The row's ports.
    pub ranges: String,
    /// Whether ours made the row (theirs moved the project), or theirs (ours moved it).
    pub made_by_ours: bool,
    /// Ours' line to report it on: the row when ours made it, else ours' row of the project.
    pub ours_line: Option<usize>,
}

/// Whether `ranges` lie inside the live blocks of project `key` in `registry`.
fn inside(registry: &Registry, policy: &Policy, key: &ProjectKey<'_>, ranges: &[PortRange]) -> bool {
    let blocks: Vec<PortRange> =
        registry.project_rows(key.as_str()).filter(|p| p.common.is_live()).flat_map(|p| p.ports(policy)).collect();
    ranges.iter().all(|r| blocks.iter().any(|b| b.start <= r.start && r.end <= b.end))
}

/// The instance rows one side made that lie in their project's block on
/// that side, but outside every block of it once merged.
fn find<'c>(probe: &Probe, claims: &'c [Claim], room: &Room<'_>) -> Vec<&'c Claim> {
    claims
        .iter()
        .filter(|c| c.instance && !c.ranges.is_empty())
        .filter(|c| {
            let side = if c.origin == Origin::Ours { &room.ours } else { &room.theirs };
            inside(side, room.policy, &c.key, &c.ranges) && !inside(&probe.registry, room.policy, &c.key, &c.ranges)
        })
        .collect()
}

/// Settles the stray rows as `resolve` says: moved to a free slot of their
/// project's block, or (when that is not asked, or nothing is free) put in a
/// conflict of their own whose marker says why.
pub(super) fn settle(
    pieces: &mut [Piece],
    room: &mut Room<'_>,
    resolve: Resolve,
    moved: &mut Vec<Moved>,
) -> Vec<Stray> {
    let probe = Probe::new(pieces, room.policy);
    let claims = probe.claims(pieces, room.policy, [&room.ours, &room.theirs]);
    let mut left = Vec::new();
    for stray in find(&probe, &claims, room) {
        let slot = if resolve == Resolve::Move { room.slot(&probe.registry, &stray.name) } else { None };
        match slot.and_then(|slot| move_instance(&probe, stray, slot)) {
            Some((edits, how)) => {
                apply(pieces, &probe, edits);
                moved.push(how);
            }
            None => left.push((stray.piece, stray.origin, ours_line(&probe, pieces, stray))),
        }
    }
    let mut strays = Vec::new();
    for (piece, origin, ours_line) in left {
        let Piece::Line(out) = &pieces[piece] else { continue };
        let stray = claims.iter().find(|c| c.piece == piece).map(|c| (c.name.clone(), format_ranges(&c.ranges)));
        let Some((name, ranges)) = stray else { continue };
        let row = vec![out.text.clone()];
        let (ours, theirs) = if origin == Origin::Ours { (row, Vec::new()) } else { (Vec::new(), row) };
        let note = format!(
            "portreg: the other side moved {name} out of the block holding this row's ports {ranges}; \
             give the row a slot in a block {name} has now",
            name = Code(&name)
        );
        pieces[piece] = Piece::Conflict { ours, theirs, note: crate::text::visible(&note).into_owned() };
        strays.push(Stray { project: name, ranges, made_by_ours: origin == Origin::Ours, ours_line });
    }
    strays
}

/// The line of ours to report `stray` on: its own when ours made it, else
/// ours' live row of its project.
fn ours_line(probe: &Probe, pieces: &[Piece], stray: &Claim) -> Option<usize> {
    let line = |at: usize| match &pieces[probe.piece_at(at).0] {
        Piece::Line(out) => out.ours,
        Piece::Conflict { .. } => None,
    };
    if stray.origin == Origin::Ours {
        return match &pieces[stray.piece] {
            Piece::Line(out) => out.ours,
            Piece::Conflict { .. } => None,
        };
    }
    probe.registry.project_rows(stray.key.as_str()).filter(|p| p.common.is_live()).find_map(|p| line(p.at.span.start))
}
