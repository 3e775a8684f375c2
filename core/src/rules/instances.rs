//! I3xx: instance rows against their projects' blocks.

use crate::code_span::Code;
use rustc_hash::{FxHashMap, FxHashSet};

use super::instance_fixes::{out_of_range_fix, renumber};
use super::overlap::{earlier_overlaps, Claim};
use super::{Context, Diagnostic, Rule, RuleDoc, Severity, Violation};
use crate::ports::{is_placeholder, PortRange};
use crate::registry::{InstanceEntry, ProjectKey};
use crate::suggestion::{Refusal, Suggestion};

/// I301: an instance of a project the registry does not have.
pub static UNKNOWN_PROJECT: Rule = Rule {
    code: "I301",
    name: "unknown-project",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "An instance row names a project that no projects row has (names match case-insensitively).",
        why: "Its ports belong to no block as far as the registry knows, so the block can be \
              handed to someone else. A typo in the name is the usual cause.",
        example: "| Project | Block | Ports |\n|---|---|---|\n| api | Block 5 | 30500-30599 |\n\n\
                  | Project | Instance | Ports |\n|---|---|---|\n| apj | 1 | 30500-30509 |\n",
        fix: "Correct the name, or register the project first (`portreg reserve NAME`).",
    },
};

/// An instance row's project name that no projects row has (empty: none given).
pub(super) struct UnknownProject<'a> {
    pub name: &'a str,
    /// The registry's file, for the suggested command.
    pub file: Option<&'a [u8]>,
}

impl Violation for UnknownProject<'_> {
    const RULE: &'static Rule = &UNKNOWN_PROJECT;

    fn message(&self) -> String {
        if self.name.is_empty() {
            "instance names no project".to_owned()
        } else {
            format!("no project {} in the registry", Code(self.name))
        }
    }

    fn help(&self) -> String {
        match Suggestion::new("reserve").name(self.name).registry(self.file).command() {
            Ok(command) => {
                format!("correct the name, or register the project first: {command}", command = Code(&command))
            }
            Err(refusal @ Refusal::EmptyName) => refusal.to_string(),
            Err(refusal) => format!("{refusal}; then correct the name, or register the project"),
        }
    }
}

/// I302: an instance outside its project's blocks.
pub static INSTANCE_OUTSIDE_BLOCK: Rule = Rule {
    code: "I302",
    name: "instance-outside-block",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "An instance's ports are not inside any range its project holds.",
        why: "The instance uses ports that belong to another project or to nobody.",
        example: "| Project | Ports |\n|---|---|\n| api | 30500-30599 |\n\n\
                  | Project | Instance | Ports |\n|---|---|---|\n| api | 1 | 30600-30609 |\n",
        fix: "Use a slot of the project's own block (`portreg next FILE --project NAME`).",
    },
};

/// An instance range outside the ports its project holds.
pub(super) struct InstanceOutsideBlock<'a> {
    pub range: PortRange,
    pub name: &'a str,
    pub owned: &'a [PortRange],
}

impl Violation for InstanceOutsideBlock<'_> {
    const RULE: &'static Rule = &INSTANCE_OUTSIDE_BLOCK;

    fn message(&self) -> String {
        format!("{} is outside the ports of {}", self.range, Code(self.name))
    }

    fn help(&self) -> String {
        let list: Vec<String> = self.owned.iter().map(PortRange::to_string).collect();
        format!("use a slot of {}", list.join(", "))
    }
}

/// I303: an instance range that is not one 10-port slot.
pub static INSTANCE_MISALIGNED: Rule = Rule {
    code: "I303",
    name: "instance-misaligned",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "An instance range in the project blocks is not exactly one aligned 10-port slot \
               (block start + (k-1)×10 to +9).",
        why: "Service ports are found by offset (+0 frontend, +2 database, ...): a shifted range \
              puts every service on another instance's port.",
        example: "| Project | Instance | Ports |\n|---|---|---|\n| api | 2 | 30511-30520 |\n",
        fix: "Use the whole slot, `30510-30519` for instance 2 of block 5.",
    },
};

