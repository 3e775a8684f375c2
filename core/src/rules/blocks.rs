//! B1xx: how projects share the port space.

use crate::code_span::Code;
use rustc_hash::{FxHashMap, FxHashSet};

use super::block_fixes::move_to_block;
use super::overlap::{earlier_overlaps, Claim};
use super::{Context, Diagnostic, Rule, RuleDoc, Severity, Violation};
use crate::allocate::BlockMap;
use crate::ports::{is_placeholder, PortRange};
use crate::registry::{ProjectEntry, ProjectKey};

/// B101: two projects claim overlapping ports.
pub static BLOCK_OVERLAP: Rule = Rule {
    code: "B101",
    name: "block-overlap",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "The ranges of two different projects share at least one port. The later row is \
               reported; the earlier claim stands.",
        why: "Two projects on one port cannot run at the same time, and the second one to start \
              fails with `address already in use`, or worse, talks to the other's database.",
        example: "| Project | Ports |\n|---|---|\n| api | 30500-30599 |\n| web | 30550-30649 |\n",
        fix: "Move one of the projects to a free block. The automatic fix moves the later row to \
              the next free block, with its project's instance rows in the old block, each to the same \
              place in the new one; it is safe only when the row and those instances are reserved.",
    },
};

/// A range that overlaps another project's, and the next free block's ports.
pub(super) struct BlockOverlap<'a> {
    pub range: PortRange,
    pub other: &'a str,
    pub other_range: PortRange,
    pub next_free: Option<PortRange>,
}

impl Violation for BlockOverlap<'_> {
    const RULE: &'static Rule = &BLOCK_OVERLAP;

    fn message(&self) -> String {
        format!("{} overlaps {} ({})", self.range, Code(self.other), self.other_range)
    }

    fn help(&self) -> String {
        match self.next_free {
            Some(free) => format!("move one of the projects to a free block; the next free one is {free}"),
            None => "move one of the projects; every block is taken, so archive an unused one first".to_owned(),
        }
    }
}

/// B102: a range in the project blocks that is not one whole block.
pub static BLOCK_MISALIGNED: Rule = Rule {
    code: "B102",
    name: "block-misaligned",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "A range inside 30000-39999 is not exactly one aligned 100-port block \
               (`30000 + N×100` to `30000 + N×100 + 99`).",
        why: "The policy gives each project whole blocks so that instance and service ports follow \
              one formula; a shifted range straddles two blocks and breaks every port calculation.",
        example: "| Project | Ports |\n|---|---|\n| api | 30550-30649 |\n",
        fix: "Use a whole block. The automatic fix takes the block the range starts in when no \
              other project holds it, else the next free block, and moves the project's instance rows \
              along when the block changes.",
    },
};

/// A range that is not one whole block, and the block to use instead.
pub(super) struct BlockMisaligned {
    pub range: PortRange,
    pub target: Option<(u32, PortRange)>,
}

impl Violation for BlockMisaligned {
    const RULE: &'static Rule = &BLOCK_MISALIGNED;

    fn message(&self) -> String {
        format!("{} is not one aligned block", self.range)
    }

    fn help(&self) -> String {
        match self.target {
            Some((block, whole)) => format!("use a whole block, such as {whole} (block {block})"),
            None => "use a whole block; every block is taken, so archive an unused one first".to_owned(),
        }
    }
}

/// B103: one project listed twice for one block.
pub static DUPLICATE_ENTRY: Rule = Rule {
    code: "B103",
    name: "duplicate-entry",
    severity: Severity::Warning,
    severity_note: None,
    doc: RuleDoc {
        what: "The same project has two rows claiming the same ports.",
        why: "Duplicates drift apart: one gets updated, the other does not, and nobody knows which \
              status or owner is true.",
        example: "| Project | Ports | Status |\n|---|---|---|\n| api | 30500-30599 | active |\n| api | 30500-30599 | reserved |\n",
        fix: "Delete one of the rows, keeping the one with the current status and owner.",
    },
};

/// A project's second row for ports it already lists.
pub(super) struct DuplicateEntry<'a> {
    pub name: &'a str,
    pub range: PortRange,
}

impl Violation for DuplicateEntry<'_> {
    const RULE: &'static Rule = &DUPLICATE_ENTRY;

    fn message(&self) -> String {
        format!("{} is listed again for {}", Code(self.name), self.range)
    }

    fn help(&self) -> String {
        "delete one of the two rows, keeping the current status and owner".to_owned()
    }
}

/// B104: two projects with one path.
pub static SHARED_PATH: Rule = Rule {
    code: "B104",
    name: "shared-path",
    severity: Severity::Warning,
    severity_note: None,
    doc: RuleDoc {
        what: "Two different projects give the same path.",
        why: "One checkout has one set of config files, so only one of the two blocks can be the \
              one it really uses. Often a rename left an old row behind.",
        example: "| Project | Ports | Path |\n|---|---|---|\n| api | 30500-30599 | ~/src/api |\n| api-v2 | 30600-30699 | ~/src/api |\n",
        fix: "Give each project its own path, or merge the rows if they are one project.",
    },
};

/// A path another project gave first.
pub(super) struct SharedPath<'a> {
    pub path: &'a str,
    pub other: &'a str,
}

impl Violation for SharedPath<'_> {
    const RULE: &'static Rule = &SHARED_PATH;

    fn message(&self) -> String {
        format!("path {} is also the path of {}", Code(self.path), Code(self.other))
    }

    fn help(&self) -> String {
        "give each project its own path, or merge the rows if they are one project".to_owned()
    }
}

