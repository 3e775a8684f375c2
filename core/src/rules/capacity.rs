//! C5xx: how much of the project range is left.

use super::{Context, Diagnostic, Rule, RuleDoc, Severity, Violation};
use crate::registry::TableKind;

/// C501: few or no free blocks left.
pub static BLOCKS_RUNNING_OUT: Rule = Rule {
    code: "C501",
    name: "blocks-running-out",
    severity: Severity::Info,
    severity_note: Some("info from 90 blocks used, warning when all 100 are"),
    doc: RuleDoc {
        what: "90 or more of the 100 project blocks are held by live rows.",
        why: "When the last block is gone, new projects fall back to emergency ports.",
        example: "A registry with a live row in each of blocks 0 to 89.",
        fix: "Archive projects nobody uses, or plan a wider range in the policy's annual review.",
    },
};

/// `used` of the policy's `total` blocks held by live rows.
pub(super) struct BlocksRunningOut {
    pub used: u32,
    pub total: u32,
}

impl Violation for BlocksRunningOut {
    const RULE: &'static Rule = &BLOCKS_RUNNING_OUT;

    fn message(&self) -> String {
        format!("{} of {} blocks used", self.used, self.total)
    }

    fn help(&self) -> String {
        "archive projects nobody uses to free blocks, or plan a wider range".to_owned()
    }

    fn severity(&self) -> Severity {
        if self.used >= self.total {
            Severity::Warning
        } else {
            Severity::Info
        }
    }
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let used = cx.blocks.used();
    let total = cx.policy.block_count;
    if used < cx.policy.capacity_notice_at.min(total) {
        return;
    }
    let span = cx
        .registry
        .tables
        .iter()
        .find(|t| t.kind == TableKind::Projects)
        .map_or(0..0, |t| t.table.header.range.clone());
    out.push(Diagnostic::of(span, BlocksRunningOut { used, total }));
}