/// An instance range that is not one slot, and the slot it starts in with its number.
pub(super) struct InstanceMisaligned {
    pub range: PortRange,
    pub slot: Option<(PortRange, u32)>,
}

impl Violation for InstanceMisaligned {
    const RULE: &'static Rule = &INSTANCE_MISALIGNED;

    fn message(&self) -> String {
        format!("{} is not one instance slot", self.range)
    }

    fn help(&self) -> String {
        match self.slot {
            Some((whole, number)) => format!("use the whole slot {whole} (instance {number})"),
            None => "use one whole 10-port slot".to_owned(),
        }
    }
}

/// I304: an instance number that disagrees with its ports.
pub static INSTANCE_NUMBER_MISMATCH: Rule = Rule {
    code: "I304",
    name: "instance-number-mismatch",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "The instance number disagrees with the slot its ports are in.",
        why: "Instance numbers carry the policy's purposes (1 development, 2 test/CI, ...); a \
              wrong number sends people to the wrong ports.",
        example: "| Project | Instance | Ports |\n|---|---|---|\n| api | 3 | 30510-30519 |\n",
        fix: "Renumber the instance to its slot (2 above); the automatic fix does that.",
    },
};

/// An instance `number` on the slot of instance `slot`.
pub(super) struct InstanceNumberMismatch {
    pub number: u32,
    pub range: PortRange,
    pub slot: u32,
}

impl Violation for InstanceNumberMismatch {
    const RULE: &'static Rule = &INSTANCE_NUMBER_MISMATCH;

    fn message(&self) -> String {
        format!("instance {}, but {} is instance {}'s slot", self.number, self.range, self.slot)
    }

    fn help(&self) -> String {
        format!("renumber the row to {}, or use the slot of instance {}", self.slot, self.number)
    }
}

/// I305: an instance number outside 1…10.
pub static INSTANCE_OUT_OF_RANGE: Rule = Rule {
    code: "I305",
    name: "instance-out-of-range",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "An instance number is missing, unreadable or not 1-10.",
        why: "A block has ten instance slots, numbered 1 to 10; instance 0 or 11 has no ports.",
        example: "| Project | Instance | Ports |\n|---|---|---|\n| api | 11 | 30600-30609 |\n",
        fix: "Number the instance 1-10. For more than ten instances, reserve an additional block. The automatic \
              fix numbers the row after the slot its ports are in; a live row outside its project's ports gets \
              none, since any number leaves it there (I302): move it to a free slot of the project \
              (`portreg next --project NAME` names one).",
    },
};

/// An instance number as written (none: the cell is empty) outside 1…`per_block`.
pub(super) struct InstanceOutOfRange<'a> {
    pub number: Option<&'a str>,
    pub per_block: u32,
}

impl Violation for InstanceOutOfRange<'_> {
    const RULE: &'static Rule = &INSTANCE_OUT_OF_RANGE;

    fn message(&self) -> String {
        match self.number {
            Some(number) => format!("instance {number} is not 1-{}", self.per_block, number = Code(number)),
            None => "instance has no number".to_owned(),
        }
    }

    fn help(&self) -> String {
        format!("number instances 1-{}; for more, reserve an additional block", self.per_block)
    }
}

/// I306: two instance rows claiming overlapping ports.
pub static INSTANCE_OVERLAP: Rule = Rule {
    code: "I306",
    name: "instance-overlap",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "Two live instance rows claim overlapping ports.",
        why: "Two instances on one port cannot run together; the second fails to start.",
        example:
            "| Project | Instance | Ports |\n|---|---|---|\n| api | 1 | 30500-30509 |\n| api | 1 | 30500-30509 |\n",
        fix: "Give each instance its own slot (`portreg next FILE --project NAME`), or delete the duplicate row.",
    },
};

/// An instance range overlapping an earlier instance row's.
pub(super) struct InstanceOverlap<'a> {
    pub range: PortRange,
    /// The earlier row's instance number, as written when it is no number.
    pub number: String,
    pub name: &'a str,
    pub other_range: PortRange,
}