/// B105: a project holding more than one block.
pub static EXTRA_BLOCK: Rule = Rule {
    code: "B105",
    name: "extra-block",
    severity: Severity::Info,
    severity_note: None,
    doc: RuleDoc {
        what: "A project holds more than one live block.",
        why: "The policy allows an additional block for a project that needs more than 10 \
              instances; it is noted so that blocks forgotten after a rename are noticed.",
        example: "| Project | Ports |\n|---|---|\n| api | 30500-30599 |\n| api | 30600-30699 |\n",
        fix: "Nothing, when the project needs the block. Otherwise set the extra row to archived.",
    },
};

/// A project's further block, and its first.
pub(super) struct ExtraBlock<'a> {
    pub name: &'a str,
    pub block: u32,
    pub first: u32,
}

impl Violation for ExtraBlock<'_> {
    const RULE: &'static Rule = &EXTRA_BLOCK;

    fn message(&self) -> String {
        format!("{} also holds block {} (first: block {})", Code(self.name), self.block, self.first)
    }

    fn help(&self) -> String {
        "nothing to do if the project needs more than 10 instances; otherwise archive this row".to_owned()
    }
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let map = &cx.blocks;
    let live: Vec<&ProjectEntry> = cx.registry.projects.iter().filter(|p| p.common.is_live()).collect();
    overlaps(cx, &live, map, out);
    for project in &live {
        misaligned(cx, project, map, out);
    }
    shared_paths(&live, out);
    extra_blocks(cx, &live, out);
}

fn overlaps(cx: &Context<'_>, live: &[&ProjectEntry], map: &BlockMap, out: &mut Vec<Diagnostic>) {
    let mut owners: FxHashMap<ProjectKey<'_>, usize> = FxHashMap::default();
    let mut claims = Vec::new();
    for (row, project) in live.iter().enumerate() {
        let next_owner = owners.len();
        let owner = *owners.entry(project.common.key()).or_insert(next_owner);
        claims.extend(project.ports(cx.policy).map(|range| Claim { range, row, owner }));
    }
    let mut reported: FxHashSet<(usize, bool)> = FxHashSet::default();
    for (claim, earlier) in claims.iter().zip(earlier_overlaps(&claims)) {
        let project = live[claim.row];
        let span = project.at.span.clone();
        if let Some(same) = earlier.same_owner.filter(|_| reported.insert((claim.row, true))) {
            let duplicate = DuplicateEntry { name: &project.common.name, range: claims[same].range };
            out.push(Diagnostic::of(span.clone(), duplicate));
        }
        let Some(other) = earlier.other_owner.filter(|_| reported.insert((claim.row, false))) else { continue };
        let next = map.next_free();
        // Only a row that is one whole block moves; scattered legacy ports need a migration plan.
        let mut ports = project.ports(cx.policy);
        let whole_block =
            matches!((ports.next(), ports.next()), (Some(r), None) if cx.policy.aligned_block(r).is_some());
        let fix = next
            .filter(|_| whole_block)
            .and_then(|block| move_to_block(cx, project, block, "Move to the next free block"));
        let holder = &claims[other];
        let overlap = BlockOverlap {
            range: claim.range,
            other: &live[holder.row].common.name,
            other_range: holder.range,
            next_free: next.and_then(|b| cx.policy.block_range(b)),
        };
        out.push(Diagnostic::of(span, overlap).with_fix(fix));
    }
}

fn misaligned(cx: &Context<'_>, project: &ProjectEntry, map: &BlockMap, out: &mut Vec<Diagnostic>) {
    let space = cx.policy.project_space();
    for range in &project.common.ranges {
        if !range.overlaps(space) || cx.policy.aligned_block(*range).is_some() {
            continue;
        }
        // A block the range already covers part of, when it is free for the project; else the next free one.
        let covered = cx.policy.blocks_touched(*range).find(|&b| map.is_free_for(b, &project.common.name));
        let target = covered.or_else(|| map.next_free());
        let fix = target
            .filter(|_| project.common.ranges.len() == 1)
            .and_then(|block| move_to_block(cx, project, block, "Use the whole block"));
        let target = target.and_then(|b| cx.policy.block_range(b).map(|whole| (b, whole)));
        let misaligned = BlockMisaligned { range: *range, target };
        out.push(Diagnostic::of(project.at.span.clone(), misaligned).with_fix(fix));
    }
}

fn shared_paths(live: &[&ProjectEntry], out: &mut Vec<Diagnostic>) {
    let mut first_with_path: FxHashMap<String, &ProjectEntry> = FxHashMap::default();
    for project in live {
        let Some(path) = project.path.as_deref().filter(|p| !is_placeholder(p)) else { continue };
        let normalized = path.trim_end_matches('/').to_owned();
        match first_with_path.get(&normalized) {
            Some(first) if first.common.key() != project.common.key() => {
                out.push(Diagnostic::of(project.at.span.clone(), SharedPath { path, other: &first.common.name }));
            }
            Some(_) => {}
            None => {
                first_with_path.insert(normalized, project);
            }
        }
    }
}

fn extra_blocks(cx: &Context<'_>, live: &[&ProjectEntry], out: &mut Vec<Diagnostic>) {
    let mut blocks_seen: FxHashMap<ProjectKey<'_>, Vec<u32>> = FxHashMap::default();
    for project in live {
        let seen = blocks_seen.entry(project.common.key()).or_default();
        // Misaligned ranges are B102's; only whole blocks count here.
        let blocks = project.ports(cx.policy).filter_map(|r| cx.policy.aligned_block(r));
        for block in blocks {
            if seen.contains(&block) {
                continue;
            }
            if let Some(&first) = seen.first() {
                let extra = ExtraBlock { name: &project.common.name, block, first };
                out.push(Diagnostic::of(project.at.span.clone(), extra));
            }
            seen.push(block);
        }
    }
}
