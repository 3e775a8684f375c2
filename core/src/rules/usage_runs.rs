//! Listeners of one process (or container) on a run of neighbouring ports
//! that mean the same (one free block, one reserved range) are one finding,
//! not one per port: a container publishing 30700-30709 in a free block is
//! one squatter.

use super::usage_blocks::squatter;
use super::usage_reserved::reserved;
use super::{Context, Diagnostic};
use crate::ports::{format_ranges, PortRange};

/// What the ports of a run mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RunKind {
    /// Ports of a block no live row holds.
    FreeBlock(u32),
    /// Ports of the policy's reserved range at this index, which no row lists.
    Reserved(usize),
}

/// A run of listening ports of one kind and one listener.
pub(super) struct Run {
    /// What the ports mean.
    pub kind: RunKind,
    /// Who listens.
    pub who: String,
    /// The ports, as ranges, ascending.
    pub ranges: Vec<PortRange>,
}

impl Run {
    /// `port 30700` or `ports 30700-30709, 30712`.
    pub fn ports(&self) -> String {
        let single = matches!(self.ranges.as_slice(), [r] if r.start == r.end);
        format!("{} {}", if single { "port" } else { "ports" }, format_ranges(&self.ranges))
    }
}

/// Runs being gathered, at most one open at a time (ports come ascending).
#[derive(Default)]
pub(super) struct Runs {
    open: Option<Run>,
}

impl Runs {
    /// Adds `port`, of `kind`, listened on by `who`: to the open run when it
    /// is the same kind and listener, else to a new run (the open one is reported).
    pub fn add(&mut self, cx: &Context<'_>, kind: RunKind, who: String, port: u32, out: &mut Vec<Diagnostic>) {
        // Two listeners nothing names may be two processes: never one run.
        let known = who != crate::usage::Listener::UNKNOWN;
        if let Some(run) = self.open.as_mut().filter(|r| known && r.kind == kind && r.who == who) {
            match run.ranges.last_mut() {
                Some(last) if port <= last.end.saturating_add(1) => last.end = last.end.max(port),
                _ => run.ranges.push(PortRange::single(port)),
            }
            return;
        }
        self.finish(cx, out);
        self.open = Some(Run { kind, who, ranges: vec![PortRange::single(port)] });
    }

    /// Reports the open run.
    pub fn finish(&mut self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(run) = self.open.take() else { return };
        match run.kind {
            RunKind::FreeBlock(block) => squatter(cx, block, &run, out),
            RunKind::Reserved(index) => reserved(cx, index, &run, out),
        }
    }
}

/// What `port` means when it is of a kind reported by runs: in a free
/// block, or on a reserved range outside the blocks that no live row lists.
pub(super) fn run_kind(cx: &Context<'_>, port: u32, held: bool) -> Option<RunKind> {
    match cx.policy.slot_of(port) {
        Some(slot) => cx.blocks.is_free(slot.block).then_some(RunKind::FreeBlock(slot.block)),
        None if held => None,
        None => cx.policy.reserved.iter().position(|r| r.range.contains(port)).map(RunKind::Reserved),
    }
}
