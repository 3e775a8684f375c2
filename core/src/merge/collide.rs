//! Collisions: a block (or instance slot) that each side of a merge gave to
//! someone else. Found on the merged lines, then left to a person (conflict
//! markers around the rows) or resolved by moving theirs' new entry.

mod strays;

pub use strays::Stray;

use rustc_hash::FxHashSet;

use super::{Origin, Out, Piece, Resolve};
use crate::allocate::{free_instances, BlockMap};
use crate::edit::{self, set_cell, TextEdit};
use crate::policy::Policy;
use crate::ports::{format_ranges, PortRange};
use crate::registry::{ProjectKey, Registry};
use crate::text::line_start;

/// Two rows, one made on each side, that claim the same ports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    /// The project of ours' row.
    pub ours: String,
    /// The project of theirs' row.
    pub theirs: String,
    /// What both claim: `block 4 (30400-30499)`, `instance slot 30420-30429`.
    pub claim: String,
    /// What is free on both sides to move one of them to, when anything is.
    pub free: Option<String>,
    /// The index of ours' row among ours' lines.
    pub ours_line: Option<usize>,
    /// The index of theirs' row among theirs' lines.
    pub theirs_line: Option<usize>,
    /// Whether theirs' entry was moved away.
    pub resolved: bool,
    /// For instance rows: whether theirs' row lies where another project
    /// claims its project's block too (then no slot is offered: moving the
    /// project moves the row).
    pub in_colliding_block: bool,
}

impl Collision {
    /// Where to go instead, for a person: the room free on both sides.
    pub fn advice(&self) -> String {
        match &self.free {
            Some(free) => format!("{free} is free on both sides"),
            None if self.in_colliding_block => {
                "the project's block is claimed by two projects too: moving the project moves this row".to_owned()
            }
            None => "nothing is free on both sides".to_owned(),
        }
    }
}

/// An entry moved to resolve a collision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The project.
    pub project: String,
    /// Its ports before.
    pub from: String,
    /// Its ports now.
    pub to: String,
    /// How many of its instance rows moved with it.
    pub instances: usize,
}

/// A live claim of a merged row that one side made.
struct Claim {
    piece: usize,
    key: ProjectKey<'static>,
    name: String,
    ranges: Vec<PortRange>,
    instance: bool,
    origin: Origin,
}

/// The merged lines as one text to read, with where each piece starts.
struct Probe {
    text: String,
    starts: Vec<(usize, usize)>,
    registry: Registry,
}

impl Probe {
    /// Reads the merged lines; of a conflict, ours' lines.
    fn new(pieces: &[Piece], policy: &Policy) -> Self {
        let mut text = String::new();
        let mut starts = Vec::new();
        for (i, piece) in pieces.iter().enumerate() {
            let lines: Vec<&str> = match piece {
                Piece::Line(out) => vec![&out.text],
                Piece::Conflict { ours, .. } => ours.iter().map(String::as_str).collect(),
            };
            for line in lines {
                starts.push((text.len(), i));
                text.push_str(line);
                if !line.ends_with(['\n', '\r']) {
                    text.push('\n');
                }
            }
        }
        let registry = Registry::parse(&text, policy);
        Self { text, starts, registry }
    }

    /// The piece holding byte `at`, and where its line starts.
    fn piece_at(&self, at: usize) -> (usize, usize) {
        let start = line_start(&self.text, at);
        let i = self.starts.partition_point(|(s, _)| *s <= start).saturating_sub(1);
        (self.starts[i].1, start)
    }

    /// The claims of rows a side made, live ones only. A row both sides
    /// edited is the claim of the side whose ports it has when the other
    /// side's version held other ports ([`side_of_both`]).
    fn claims(&self, pieces: &[Piece], policy: &Policy, sides: [&Registry; 2]) -> Vec<Claim> {
        let projects = self
            .registry
            .projects
            .iter()
            .filter(|p| p.common.is_live())
            .map(|p| (p.at.span.start, &p.common, p.ports(policy).collect::<Vec<_>>(), None));
        let instances = self
            .registry
            .instances
            .iter()
            .filter(|i| i.common.is_live())
            .map(|i| (i.at.span.start, &i.common, i.common.ranges.clone(), Some(i.number)));
        projects
            .chain(instances)
            .filter_map(|(at, common, ranges, number)| {
                let (piece, _) = self.piece_at(at);
                let Piece::Line(out) = &pieces[piece] else { return None };
                let origin = match out.origin {
                    Origin::Both => side_of_both((&common.key(), number), &ranges, sides, policy)?,
                    Origin::Base => return None,
                    origin => origin,
                };
                let (key, name) = (common.key().into_owned(), common.name.to_string());
                Some(Claim { piece, key, name, ranges, instance: number.is_some(), origin })
            })
            .collect()
    }
}

