//! U6xx: what is listening, checked against who holds the ports. They read
//! a [`Listing`] beside the registry; `portreg usage` and the app's Usage
//! section run them. Listeners that match the registry are quiet.

use super::usage_runs::{run_kind, Run, Runs};
use super::{Context, Diagnostic, Rule, RuleDoc, Severity};
use crate::policy::ReservedKind;
use crate::ports::{format_ranges, PortRange};
use crate::registry::Common;
use crate::status::Status;
use crate::usage::{Bind, Listener, Listing};
use rustc_hash::FxHashMap;

/// U601: a listener in a free block.
pub static PORT_SQUATTER: Rule = Rule {
    code: "U601",
    name: "port-squatter",
    severity: Severity::Warning,
    severity_note: None,
    doc: RuleDoc {
        what: "Something listens on a port of a block no project holds.",
        why: "The next project given that block finds its port taken, and nobody knows whose the \
              listener is.",
        example: "ports.md has no row for block 7, and `lsof` shows `node 41234 … TCP 127.0.0.1:30700 (LISTEN)`.",
        fix: "Reserve the block for the project the listener belongs to (`portreg reserve NAME --block 7`), \
              or move it into its project's block.",
    },
};

/// U602: a listener on an instance or service of a block the registry does not list.
pub static UNLISTED_LISTENER: Rule = Rule {
    code: "U602",
    name: "unlisted-listener",
    severity: Severity::Warning,
    severity_note: None,
    doc: RuleDoc {
        what: "Something listens in a project's block on an instance the instances table does not list \
               (instance 1 counts as listed when the project lists none), or on a port its instance row \
               leaves out.",
        why: "The policy asks for every instance to be documented; an unlisted one is handed out again.",
        example: "api holds block 5 and lists instance 1; `ss` shows a listener on 30512 (instance 2).",
        fix: "Document the instance (`portreg add-instance api --instance 2`), or stop the listener.",
    },
};

/// U603: a listener on a range the policy reserves.
pub static RESERVED_RANGE_LISTENER: Rule = Rule {
    code: "U603",
    name: "reserved-range-listener",
    severity: Severity::Info,
    severity_note: Some("warning on Supabase's default ports"),
    doc: RuleDoc {
        what: "Something the registry does not list listens on a range the policy reserves: legacy \
               frontend or backend, system utilities, Supabase defaults, or emergency ports.",
        why: "Each range means something: a legacy server still to migrate, a system tool, a Supabase \
              stack on default ports (a second one cannot start), or an emergency assignment nobody \
              recorded.",
        example: "`lsof` shows `supabase 812 … TCP 127.0.0.1:54321 (LISTEN)` and no row lists 54321.",
        fix: "Register the project (legacy ports as `legacy`, emergency ports with `portreg emergency`), \
              or give it ports in its block (`portreg env NAME --format toml` for Supabase).",
    },
};

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
        let ports = format_ranges(&ranges);
        let single = matches!(ranges.as_slice(), [r] if r.start == r.end);
        let label = if single { "port" } else { "ports" };
        let message = format!("{label} {ports}: {} is published on all interfaces", first.who());
        let example = ranges.first().map_or(0, |r| r.start);
        let help = format!(
            "publish on loopback, as the policy's compose snippets do: `\"127.0.0.1:{example}:CONTAINER_PORT\"`"
        );
        out.push(at(&PUBLISHED_ON_ALL_INTERFACES, span, message, help));
    }
}

/// A finding on `span`'s row, or at line 0 without one.
pub(super) fn at(
    rule: &'static Rule,
    span: Option<std::ops::Range<usize>>,
    message: String,
    help: String,
) -> Diagnostic {
    match span {
        Some(span) => Diagnostic::new(rule, span, message, help),
        None => Diagnostic::detached(rule, message, help),
    }
}

/// Listeners outside the blocks that no row lists, on the reserved range at `index`.
pub(super) fn reserved(cx: &Context<'_>, index: usize, run: &Run, out: &mut Vec<Diagnostic>) {
    let Some(range) = cx.policy.reserved.get(index) else { return };
    let (meaning, help) = match range.kind {
        ReservedKind::LegacyFrontend | ReservedKind::LegacyBackend => (
            "a legacy server (framework defaults crowd this range)",
            "register it as legacy and plan its move (`portreg migrate NAME`), or stop it",
        ),
        ReservedKind::System => {
            ("kept for Docker, proxies and monitoring", "expected for system tools; a project belongs in a block")
        }
        ReservedKind::Supabase => (
            "a Supabase stack on its default ports: a second one cannot start",
            "give Supabase the instance's own ports (`portreg env NAME --format toml`)",
        ),
        ReservedKind::Emergency => (
            "an emergency port no row records (or a system service in the OS's dynamic ports)",
            "record an emergency assignment (`portreg emergency NAME`) or move it to its block",
        ),
    };
    let severity = if range.kind == ReservedKind::Supabase { Severity::Warning } else { Severity::Info };
    let message =
        format!("{}: {} listens in the {} range {}: {meaning}", run.ports(), run.who, range.label, range.range);
    out.push(Diagnostic::detached(&RESERVED_RANGE_LISTENER, message, help).with_severity(severity));
}

