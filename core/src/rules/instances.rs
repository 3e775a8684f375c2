//! I3xx: instance rows against their projects' blocks.

use rustc_hash::{FxHashMap, FxHashSet};

use super::overlap::{earlier_overlaps, Claim};
use super::{Context, Diagnostic, Fix, Rule, RuleDoc, Severity};
use crate::edit::set_cell;
use crate::ports::{is_placeholder, PortRange};
use crate::registry::InstanceEntry;
use crate::text::shell_word;

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
        fix: "Number the instance 1-10. For more than ten instances, reserve an additional block.",
    },
};

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

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut project_ranges: FxHashMap<&str, Vec<PortRange>> = FxHashMap::default();
    for project in &cx.registry.projects {
        project_ranges.entry(project.common.key()).or_default().extend(project.ports(cx.policy));
    }
    for instance in &cx.registry.instances {
        let span = instance.at.span.clone();
        let owned = project_ranges.get(instance.common.key());
        if owned.is_none() {
            let name = &instance.common.name;
            let message = if name.is_empty() {
                "instance names no project".to_owned()
            } else {
                format!("no project `{name}` in the registry")
            };
            let help =
                format!("correct the name, or register the project first: `portreg reserve {}`", shell_word(name));
            out.push(Diagnostic::new(&UNKNOWN_PROJECT, span.clone(), message, help));
        }
        number_in_range(cx, instance, out);
        if !instance.common.is_live() {
            continue;
        }
        for &range in &instance.common.ranges {
            if let Some(owned) = owned.filter(|o| !o.is_empty() && !o.iter().any(|r| r.covers(range))) {
                let list: Vec<String> = owned.iter().map(PortRange::to_string).collect();
                out.push(Diagnostic::new(
                    &INSTANCE_OUTSIDE_BLOCK,
                    span.clone(),
                    format!("{range} is outside the ports of `{}`", instance.common.name),
                    format!("use a slot of {}", list.join(", ")),
                ));
            }
            alignment(cx, instance, range, out);
        }
    }
    overlaps(cx, out);
}

fn number_in_range(cx: &Context<'_>, instance: &InstanceEntry, out: &mut Vec<Diagnostic>) {
    let per_block = cx.policy.instances_per_block();
    if instance.number.is_some_and(|n| (1..=per_block).contains(&n)) {
        return;
    }
    let message = if is_placeholder(&instance.number_text) {
        "instance has no number".to_owned()
    } else {
        format!("instance `{}` is not 1-{per_block}", instance.number_text)
    };
    let slot = instance.common.ranges.first().and_then(|r| cx.policy.aligned_instance(*r));
    let fix = slot.and_then(|(_, number)| renumber(cx, instance, number));
    out.push(
        Diagnostic::new(
            &INSTANCE_OUT_OF_RANGE,
            instance.at.span.clone(),
            message,
            format!("number instances 1-{per_block}; for more, reserve an additional block"),
        )
        .with_fix(fix),
    );
}

fn alignment(cx: &Context<'_>, instance: &InstanceEntry, range: PortRange, out: &mut Vec<Diagnostic>) {
    let span = instance.at.span.clone();
    if !range.overlaps(cx.policy.project_space()) {
        return;
    }
    match cx.policy.aligned_instance(range) {
        None => {
            let slot = cx.policy.slot_of(range.start);
            let suggestion = slot.and_then(|s| cx.policy.instance_range(s.block, s.instance).map(|r| (r, s.instance)));
            let help = match suggestion {
                Some((whole, number)) => format!("use the whole slot {whole} (instance {number})"),
                None => "use one whole 10-port slot".to_owned(),
            };
            out.push(Diagnostic::new(&INSTANCE_MISALIGNED, span, format!("{range} is not one instance slot"), help));
        }
        Some((_, slot_number)) => {
            let Some(number) =
                instance.number.filter(|&n| n != slot_number && n >= 1 && n <= cx.policy.instances_per_block())
            else {
                return;
            };
            out.push(
                Diagnostic::new(
                    &INSTANCE_NUMBER_MISMATCH,
                    span,
                    format!("instance {number}, but {range} is instance {slot_number}'s slot"),
                    format!("renumber the row to {slot_number}, or use the slot of instance {number}"),
                )
                .with_fix(renumber(cx, instance, slot_number)),
            );
        }
    }
}

/// Sets the instance cell to `number`, keeping any words around the old number.
fn renumber(cx: &Context<'_>, instance: &InstanceEntry, number: u32) -> Option<Fix> {
    let index = instance.number_cell?;
    let row = cx.registry.row(&instance.at);
    let cell = row.cells.get(index)?;
    let old = row.text(index);
    let text = match old.find(|c: char| c.is_ascii_digit()) {
        Some(start) => {
            let end = old[start..].find(|c: char| !c.is_ascii_digit()).map_or(old.len(), |i| start + i);
            format!("{}{number}{}", &old[..start], &old[end..])
        }
        None => number.to_string(),
    };
    Some(Fix::safe(format!("Renumber to instance {number}"), vec![set_cell(cx.source, cell, &text)]))
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
        out.push(Diagnostic::new(
            &INSTANCE_OVERLAP,
            live[claim.row].at.span.clone(),
            format!("{} overlaps instance {number} of `{}` ({})", claim.range, other.common.name, holder.range),
            "give each instance its own slot, or delete the duplicate row",
        ));
    }
}
