//! U6xx: what is listening, checked against who holds the ports. They read
//! a [`Listing`] beside the registry; `portreg usage` and the app's Usage
//! section run them. Listeners that match the registry are quiet.

use super::usage_runs::{run_kind, Runs};
use super::{Context, Diagnostic, Rule, RuleDoc, Severity, Violation};
use crate::code_span::Code;
use crate::ports::{format_ranges, PortRange};
use crate::registry::{Common, ProjectKey};
use crate::status::Status;
use crate::usage::{Bind, Listener, Listing};
use rustc_hash::FxHashMap;

/// U604: a container published on all interfaces.
pub static PUBLISHED_ON_ALL_INTERFACES: Rule = Rule {
    code: "U604",
    name: "published-on-all-interfaces",
    severity: Severity::Warning,
    severity_note: None,
    doc: RuleDoc {
        what: "A container publishes a port on every interface (`0.0.0.0`, `::`).",
        why: "The policy's compose snippets bind 127.0.0.1: a development database or studio published \
              on all interfaces answers anyone on the network.",
        example: "`docker ps` shows `0.0.0.0:30002->5432/tcp`.",
        fix: "Publish on loopback: `\"127.0.0.1:${DB_PORT:-30002}:5432\"` (`portreg env NAME --format compose`).",
    },
};

/// A container's ports published on all interfaces.
pub(super) struct PublishedOnAllInterfaces {
    pub ranges: Vec<PortRange>,
    pub who: String,
}

impl Violation for PublishedOnAllInterfaces {
    const RULE: &'static Rule = &PUBLISHED_ON_ALL_INTERFACES;

    fn message(&self) -> String {
        let single = matches!(self.ranges.as_slice(), [r] if r.start == r.end);
        let label = if single { "port" } else { "ports" };
        format!("{label} {}: {} is published on all interfaces", format_ranges(&self.ranges), self.who)
    }

    fn help(&self) -> String {
        // The first mapping as published: one port, or a range (which compose maps onto as many container ports).
        let (host, container) = match self.ranges.first() {
            Some(r) if r.start != r.end => (r.to_string(), "CONTAINER_PORTS"),
            Some(r) => (r.start.to_string(), "CONTAINER_PORT"),
            None => ("HOST_PORT".to_owned(), "CONTAINER_PORT"),
        };
        format!("publish on loopback, as the policy's compose snippets do: `\"127.0.0.1:{host}:{container}\"`")
    }
}

/// U605: a Windows excluded port range over a project's ports.
pub static EXCLUDED_RANGE_OVERLAP: Rule = Rule {
    code: "U605",
    name: "excluded-range-overlap",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "A range Windows excludes from use (`netsh … show excludedportrange`) overlaps a project's ports.",
        why: "Hyper-V, WSL and Docker Desktop reserve port ranges at start-up; nothing can bind those ports \
              on that machine, so the project's servers fail with \"access denied\".",
        example: "`netsh` lists `30050 30149` while api holds 30000-30099 and web 30100-30199.",
        fix: "Exclude the blocks for the team first (`netsh int ipv4 add excludedportrange protocol=tcp \
              startport=30000 numberofports=100` as administrator, after stopping `winnat`), or restart \
              `winnat` so that Windows picks other ranges.",
    },
};

/// A Windows excluded range over a project's ports, and the ports it hits.
pub(super) struct ExcludedRangeOverlap<'a> {
    pub excluded: PortRange,
    pub administered: bool,
    pub hit: PortRange,
    pub name: &'a str,
}

impl Violation for ExcludedRangeOverlap<'_> {
    const RULE: &'static Rule = &EXCLUDED_RANGE_OVERLAP;

    fn message(&self) -> String {
        let by = if self.administered { "added by an administrator" } else { "reserved by Hyper-V, WSL or Docker" };
        format!(
            "Windows excludes {} ({by}): {} of {} cannot be bound on that machine",
            self.excluded,
            self.hit,
            Code(self.name)
        )
    }

    fn help(&self) -> String {
        "exclude the team's blocks first as administrator, or restart the winnat service so that Windows picks \
         other ranges"
            .to_owned()
    }
}

/// U606: a live entry with nothing listening.
pub static IDLE_ENTRY: Rule = Rule {
    code: "U606",
    name: "idle-entry",
    severity: Severity::Info,
    severity_note: None,
    doc: RuleDoc {
        what: "An active (or legacy, emergency, or status-less) registry entry has nothing listening on its \
               ports in a listing known to show every listener of the machine: the live machine as \
               `portreg usage` reads it on Linux, or a listing passed with `--whole`. A pasted listing is \
               never taken as whole by itself (`lsof -i :30000`, `| grep 3001` and a lone `/proc/net/tcp6` \
               look complete), and a listing with no listening socket at all (`ss -tn`, `netstat -tn`) is \
               refused.",
        why: "The policy's review asks whether assignments match use: an entry nobody runs may be inactive.",
        example: "api's instance 2 (30510-30519) is active, and no line of `ss -ltnp` names those ports.",
        fix: "Start it, or mark it inactive (`portreg set-status api inactive --instance 2`).",
    },
};

