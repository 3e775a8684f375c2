//! U608: something listens on the ports of an entry the registry calls
//! inactive.

use super::{Context, Diagnostic, Rule, RuleDoc, Severity, Violation};
use crate::code_span::Code;
use crate::ports::PortRange;
use crate::registry::Common;
use crate::status::Status;
use crate::suggestion::Suggestion;
use crate::usage::{Listener, Listing};

/// U608: a listener on an inactive entry's ports.
pub static INACTIVE_ENTRY_IN_USE: Rule = Rule {
    code: "U608",
    name: "inactive-entry-in-use",
    severity: Severity::Warning,
    severity_note: None,
    doc: RuleDoc {
        what: "Something listens on the ports of a project or instance the registry marks inactive. \
               (Deprecated and archived rows hold no ports: a listener on them is a squatter, U601, or a \
               reserved-range listener, U603, which names the retired row.)",
        why: "The review would archive the entry and hand its ports out again while it still runs.",
        example: "old holds block 6 as `inactive`, and `ss -ltnp` shows node listening on 30600.",
        fix: "Set it active again (`portreg set-status old active`), or stop what listens.",
    },
};

/// A row marked inactive (or instance `instance` of it) that something listens on.
pub(super) struct InactiveEntryInUse<'a> {
    pub name: &'a str,
    /// The registry's file, for the suggested command.
    pub file: Option<&'a [u8]>,
    pub instance: Option<u32>,
    pub who: String,
    pub ports: Vec<PortRange>,
}

impl Violation for InactiveEntryInUse<'_> {
    const RULE: &'static Rule = &INACTIVE_ENTRY_IN_USE;

    fn message(&self) -> String {
        let what = self.instance.map_or(String::new(), |n| format!("instance {n} of "));
        let ports = crate::ports::format_ranges(&self.ports);
        format!("the registry says {what}{} is inactive, but {} listens on {ports}", Code(self.name), self.who)
    }

    fn help(&self) -> String {
        let command = Suggestion::new("set-status").name(self.name).word("active").registry(self.file);
        let command = match self.instance {
            Some(n) => command.option("--instance", &n.to_string()),
            None => command,
        };
        match command.command() {
            Ok(command) => format!("set it active ({command}), or stop the listener", command = Code(&command)),
            Err(refusal) => format!("stop the listener, or set it active; {refusal}"),
        }
    }
}

/// Whether some listener of `listing` is on the ports of `ranges`.
pub(crate) fn listened(listing: &Listing, ranges: &[PortRange]) -> Vec<Listener> {
    ranges.iter().filter(|r| r.start <= r.end).flat_map(|r| listing.within(*r).iter().cloned()).collect()
}

/// Inactive rows (projects or instances) with a listener on their ports.
pub(super) fn check(cx: &Context<'_>, listing: &Listing, out: &mut Vec<Diagnostic>) {
    let inactive = |c: &Common| c.status == Some(Status::Inactive);
    for project in cx.registry.projects.iter().filter(|p| inactive(&p.common)) {
        let ranges: Vec<PortRange> = project.ports(cx.policy).collect();
        report(cx, &project.common, None, &listened(listing, &ranges), project.at.span.clone(), out);
    }
    for instance in cx.registry.instances.iter().filter(|i| inactive(&i.common)) {
        let found = listened(listing, &instance.common.ranges);
        report(cx, &instance.common, instance.number, &found, instance.at.span.clone(), out);
    }
}

fn report(
    cx: &Context<'_>,
    common: &Common,
    instance: Option<u32>,
    found: &[Listener],
    span: std::ops::Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(first) = found.first() else { return };
    let mut ports: Vec<u32> = found.iter().map(|l| l.port).collect();
    ports.dedup();
    let ports = ports.iter().map(|p| PortRange::single(*p)).collect();
    out.push(Diagnostic::of(
        span,
        InactiveEntryInUse { name: &common.name, file: cx.file, instance, who: first.who(), ports },
    ));
}