/// Which side claims a row both sides edited, whose entry is project `key`
/// (and instance `number`, for an instance row) with `ranges`: the one
/// whose other side held no such row with those ports. `None` when both
/// held it (the edits left its ports alone).
fn side_of_both(
    (key, number): (&ProjectKey<'_>, Option<Option<u32>>),
    ranges: &[PortRange],
    [ours, theirs]: [&Registry; 2],
    policy: &Policy,
) -> Option<Origin> {
    let held = |registry: &Registry| {
        if let Some(number) = number {
            registry.instances.iter().any(|i| {
                i.common.is_live() && i.common.key() == *key && i.number == number && i.common.ranges == ranges
            })
        } else {
            registry
                .project_rows(key.as_str())
                .any(|p| p.common.is_live() && p.ports(policy).eq(ranges.iter().copied()))
        }
    };
    match (held(ours), held(theirs)) {
        (true, false) => Some(Origin::Ours),
        (false, true) => Some(Origin::Theirs),
        _ => None,
    }
}

/// A pair of colliding claims, theirs' first.
fn pairs(claims: &[Claim]) -> Vec<(&Claim, &Claim)> {
    let side = |origin| claims.iter().filter(move |c| c.origin == origin);
    side(Origin::Theirs)
        .filter_map(|t| {
            let o = side(Origin::Ours).find(|o| {
                o.instance == t.instance
                    && o.piece != t.piece
                    && (o.instance || o.key != t.key)
                    && o.ranges.iter().any(|a| t.ranges.iter().any(|b| a.overlaps(*b)))
            })?;
            Some((t, o))
        })
        .collect()
}

/// What two sides decided, to find room that neither holds.
struct Room<'a> {
    policy: &'a Policy,
    sides: [BlockMap; 2],
    base: Registry,
    ours: Registry,
    theirs: Registry,
    blocks: FxHashSet<u32>,
    slots: FxHashSet<PortRange>,
}

impl Room<'_> {
    /// A block free on both sides and not handed out yet.
    fn block(&mut self) -> Option<u32> {
        let free = (0..self.policy.block_count)
            .find(|b| self.sides.iter().all(|s| s.is_free(*b)) && !self.blocks.contains(b))?;
        self.blocks.insert(free);
        Some(free)
    }

    /// A slot of `project` that no merged row claims, inside no other
    /// project's block, and not handed out yet.
    fn slot(&mut self, merged: &Registry, project: &str) -> Option<crate::InstanceSlot> {
        let free = free_instances(merged, self.policy, project).ok()?;
        let slot = free
            .into_iter()
            .find(|s| !self.slots.contains(&s.range) && !others_hold(merged, self.policy, project, s.range))?;
        self.slots.insert(slot.range);
        Some(slot)
    }

    /// Whether `key` is a project neither the base nor ours knows: new on their side.
    fn new_on_theirs(&self, key: &ProjectKey<'_>) -> bool {
        let key = key.as_str();
        self.base.project_rows(key).next().is_none() && self.ours.project_rows(key).next().is_none()
    }
}

/// Whether a live project other than `project` claims ports of `range`.
fn others_hold(merged: &Registry, policy: &Policy, project: &str, range: PortRange) -> bool {
    let key = ProjectKey::of(project);
    merged
        .projects
        .iter()
        .any(|p| p.common.is_live() && p.common.key() != key && p.ports(policy).any(|r| r.overlaps(range)))
}

/// Finds the collisions of the merged lines and settles them as `resolve` says.
pub fn settle(
    mut pieces: Vec<Piece>,
    [ours, theirs]: [&str; 2],
    base: &str,
    policy: &Policy,
    resolve: Resolve,
) -> (Vec<Piece>, Vec<Collision>, Vec<Moved>, Vec<Stray>) {
    let sides = [ours, theirs].map(|s| BlockMap::new(&Registry::parse(s, policy), policy));
    let (base, ours, theirs) =
        (Registry::parse(base, policy), Registry::parse(ours, policy), Registry::parse(theirs, policy));
    let mut room =
        Room { policy, sides, base, ours, theirs, blocks: FxHashSet::default(), slots: FxHashSet::default() };
    let (mut resolved, mut moved) = (Vec::new(), Vec::new());
    if resolve == Resolve::Move {
        // A round moves every entry it can; one more finds what a move may have made.
        for _ in 0..3 {
            let probe = Probe::new(&pieces, policy);
            let claims = probe.claims(&pieces, policy, [&room.ours, &room.theirs]);
            let round = move_round(&probe, &pairs(&claims), &pieces, &mut room);
            if round.is_empty() {
                break;
            }
            for (collision, edits, how) in round {
                apply(&mut pieces, &probe, edits);
                resolved.push(collision);
                moved.push(how);
            }
        }
    }
    let strays = strays::settle(&mut pieces, &mut room, resolve, &mut moved);
    let probe = Probe::new(&pieces, policy);
    let claims = probe.claims(&pieces, policy, [&room.ours, &room.theirs]);
    let mut left = Vec::new();
    let mut anchored: Vec<(usize, Vec<usize>, String)> = Vec::new();
    for (t, o) in pairs(&claims) {
        let (collision, _) = describe(t, o, &pieces, &probe, &mut room, false);
        let note = format!("portreg: both sides claim {}; {}", collision.claim, collision.advice());
        match anchored.iter_mut().find(|(anchor, _, _)| *anchor == o.piece) {
            Some((_, theirs, _)) => theirs.push(t.piece),
            None => anchored.push((o.piece, vec![t.piece], note)),
        }
        left.push(collision);
    }
    let pieces = mark_conflicts(pieces, anchored);
    resolved.extend(left);
    (pieces, resolved, moved, strays)
}