/// Windows' excluded ranges over live projects rows.
fn excluded(cx: &Context<'_>, listing: &Listing, out: &mut Vec<Diagnostic>) {
    for exclusion in &listing.excluded {
        let by =
            if exclusion.administered { "added by an administrator" } else { "reserved by Hyper-V, WSL or Docker" };
        for project in cx.registry.projects.iter().filter(|p| p.common.is_live()) {
            let Some(hit) = project.ports(cx.policy).find_map(|r| r.intersection(exclusion.range)) else { continue };
            let message = format!(
                "Windows excludes {} ({by}): {hit} of `{}` cannot be bound on that machine",
                exclusion.range, project.common.name
            );
            let help = "exclude the team's blocks first as administrator, or restart the winnat service so that \
                        Windows picks other ranges";
            out.push(Diagnostic::new(&EXCLUDED_RANGE_OVERLAP, project.at.span.clone(), message, help));
        }
    }
}

/// Whether rows of this status are expected to have something listening.
fn expects_listener(common: &Common) -> bool {
    matches!(common.status, None | Some(Status::Active | Status::Legacy | Status::Emergency))
}

/// Entries in use by their status with no listener on any of their ports.
fn idle(cx: &Context<'_>, listing: &Listing, out: &mut Vec<Diagnostic>) {
    let listening = |ranges: Vec<PortRange>| ranges.iter().any(|r| r.start <= r.end && !listing.within(*r).is_empty());
    let with_instances: Vec<&str> = cx.registry.instances.iter().map(|i| i.common.key()).collect();
    for project in cx.registry.projects.iter().filter(|p| expects_listener(&p.common)) {
        if with_instances.contains(&project.common.key()) || listening(project.ports(cx.policy).collect()) {
            continue;
        }
        let ranges: Vec<String> = project.ports(cx.policy).map(|r| r.to_string()).collect();
        if ranges.is_empty() {
            continue;
        }
        let message = format!("nothing listens on {} (`{}`) in this listing", ranges.join(", "), project.common.name);
        let help = idle_help(&project.common.name, None);
        out.push(Diagnostic::new(&IDLE_ENTRY, project.at.span.clone(), message, help));
    }
    for instance in cx.registry.instances.iter().filter(|i| expects_listener(&i.common)) {
        if instance.common.ranges.is_empty() || listening(instance.common.ranges.clone()) {
            continue;
        }
        let ranges: Vec<String> = instance.common.ranges.iter().map(|r| r.to_string()).collect();
        let number = instance.number.map_or(String::new(), |n| format!("instance {n} of "));
        let message =
            format!("nothing listens on {} ({number}`{}`) in this listing", ranges.join(", "), instance.common.name);
        out.push(Diagnostic::new(
            &IDLE_ENTRY,
            instance.at.span.clone(),
            message,
            idle_help(&instance.common.name, instance.number),
        ));
    }
}

fn idle_help(name: &str, instance: Option<u32>) -> String {
    let name = crate::text::shell_word(name);
    let instance = instance.map_or(String::new(), |n| format!(" --instance {n}"));
    format!(
        "start it, or mark it inactive: `portreg set-status {name} inactive{instance}` (a listing made without \
         root may not show other users' servers)"
    )
}

/// One finding per unreadable line, the first [`MAX_UNREADABLE_SHOWN`] of them; the rest counted.
fn unreadable(listing: &Listing, out: &mut Vec<Diagnostic>) {
    let shown = listing.unreadable.iter().take(MAX_UNREADABLE_SHOWN);
    for (i, line) in shown.enumerate() {
        let mut message = format!("line {} of the listing could not be read: {}", line.line, line.reason);
        let rest = listing.unreadable_count.saturating_sub(MAX_UNREADABLE_SHOWN);
        if i + 1 == MAX_UNREADABLE_SHOWN && rest > 0 {
            message.push_str(&format!(" (and {rest} more lines)"));
        }
        let help = "a listener on this line is not checked: list again with the commands the usage help shows";
        out.push(Diagnostic::detached(&UNREADABLE_LISTING_LINE, message, help));
    }
}
