//! The fixes of instance rows: a number set to the slot the row's ports are in.

use super::{Context, Fix};
use crate::edit::{set_cell, TextEdit};
use crate::ports::PortRange;
use crate::registry::InstanceEntry;

/// Sets the instance cell to `number`, keeping any words around the old number.
pub(super) fn renumber(cx: &Context<'_>, instance: &InstanceEntry, number: u32) -> Option<Fix> {
    let edit = number_edit(cx, instance, number)?;
    Some(Fix::safe(format!("Renumber to instance {number}"), vec![edit]))
}

/// The fix for a number outside 1…N (I305): the row renumbered after the
/// slot its ports are in. A live row outside the ports its project holds
/// would stay wrong (I302) with any number, and moving it is a choice of
/// ports for a person to make: it gets no fix. `owned` is the ports the
/// row's project holds, if the registry has the project.
pub(super) fn out_of_range_fix(cx: &Context<'_>, instance: &InstanceEntry, owned: Option<&[PortRange]>) -> Option<Fix> {
    let outside = |range: &PortRange| owned.is_some_and(|o| !o.is_empty() && !o.iter().any(|r| r.covers(*range)));
    if instance.common.is_live() && instance.common.ranges.iter().any(outside) {
        return None;
    }
    let (_, number) = instance.common.ranges.first().and_then(|r| cx.policy.aligned_instance(*r))?;
    renumber(cx, instance, number)
}

/// The edit that sets the row's instance cell to `number`, keeping any
/// words around the old number.
fn number_edit(cx: &Context<'_>, instance: &InstanceEntry, number: u32) -> Option<TextEdit> {
    let index = instance.number_cell?;
    let row = cx.registry.row(&instance.at);
    let cell = row.cells.get(index)?;
    let old = row.text(index);
    // Words around the number stay (`Instance 11`, `#11`, `11 (CI)`); a
    // sign, a decimal part or anything else glued to it goes with it.
    let text = match old.find(|c: char| c.is_ascii_digit()) {
        Some(start) => {
            let end = old[start..].find(|c: char| !c.is_ascii_digit()).map_or(old.len(), |i| start + i);
            let (before, after) = (&old[..start], &old[end..]);
            let apart_before = before.is_empty() || before.ends_with(char::is_whitespace) || before.ends_with('#');
            let apart_after = after.is_empty() || after.starts_with(char::is_whitespace);
            if apart_before && apart_after {
                format!("{before}{number}{after}")
            } else {
                number.to_string()
            }
        }
        None => number.to_string(),
    };
    Some(set_cell(cx.source, cell, &text))
}
