//! The fixes of instance rows: a number set to the slot the row's ports are
//! in, or a row moved to a free slot of its project's blocks.

use super::{Context, Fix};
use crate::allocate::next_free_instance;
use crate::edit::{set_cell, TextEdit};
use crate::ports::{format_ranges, PortRange};
use crate::registry::InstanceEntry;
use crate::status::Status;

/// Sets the instance cell to `number`, keeping any words around the old number.
pub(super) fn renumber(cx: &Context<'_>, instance: &InstanceEntry, number: u32) -> Option<Fix> {
    let edit = number_edit(cx, instance, number)?;
    Some(Fix::safe(format!("Renumber to instance {number}"), vec![edit]))
}

/// The fix for a number outside 1…N (I305). A row on a slot of its
/// project's blocks is renumbered to that slot; a row elsewhere would stay
/// outside its project's ports (I302) with any number, so it moves to the
/// project's next free slot, number and ports. `owned` is the ports the
/// row's project holds, if the registry has the project.
pub(super) fn out_of_range_fix(cx: &Context<'_>, instance: &InstanceEntry, owned: Option<&[PortRange]>) -> Option<Fix> {
    let outside = |range: &PortRange| owned.is_some_and(|o| !o.is_empty() && !o.iter().any(|r| r.covers(*range)));
    if !instance.common.is_live() || !instance.common.ranges.iter().any(outside) {
        let (_, number) = instance.common.ranges.first().and_then(|r| cx.policy.aligned_instance(*r))?;
        return renumber(cx, instance, number);
    }
    move_to_free_slot(cx, instance)
}

/// Moves the row to its project's next free instance slot.
fn move_to_free_slot(cx: &Context<'_>, instance: &InstanceEntry) -> Option<Fix> {
    let name = &instance.common.name;
    let slot = next_free_instance(cx.registry, cx.policy, name).ok()?;
    let row = cx.registry.row(&instance.at);
    let ports = row.cells.get(instance.common.ranges_cell?)?;
    let edits: Vec<TextEdit> =
        vec![number_edit(cx, instance, slot.instance)?, set_cell(cx.source, ports, &slot.range.to_string())];
    let title = format!("Move to instance {} of block {}: {}", slot.instance, slot.block, slot.range);
    if instance.common.status == Some(Status::Reserved) {
        return Some(Fix::safe(title, edits));
    }
    let old = format_ranges(&instance.common.ranges);
    let breaks = format!(
        "this instance of `{name}` may already run on {old}: its configs, scripts and running services keep the \
         old ports until each is changed to {}",
        slot.range
    );
    Some(Fix::unsafe_because(title, edits, breaks))
}

/// The edit that sets the row's instance cell to `number`, keeping any
/// words around the old number.
fn number_edit(cx: &Context<'_>, instance: &InstanceEntry, number: u32) -> Option<TextEdit> {
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
    Some(set_cell(cx.source, cell, &text))
}
