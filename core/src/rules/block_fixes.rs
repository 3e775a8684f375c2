//! The fix of a projects row in the wrong place: its range (and label) set
//! to a whole block.

use super::{Context, Fix};
use crate::code_span::Code;
use crate::edit::set_cell;
use crate::ports::format_ranges;
use crate::registry::ProjectEntry;
use crate::status::Status;

/// Rewrites a row's range (and its block label, if any) to `block`.
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
    let title = format!("{title}: {range} (block {block})");
    let fix = match project.common.status {
        Some(Status::Reserved) => Fix::safe(title, edits),
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

/// A new label in the style of the old one: a bare number stays bare.
fn block_label(old: &str, block: u32) -> String {
    if !old.is_empty() && old.bytes().all(|b| b.is_ascii_digit()) {
        block.to_string()
    } else {
        format!("Block {block}")
    }
}
