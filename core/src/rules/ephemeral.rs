//! R207: live blocks in Linux's ephemeral port range.

use super::{Context, Diagnostic, Rule, RuleDoc, Severity, Violation};
use crate::ports::PortRange;

/// R207: live blocks in Linux's ephemeral range.
pub static EPHEMERAL_OVERLAP: Rule = Rule {
    code: "R207",
    name: "ephemeral-overlap",
    severity: Severity::Info,
    severity_note: Some("reported once per document"),
    doc: RuleDoc {
        what: "Live blocks lie in Linux's default ephemeral range 32768-60999.",
        why: "The kernel picks outgoing connections' local ports from that range, so a busy \
              machine can briefly hold a registered port and a server then fails to bind.",
        example: "| Project | Ports |\n|---|---|\n| api | 33000-33099 |\n",
        fix: "Reserve the blocks with `sysctl -w net.ipv4.ip_local_reserved_ports=...` (the help \
              lists the ranges) and persist it in `/etc/sysctl.d/`.",
    },
};

/// Live blocks in the ephemeral range, and the ports to reserve there.
pub(super) struct EphemeralOverlap {
    pub ephemeral: PortRange,
    pub reserve: Vec<PortRange>,
}

impl Violation for EphemeralOverlap {
    const RULE: &'static Rule = &EPHEMERAL_OVERLAP;

    fn message(&self) -> String {
        format!("live blocks lie in Linux's ephemeral range {}", self.ephemeral)
    }

    fn help(&self) -> String {
        let list: Vec<String> = self.reserve.iter().map(PortRange::to_string).collect();
        format!("reserve them: sysctl -w net.ipv4.ip_local_reserved_ports={}", list.join(","))
    }
}

/// One R207 finding for the document, on the first live row with ports in the ephemeral range.
pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let live = cx.registry.projects.iter().filter(|p| p.common.is_live());
    let space = cx.policy.project_space();
    let mut first_span = None;
    let mut reserved: Vec<PortRange> = Vec::new();
    for project in live {
        for range in project.ports(cx.policy) {
            let Some(part) = range.intersection(space).and_then(|r| r.intersection(cx.policy.ephemeral)) else {
                continue;
            };
            first_span.get_or_insert_with(|| project.at.span.clone());
            reserved.push(part);
        }
    }
    let Some(span) = first_span else { return };
    out.push(Diagnostic::of(span, EphemeralOverlap { ephemeral: cx.policy.ephemeral, reserve: merge(reserved) }));
}

/// Sorted ranges, with touching or overlapping ones joined.
fn merge(mut ranges: Vec<PortRange>) -> Vec<PortRange> {
    crate::order::sort_by_key(&mut ranges, |r| u64::from(r.start) << 32 | u64::from(r.end));
    let mut merged: Vec<PortRange> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end.saturating_add(1) => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}
