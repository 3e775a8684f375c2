//! U601 and U602: listeners inside the project blocks, against the block's
//! holder and its instance rows.

use super::usage::{at, PORT_SQUATTER, UNLISTED_LISTENER};
use super::usage_runs::Run;
use super::{Context, Diagnostic};
use crate::policy::Slot;
use crate::ports::PortRange;
use crate::text::shell_word;

/// A listener on project port `port` (at `slot`): quiet when an instance row
/// lists it, or when it is instance 1 of a holder that lists no instance in
/// the block.
pub(super) fn in_block(cx: &Context<'_>, port: u32, slot: Slot, who: &str, out: &mut Vec<Diagnostic>) {
    let holders = cx.blocks.holders(slot.block);
    // A free block's listeners are squatters, reported by runs (see `Squat`).
    let Some(holder) = holders.first() else { return };
    let Some(block) = cx.policy.block_range(slot.block) else { return };
    let rows = || {
        cx.registry.instances.iter().filter(|i| {
            i.common.is_live()
                && holders.contains(&i.common.key().to_owned())
                && i.common.ranges.iter().any(|r| r.overlaps(block))
        })
    };
    if rows().any(|i| i.common.ranges.iter().any(|r| r.contains(port))) {
        return;
    }
    let instance = cx.policy.instance_range(slot.block, slot.instance).unwrap_or(PortRange::single(port));
    let in_slot = rows().find(|i| i.common.ranges.iter().any(|r| r.overlaps(instance)));
    if in_slot.is_none() && rows().next().is_none() && slot.instance == 1 {
        return;
    }
    let project = cx.registry.project_rows(holder).find(|p| p.common.is_live());
    let name = project.map_or(holder.as_str(), |p| p.common.name.as_str());
    let span = in_slot.map(|i| i.at.span.clone()).or_else(|| project.map(|p| p.at.span.clone()));
    let purpose = cx.policy.purpose(slot.instance).unwrap_or("instance");
    let service = cx.policy.service(slot.offset).map_or("", |s| s.name);
    let (message, help) = match in_slot {
        Some(_) => (
            format!(
                "port {port} (+{} {service}) of instance {} of `{name}`: {who} listens on a port its instance row \
                 does not list",
                slot.offset, slot.instance
            ),
            "add the port to the instance row, or stop the listener".to_owned(),
        ),
        None => (
            format!(
                "port {port}: {who} listens on instance {} ({purpose}) of `{name}`, which the registry does not list",
                slot.instance
            ),
            format!(
                "document it: `portreg add-instance {} --instance {}`, or stop it",
                shell_word(name),
                slot.instance
            ),
        ),
    };
    out.push(at(&UNLISTED_LISTENER, span, message, help));
}

/// Listeners in a block no live row holds.
pub(super) fn squatter(cx: &Context<'_>, block: u32, squat: &Run, out: &mut Vec<Diagnostic>) {
    let retired = cx
        .registry
        .projects
        .iter()
        .find(|p| !p.common.is_live() && p.ports(cx.policy).any(|r| cx.policy.block_of(r.start) == Some(block)));
    let note = retired.map_or(String::new(), |p| {
        format!(" (`{}` held it, now {})", p.common.name, p.common.status_text.as_deref().unwrap_or("retired"))
    });
    let message = format!("{}: {} listens in free block {block}{note}", squat.ports(), squat.who);
    let help = format!(
        "reserve the block for its project (`portreg reserve NAME --block {block}`), or move it into its project's block"
    );
    out.push(at(&PORT_SQUATTER, None, message, help));
}