/// Where a colliding entry can go.
enum Target {
    /// A block free on both sides.
    Block(u32),
    /// A free slot of the entry's project.
    Slot(crate::InstanceSlot),
}

/// What collides, and what is free to move to (taken from `room`).
fn describe(
    t: &Claim,
    o: &Claim,
    pieces: &[Piece],
    probe: &Probe,
    room: &mut Room<'_>,
    resolved: bool,
) -> (Collision, Option<Target>) {
    let overlap = o.ranges.iter().flat_map(|a| t.ranges.iter().filter_map(|b| a.intersection(*b))).next();
    let shown = overlap.map_or_else(String::new, |r| r.to_string());
    let block_text = |b: u32| room.policy.block_range(b).map(|r| format!("block {b} ({r})"));
    let (claim, target) = if t.instance {
        (format!("instance slot {shown}"), room.slot(&probe.registry, &t.name).map(Target::Slot))
    } else {
        let block = overlap.and_then(|r| room.policy.blocks_touched(r).next());
        (block.and_then(block_text).unwrap_or(shown), room.block().map(Target::Block))
    };
    let free = match &target {
        Some(Target::Slot(s)) => Some(format!("instance {} ({})", s.instance, s.range)),
        Some(Target::Block(b)) => block_text(*b),
        None => None,
    };
    let line = |piece: usize| match &pieces[piece] {
        Piece::Line(out) => (out.ours, out.theirs),
        Piece::Conflict { .. } => (None, None),
    };
    let in_colliding_block =
        t.instance && free.is_none() && t.ranges.iter().any(|r| others_hold(&probe.registry, room.policy, &t.name, *r));
    let collision = Collision {
        ours: o.name.clone(),
        theirs: t.name.clone(),
        claim,
        free,
        ours_line: line(o.piece).0,
        theirs_line: line(t.piece).1,
        resolved,
        in_colliding_block,
    };
    (collision, target)
}

/// Moves theirs' entry of every collision that can be resolved so: projects
/// new on their side to free blocks (their instance rows along), then
/// instance rows to free slots of their projects. Each row is edited once.
fn move_round(
    probe: &Probe,
    pairs: &[(&Claim, &Claim)],
    pieces: &[Piece],
    room: &mut Room<'_>,
) -> Vec<(Collision, Vec<TextEdit>, Moved)> {
    let projects = pairs.iter().filter(|(t, _)| !t.instance && room.new_on_theirs(&t.key));
    let instances = pairs.iter().filter(|(t, _)| t.instance);
    let order: Vec<_> = projects.chain(instances).collect();
    let mut edited: FxHashSet<usize> = FxHashSet::default();
    let mut done = Vec::new();
    for (t, o) in order {
        if edited.contains(&t.piece) {
            continue;
        }
        let (collision, target) = describe(t, o, pieces, probe, room, true);
        let found = match target {
            Some(Target::Slot(slot)) => move_instance(probe, t, slot),
            Some(Target::Block(block)) => move_project(probe, t, pieces, room.policy, block),
            None => None,
        };
        let Some((edits, moved)) = found else { continue };
        edited.extend(edits.iter().map(|e| probe.piece_at(e.range.start).0));
        done.push((collision, edits, moved));
    }
    done
}