impl Violation for InstanceOverlap<'_> {
    const RULE: &'static Rule = &INSTANCE_OVERLAP;

    fn message(&self) -> String {
        format!("{} overlaps instance {} of {} ({})", self.range, self.number, Code(self.name), self.other_range)
    }

    fn help(&self) -> String {
        "give each instance its own slot, or delete the duplicate row".to_owned()
    }
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut project_ranges: FxHashMap<ProjectKey<'_>, Vec<PortRange>> = FxHashMap::default();
    for project in &cx.registry.projects {
        project_ranges.entry(project.common.key()).or_default().extend(project.ports(cx.policy));
    }
    for instance in &cx.registry.instances {
        let span = instance.at.span.clone();
        let owned = project_ranges.get(&instance.common.key());
        if owned.is_none() {
            out.push(Diagnostic::of(span.clone(), UnknownProject { name: &instance.common.name, file: cx.file }));
        }
        number_in_range(cx, instance, owned.map(Vec::as_slice), out);
        if !instance.common.is_live() {
            continue;
        }
        for &range in &instance.common.ranges {
            if let Some(owned) = owned.filter(|o| !o.is_empty() && !o.iter().any(|r| r.covers(range))) {
                let outside = InstanceOutsideBlock { range, name: &instance.common.name, owned };
                out.push(Diagnostic::of(span.clone(), outside));
            }
            alignment(cx, instance, range, out);
        }
    }
    overlaps(cx, out);
}

fn number_in_range(cx: &Context<'_>, instance: &InstanceEntry, owned: Option<&[PortRange]>, out: &mut Vec<Diagnostic>) {
    let per_block = cx.policy.instances_per_block();
    if instance.number.is_some_and(|n| (1..=per_block).contains(&n)) {
        return;
    }
    let fix = out_of_range_fix(cx, instance, owned);
    let number = Some(instance.number_text.as_str()).filter(|text| !is_placeholder(text));
    out.push(Diagnostic::of(instance.at.span.clone(), InstanceOutOfRange { number, per_block }).with_fix(fix));
}

fn alignment(cx: &Context<'_>, instance: &InstanceEntry, range: PortRange, out: &mut Vec<Diagnostic>) {
    let span = instance.at.span.clone();
    if !range.overlaps(cx.policy.project_space()) {
        return;
    }
    match cx.policy.aligned_instance(range) {
        None => {
            let slot = cx.policy.slot_of(range.start);
            let slot = slot.and_then(|s| cx.policy.instance_range(s.block, s.instance).map(|r| (r, s.instance)));
            out.push(Diagnostic::of(span, InstanceMisaligned { range, slot }));
        }
        Some((_, slot_number)) => {
            let Some(number) =
                instance.number.filter(|&n| n != slot_number && n >= 1 && n <= cx.policy.instances_per_block())
            else {
                return;
            };
            let mismatch = InstanceNumberMismatch { number, range, slot: slot_number };
            out.push(Diagnostic::of(span, mismatch).with_fix(renumber(cx, instance, slot_number)));
        }
    }
}

fn overlaps(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let live: Vec<&InstanceEntry> = cx.registry.instances.iter().filter(|i| i.common.is_live()).collect();
    // Every instance row is its own owner: two rows on one slot conflict even within a project.
    let claims: Vec<Claim> = live
        .iter()
        .enumerate()
        .flat_map(|(row, e)| e.common.ranges.iter().map(move |&range| Claim { range, row, owner: row }))
        .collect();
    let mut reported = FxHashSet::default();
    for (claim, earlier) in claims.iter().zip(earlier_overlaps(&claims)) {
        let Some(first) = earlier.other_owner.filter(|_| reported.insert(claim.row)) else { continue };
        let holder = &claims[first];
        let other = live[holder.row];
        let number = other.number.map_or_else(|| other.number_text.to_string(), |n| n.to_string());
        let overlap =
            InstanceOverlap { range: claim.range, number, name: &other.common.name, other_range: holder.range };
        out.push(Diagnostic::of(live[claim.row].at.span.clone(), overlap));
    }
}