/// A project row (or instance `instance` of it) that nothing listens on.
pub(super) struct IdleEntry<'a> {
    /// The registry's file, for the suggested command.
    pub file: Option<&'a [u8]>,
    pub ranges: Vec<PortRange>,
    pub name: &'a str,
    pub instance: Option<u32>,
}

impl Violation for IdleEntry<'_> {
    const RULE: &'static Rule = &IDLE_ENTRY;

    fn message(&self) -> String {
        let ranges: Vec<String> = self.ranges.iter().map(PortRange::to_string).collect();
        let number = self.instance.map_or(String::new(), |n| format!("instance {n} of "));
        format!("nothing listens on {} ({number}{}) in this listing", ranges.join(", "), Code(self.name))
    }

    fn help(&self) -> String {
        let command =
            crate::suggestion::Suggestion::new("set-status").name(self.name).word("inactive").registry(self.file);
        let command = match self.instance {
            Some(n) => command.option("--instance", &n.to_string()),
            None => command,
        };
        let mark = match command.command() {
            Ok(command) => format!("mark it inactive: {command}", command = Code(&command)),
            Err(refusal) => format!("mark it inactive; {refusal}"),
        };
        format!("start it, or {mark} (a listing made without root may not show other users' servers)")
    }
}

/// U607: a line of the listing that could not be read.
pub static UNREADABLE_LISTING_LINE: Rule = Rule {
    code: "U607",
    name: "unreadable-listing-line",
    severity: Severity::Warning,
    severity_note: None,
    doc: RuleDoc {
        what: "A line of the listing is not a row of its format (cut short, garbled, or of no format portreg reads).",
        why: "A listener on that line is not checked: the findings may miss it.",
        example: "`lsof` run without `-P` writes `*:http` instead of `*:80`.",
        fix: "List again with the command the Usage section shows (numbers, not names: `-P -n`).",
    },
};

/// A line of the listing that could not be read, and how many more were not shown.
pub(super) struct UnreadableListingLine<'a> {
    pub line: usize,
    pub reason: &'a str,
    pub more: usize,
}

impl Violation for UnreadableListingLine<'_> {
    const RULE: &'static Rule = &UNREADABLE_LISTING_LINE;

    fn message(&self) -> String {
        let mut message = format!("line {} of the listing could not be read: {}", self.line, self.reason);
        if self.more > 0 {
            message.push_str(&format!(" (and {} more lines)", self.more));
        }
        message
    }

    fn help(&self) -> String {
        "a listener on this line is not checked: list again with a command `portreg usage --help` shows (such as \
         `sudo ss -ltnp`), and pass its output as it was printed"
            .to_owned()
    }
}

/// The most lines of a listing reported one by one as unreadable.
const MAX_UNREADABLE_SHOWN: usize = 20;

/// Every U6xx finding for `listing`: by port, then containers published on
/// all interfaces, excluded ranges, idle entries and unreadable lines.
pub(super) fn check(cx: &Context<'_>, listing: &Listing, out: &mut Vec<Diagnostic>) {
    let mut runs = Runs::default();
    for listeners in listing.listeners.chunk_by(|a, b| a.port == b.port) {
        let listeners: Vec<&Listener> = listeners.iter().collect();
        let port = listeners[0].port;
        let held = rows_holding(cx, port).next().is_some();
        match run_kind(cx, port, held) {
            Some(kind) => runs.add(cx, kind, who(&listeners), port, out),
            None => {
                // Findings stay in port order: an open run is reported first.
                runs.finish(cx, out);
                port_findings(cx, port, &listeners, out);
            }
        }
    }
    runs.finish(cx, out);
    open_containers(cx, listing, out);
    excluded(cx, listing, out);
    super::usage_inactive::check(cx, listing, out);
    if listing.shows_all_listeners() {
        idle(cx, listing, out);
    }
    unreadable(listing, out);
}

/// `node (pid 1), container web`: who listens, each once, at most three named.
fn who(listeners: &[&Listener]) -> String {
    let mut names: Vec<String> = Vec::new();
    for listener in listeners {
        let who = listener.who();
        if !names.contains(&who) {
            names.push(who);
        }
    }
    let more = names.len().saturating_sub(3);
    names.truncate(3);
    let mut text = names.join(", ");
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

/// The live rows (projects or instances) whose ports hold `port`.
fn rows_holding<'a>(cx: &'a Context<'_>, port: u32) -> impl Iterator<Item = (&'a Common, &'a std::ops::Range<usize>)> {
    let projects =
        cx.registry.projects.iter().filter(move |p| p.common.is_live() && p.ports(cx.policy).any(|r| r.contains(port)));
    let instances = cx
        .registry
        .instances
        .iter()
        .filter(move |i| i.common.is_live() && i.common.ranges.iter().any(|r| r.contains(port)));
    projects.map(|p| (&p.common, &p.at.span)).chain(instances.map(|i| (&i.common, &i.at.span)))
}