/// Edits that move project `t` and its instance rows from theirs' side to `block`.
fn move_project(
    probe: &Probe,
    t: &Claim,
    pieces: &[Piece],
    policy: &Policy,
    block: u32,
) -> Option<(Vec<TextEdit>, Moved)> {
    let to = policy.block_range(block)?;
    let entry = probe.registry.projects.iter().find(|p| probe.piece_at(p.at.span.start).0 == t.piece)?;
    let from: Vec<u32> = t.ranges.iter().flat_map(|r| policy.blocks_touched(*r)).collect();
    let row = probe.registry.row(&entry.at);
    let mut edits = Vec::new();
    if let Some(cell) = entry.common.ranges_cell.and_then(|c| row.cells.get(c)) {
        edits.push(set_cell(&probe.text, cell, &to.to_string()));
    }
    if let Some(cell) = entry.block_cell.and_then(|c| row.cells.get(c)) {
        let label = if row.text(entry.block_cell?).chars().all(|c| c.is_ascii_digit()) {
            block.to_string()
        } else {
            format!("Block {block}")
        };
        edits.push(set_cell(&probe.text, cell, &label));
    }
    let mut instances = 0;
    for instance in probe.registry.instances.iter().filter(|i| i.common.key() == t.key) {
        let (piece, _) = probe.piece_at(instance.at.span.start);
        let theirs = matches!(&pieces[piece], Piece::Line(out) if out.origin == Origin::Theirs);
        let shift = |r: PortRange| {
            let old = policy.block_of(r.start).filter(|b| from.contains(b))?;
            let base = policy.block_range(old)?.start;
            Some(PortRange::new(r.start - base + to.start, r.end - base + to.start))
        };
        let moved: Option<Vec<PortRange>> = instance.common.ranges.iter().map(|r| shift(*r)).collect();
        let (Some(moved), Some(cell)) = (moved, instance.common.ranges_cell) else { continue };
        if theirs && !moved.is_empty() {
            edits.push(set_cell(&probe.text, &probe.registry.row(&instance.at).cells[cell], &format_ranges(&moved)));
            instances += 1;
        }
    }
    let from = format_ranges(&t.ranges);
    Some((edits, Moved { project: t.name.clone(), from, to: format!("block {block} ({to})"), instances }))
}

/// Edits that move instance row `t` to `slot`.
fn move_instance(probe: &Probe, t: &Claim, slot: crate::InstanceSlot) -> Option<(Vec<TextEdit>, Moved)> {
    let entry = probe.registry.instances.iter().find(|i| probe.piece_at(i.at.span.start).0 == t.piece)?;
    let row = probe.registry.row(&entry.at);
    let mut edits = vec![set_cell(&probe.text, row.cells.get(entry.common.ranges_cell?)?, &slot.range.to_string())];
    if let (Some(cell), Some(old)) = (entry.number_cell, entry.number) {
        let text = entry.number_text.replacen(&old.to_string(), &slot.instance.to_string(), 1);
        edits.push(set_cell(&probe.text, row.cells.get(cell)?, &text));
    }
    let to = format!("instance {} ({})", slot.instance, slot.range);
    Some((edits, Moved { project: t.name.clone(), from: format_ranges(&t.ranges), to, instances: 1 }))
}

/// Applies edits made on the probe's text to the pieces they fall in.
fn apply(pieces: &mut [Piece], probe: &Probe, edits: Vec<TextEdit>) {
    let mut by_piece: Vec<(usize, usize, Vec<TextEdit>)> = Vec::new();
    for e in edits {
        let (piece, start) = probe.piece_at(e.range.start);
        let shifted = TextEdit { range: e.range.start - start..e.range.end - start, replacement: e.replacement };
        match by_piece.iter_mut().find(|(p, _, _)| *p == piece) {
            Some((_, _, list)) => list.push(shifted),
            None => by_piece.push((piece, start, vec![shifted])),
        }
    }
    for (piece, _, list) in by_piece {
        if let Piece::Line(out) = &mut pieces[piece] {
            if let Ok(text) = edit::try_apply(&out.text, &list) {
                *out = Out { text, ..out.clone() };
            }
        }
    }
}

/// Puts each anchor (ours' row) and the rows of theirs that collide with it
/// into one conflict, at the anchor's place.
fn mark_conflicts(pieces: Vec<Piece>, anchored: Vec<(usize, Vec<usize>, String)>) -> Vec<Piece> {
    let text = |p: &Piece| match p {
        Piece::Line(out) => out.text.clone(),
        Piece::Conflict { .. } => String::new(),
    };
    let moved: FxHashSet<usize> = anchored.iter().flat_map(|(_, theirs, _)| theirs.iter().copied()).collect();
    let mut out = Vec::with_capacity(pieces.len());
    for (i, piece) in pieces.iter().enumerate() {
        if moved.contains(&i) {
            continue;
        }
        match anchored.iter().find(|(anchor, _, _)| *anchor == i) {
            Some((_, theirs, note)) => out.push(Piece::Conflict {
                ours: vec![text(piece)],
                theirs: theirs.iter().map(|t| text(&pieces[*t])).collect(),
                note: crate::text::visible(note).into_owned(),
            }),
            None => out.push(piece.clone()),
        }
    }
    out
}
