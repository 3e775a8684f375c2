//! The fix of a projects row in the wrong place: its range (and label) set
//! to a whole block, and the project's instance rows in its old block moved
//! along, each to the same place in the new one.

use super::{Context, Fix};
use crate::code_span::Code;
use crate::edit::set_cell;
use crate::edit::TextEdit;
use crate::ports::{format_ranges, PortRange};
use crate::registry::ProjectEntry;
use crate::status::Status;

/// Rewrites a row's range (and its block label, if any) to `block`, and its
/// project's instance rows in the blocks the row held to `block`. Safe only
/// when nothing moved can be running: the row and the instances reserved.
pub(super) fn move_to_block(cx: &Context<'_>, project: &ProjectEntry, block: u32, title: &str) -> Option<Fix> {
    let range = cx.policy.block_range(block)?;
    let row = cx.registry.row(&project.at);
    let mut edits = Vec::new();
    if let Some(cell) = project.common.ranges_cell.and_then(|i| row.cells.get(i)) {
        edits.push(set_cell(cx.source, cell, &range.to_string()));
    }
    if let Some(index) = project.block_cell {
        if let Some(cell) = row.cells.get(index) {
            edits.push(set_cell(cx.source, cell, &block_label(row.text(index), block)));
        }
    }
    if edits.is_empty() {
        return None;
    }
    let (instance_edits, running) = move_instances(cx, project, range);
    let title = match instance_edits.len() {
        0 => format!("{title}: {range} (block {block})"),
        1 => format!("{title}: {range} (block {block}), with its instance row"),
        n => format!("{title}: {range} (block {block}), with its {n} instance rows"),
    };
    edits.extend(instance_edits);
    let fix = match project.common.status {
        Some(Status::Reserved) if !running => Fix::safe(title, edits),
        _ => {
            let old = format_ranges(&project.ports(cx.policy).collect::<Vec<_>>());
            let breaks = format!(
                "{} may already run on {old}: its configs, scripts and running services keep the old ports \
                 until each is changed to {range}",
                Code(&project.common.name)
            );
            Fix::unsafe_because(title, edits, breaks)
        }
    };
    Some(fix.claiming(block))
}

/// Edits that move `project`'s instance rows lying in the blocks its row
/// holds to the same places in `to`, and whether one of them may be running
/// (its status is other than reserved). Rows in a block another live row of
/// the project holds stay, and so does a row whose new place another
/// instance row holds (it is reported there).
fn move_instances(cx: &Context<'_>, project: &ProjectEntry, to: PortRange) -> (Vec<TextEdit>, bool) {
    let policy = cx.policy;
    let key = project.common.key();
    // Blocks another live row of the project holds keep their instances.
    let elsewhere =
        cx.registry.blocks_of_rows(&project.common.name, policy, &|p| p.at != project.at && p.common.is_live());
    let mut from = Vec::new();
    for range in project.ports(policy) {
        from.extend(policy.blocks_touched(range).filter(|b| !elsewhere.contains(b)));
    }
    // A range inside one of the old blocks, at the same offsets in the new one.
    let shift = |r: PortRange| {
        let base = policy.block_range(policy.block_of(r.start).filter(|b| from.contains(b))?)?;
        (r.end <= base.end).then(|| PortRange::new(r.start - base.start + to.start, r.end - base.start + to.start))
    };
    let (mut edits, mut running) = (Vec::new(), false);
    let mut taken: Vec<PortRange> = Vec::new();
    for instance in &cx.registry.instances {
        taken.extend_from_slice(&instance.common.ranges);
    }
    for instance in cx.registry.instances.iter().filter(|i| i.common.key() == key) {
        let moved: Option<Vec<PortRange>> = instance.common.ranges.iter().map(|r| shift(*r)).collect();
        let own = |r: &PortRange| instance.common.ranges.contains(r);
        let free = |m: &Vec<PortRange>| m.iter().all(|r| !taken.iter().any(|t| t.overlaps(*r) && !own(t)));
        let moved = moved.filter(free);
        let row = cx.registry.row(&instance.at);
        let (Some(moved), Some(cell)) = (moved, instance.common.ranges_cell.and_then(|c| row.cells.get(c))) else {
            continue;
        };
        if moved.is_empty() || moved == instance.common.ranges {
            continue;
        }
        edits.push(set_cell(cx.source, cell, &format_ranges(&moved)));
        taken.extend(moved);
        running |= matches!(instance.common.status, Some(status) if status != Status::Reserved);
    }
    (edits, running)
}

/// A new label in the style of the old one: a bare number stays bare.
fn block_label(old: &str, block: u32) -> String {
    if !old.is_empty() && old.bytes().all(|b| b.is_ascii_digit()) {
        block.to_string()
    } else {
        format!("Block {block}")
    }
}