/// The findings of one port that runs do not report: a held block's port.
fn port_findings(cx: &Context<'_>, port: u32, listeners: &[&Listener], out: &mut Vec<Diagnostic>) {
    if let Some(slot) = cx.policy.slot_of(port) {
        super::usage_blocks::in_block(cx, port, slot, &who(listeners), out);
    }
}

/// Containers published on all interfaces: one finding per `docker ps`
/// row, its ports as ranges, on the row holding its first port.
fn open_containers(cx: &Context<'_>, listing: &Listing, out: &mut Vec<Diagnostic>) {
    let mut rows: Vec<(&Listener, Vec<PortRange>)> = Vec::new();
    let mut index: FxHashMap<usize, usize> = FxHashMap::default();
    for listener in listing.listeners.iter().filter(|l| l.container && l.bind == Bind::All) {
        let at = *index.entry(listener.source.start).or_insert_with(|| {
            rows.push((listener, Vec::new()));
            rows.len() - 1
        });
        let ranges = &mut rows[at].1;
        match ranges.last_mut() {
            Some(last) if listener.port <= last.end.saturating_add(1) => last.end = last.end.max(listener.port),
            _ => ranges.push(PortRange::single(listener.port)),
        }
    }
    for (first, ranges) in rows {
        let span = ranges.first().and_then(|r| rows_holding(cx, r.start).next()).map(|(_, span)| span.clone());
        out.push(Diagnostic::at(span, PublishedOnAllInterfaces { ranges, who: first.who() }));
    }
}

/// Windows' excluded ranges over live projects rows.
fn excluded(cx: &Context<'_>, listing: &Listing, out: &mut Vec<Diagnostic>) {
    for exclusion in &listing.excluded {
        for project in cx.registry.projects.iter().filter(|p| p.common.is_live()) {
            let Some(hit) = project.ports(cx.policy).find_map(|r| r.intersection(exclusion.range)) else { continue };
            let (excluded, administered) = (exclusion.range, exclusion.administered);
            let overlap = ExcludedRangeOverlap { excluded, administered, hit, name: &project.common.name };
            out.push(Diagnostic::of(project.at.span.clone(), overlap));
        }
    }
}

/// Whether rows of this status are expected to have something listening.
fn expects_listener(common: &Common) -> bool {
    matches!(common.status, None | Some(Status::Active | Status::Legacy | Status::Emergency))
}

/// Entries in use by their status with no listener on any of their ports.
fn idle(cx: &Context<'_>, listing: &Listing, out: &mut Vec<Diagnostic>) {
    let listening = |ranges: &[PortRange]| ranges.iter().any(|r| r.start <= r.end && !listing.within(*r).is_empty());
    let with_instances: Vec<ProjectKey<'_>> = cx.registry.instances.iter().map(|i| i.common.key()).collect();
    for project in cx.registry.projects.iter().filter(|p| expects_listener(&p.common)) {
        let ranges: Vec<PortRange> = project.ports(cx.policy).collect();
        if with_instances.contains(&project.common.key()) || listening(&ranges) || ranges.is_empty() {
            continue;
        }
        let idle = IdleEntry { file: cx.file, ranges, name: &project.common.name, instance: None };
        out.push(Diagnostic::of(project.at.span.clone(), idle));
    }
    for instance in cx.registry.instances.iter().filter(|i| expects_listener(&i.common)) {
        let ranges = &instance.common.ranges;
        if ranges.is_empty() || listening(ranges) {
            continue;
        }
        let (name, number) = (&instance.common.name, instance.number);
        let idle = IdleEntry { file: cx.file, ranges: ranges.clone(), name, instance: number };
        out.push(Diagnostic::of(instance.at.span.clone(), idle));
    }
}

/// One finding per unreadable line, the first [`MAX_UNREADABLE_SHOWN`] of them; the rest counted.
fn unreadable(listing: &Listing, out: &mut Vec<Diagnostic>) {
    let shown = listing.unreadable.iter().take(MAX_UNREADABLE_SHOWN);
    let rest = listing.unreadable_count.saturating_sub(MAX_UNREADABLE_SHOWN);
    for (i, line) in shown.enumerate() {
        let more = if i + 1 == MAX_UNREADABLE_SHOWN { rest } else { 0 };
        out.push(Diagnostic::detached(UnreadableListingLine { line: line.line, reason: &line.reason, more }));
    }
}
