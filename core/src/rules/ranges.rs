//! R2xx: ranges against the ranges the policy names.

use super::rows::{free_block_help, next_free};
use super::{Context, Diagnostic, Rule, RuleDoc, Severity, Violation};
use crate::code_span::Code;
use crate::policy::{ReservedKind, ReservedRange};
use crate::ports::PortRange;
use crate::registry::ProjectEntry;
use crate::status::Status;
use crate::suggestion::Suggestion;

/// R201: a range outside every range of the policy.
pub static OUTSIDE_POLICY: Rule = Rule {
    code: "R201",
    name: "outside-policy",
    severity: Severity::Warning,
    severity_note: None,
    doc: RuleDoc {
        what: "A range lies outside every range the policy names: the project blocks, the legacy, \
               system and Supabase ranges, and emergency ports. Ports below 1024 are left to R206.",
        why: "Nobody plans for ports there, so nothing stops the next tool or project from taking them.",
        example: "| Project | Ports | Status |\n|---|---|---|\n| api | 5000-5009 | active |\n",
        fix: "Move the project to a block in 30000-39999 (`portreg next` names a free one).",
    },
};

/// A range outside every range the policy names, and the next free block.
pub(super) struct OutsidePolicy {
    pub range: PortRange,
    pub project_space: PortRange,
    pub next_free: Option<(u32, PortRange)>,
}

impl Violation for OutsidePolicy {
    const RULE: &'static Rule = &OUTSIDE_POLICY;

    fn message(&self) -> String {
        format!("{} lies outside every policy range", self.range)
    }

    fn help(&self) -> String {
        free_block_help(&format!("move the project to a block in {}", self.project_space), self.next_free)
    }
}

/// `{range} is in the {label} range {ports}`: the message of every rule about a reserved range.
fn in_reserved(range: PortRange, reserved: &ReservedRange) -> String {
    format!("{range} is in the {} range {}", reserved.label, reserved.range)
}

/// R202: a range in the legacy frontend or backend ranges.
pub static LEGACY_RANGE: Rule = Rule {
    code: "R202",
    name: "legacy-range",
    severity: Severity::Warning,
    severity_note: Some("info when the row's status is legacy"),
    doc: RuleDoc {
        what: "A range touches 3000-3999 (legacy frontend) or 8000-8999 (legacy backend).",
        why: "Those ranges are crowded by framework defaults (3000, 8000, 8080) and are being \
              migrated away from. A row marked `legacy` is known and only noted.",
        example: "| Project | Ports | Status |\n|---|---|---|\n| shop | 3000, 8000 | active |\n",
        fix: "Mark the row `legacy` and plan its move with `portreg migrate NAME`. A project that already \
              holds a block moves these ports into free ports of that block instead.",
    },
};

/// A range in a legacy range, on a row that is (or is not) marked legacy.
pub(super) struct LegacyRange<'a> {
    /// The registry's file, for the suggested command.
    pub file: Option<&'a [u8]>,
    pub range: PortRange,
    pub reserved: &'a ReservedRange,
    pub name: &'a str,
    pub legacy: bool,
    /// The block the project holds, where its legacy ports go (no migration
    /// then), and whether this row itself lists ports of it.
    pub held: Option<(u32, bool)>,
}

impl Violation for LegacyRange<'_> {
    const RULE: &'static Rule = &LEGACY_RANGE;

    fn message(&self) -> String {
        in_reserved(self.range, self.reserved)
    }

    fn help(&self) -> String {
        match self.held {
            Some((block, false)) => {
                return format!(
                    "move these ports into free ports of its block {block}, then retire the row that lists them"
                );
            }
            Some((block, true)) => {
                return format!("move these ports into free ports of its block {block}, off this row")
            }
            None => {}
        }
        // A row already marked legacy only needs its move planned.
        let mark = if self.legacy { "" } else { "mark the row legacy and " };
        match Suggestion::new("migrate").name(self.name).registry(self.file).command() {
            Ok(command) => format!("{mark}plan its move: {command}", command = Code(&command)),
            Err(refusal) if self.legacy => format!("{refusal}; then plan its move"),
            Err(refusal) => format!("mark the row legacy; {refusal}; then plan its move"),
        }
    }

    fn severity(&self) -> Severity {
        if self.legacy {
            Severity::Info
        } else {
            Severity::Warning
        }
    }
}

/// R203: a range in Supabase's default ports.
pub static SUPABASE_RESERVED: Rule = Rule {
    code: "R203",
    name: "supabase-reserved",
    severity: Severity::Error,
    severity_note: Some("warning when the row's status is legacy"),
    doc: RuleDoc {
        what: "A range touches 54320-54999, the ports a default Supabase installation takes.",
        why: "Every Supabase project started with default settings claims these ports, so two of \
              them cannot run together. The policy gives each instance its own Supabase ports (+2 \
              to +5, +8) instead.",
        example: "| Project | Ports | Status |\n|---|---|---|\n| app | 54321-54323 | active |\n",
        fix: "Set the Supabase ports in `supabase/config.toml` from the project's block \
              (`portreg env NAME --format toml`).",
    },
};

/// A range on Supabase's default ports; whether the project has a block of its own.
pub(super) struct SupabaseReserved<'a> {
    /// The registry's file, for the suggested commands.
    pub file: Option<&'a [u8]>,
    pub range: PortRange,
    pub reserved: &'a ReservedRange,
    pub name: &'a str,
    pub legacy: bool,
    pub has_block: bool,
}

impl Violation for SupabaseReserved<'_> {
    const RULE: &'static Rule = &SUPABASE_RESERVED;

    fn message(&self) -> String {
        in_reserved(self.range, self.reserved)
    }

    fn help(&self) -> String {
        // `env` needs a block of the project; a project without one is migrated first.
        let (what, command) = if self.has_block {
            (
                "give Supabase the instance's own ports",
                Suggestion::new("env").name(self.name).registry(self.file).option("--format", "toml"),
            )
        } else {
            (
                "move the project to a block of its own, with Supabase on its ports",
                Suggestion::new("migrate").name(self.name).registry(self.file),
            )
        };
        match command.command() {
            Ok(command) => format!("{what}: {command}", command = Code(&command)),
            Err(refusal) => format!("{what}; {refusal}"),
        }
    }

    fn severity(&self) -> Severity {
        if self.legacy {
            Severity::Warning
        } else {
            Severity::Error
        }
    }
}

/// R204: a range in the system utilities range.
pub static SYSTEM_RANGE: Rule = Rule {
    code: "R204",
    name: "system-range",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "A range touches 9000-9999, the ports kept for Docker, proxies and monitoring.",
        why: "System tools take these ports without asking the registry (9000 Portainer and \
              MinIO, 9090 Prometheus, 9200 Elasticsearch).",
        example: "| Project | Ports |\n|---|---|\n| metrics | 9090 |\n",
        fix: "Move the project to a block in 30000-39999.",
    },
};

/// A range in the range kept for system tools.
pub(super) struct SystemRange<'a> {
    pub range: PortRange,
    pub reserved: &'a ReservedRange,
}

impl Violation for SystemRange<'_> {
    const RULE: &'static Rule = &SYSTEM_RANGE;

    fn message(&self) -> String {
        in_reserved(self.range, self.reserved)
    }

    fn help(&self) -> String {
        "move the project to a block in the project range".to_owned()
    }
}

/// R205: a range among the emergency ports.
pub static EMERGENCY_RANGE: Rule = Rule {
    code: "R205",
    name: "emergency-range",
    severity: Severity::Warning,
    severity_note: None,
    doc: RuleDoc {
        what: "A range lies in 40000 and up, outside the Supabase range.",
        why: "The policy allows ports there only for emergencies and only for a while.",
        example: "| Project | Ports | Status |\n|---|---|---|\n| hotfix | 40000-40009 | emergency |\n",
        fix: "Move the project to a proper block as soon as possible and document the incident.",
    },
};

/// A range on emergency ports.
pub(super) struct EmergencyRange {
    pub range: PortRange,
}

impl Violation for EmergencyRange {
    const RULE: &'static Rule = &EMERGENCY_RANGE;

    fn message(&self) -> String {
        format!("{} is an emergency assignment", self.range)
    }

    fn help(&self) -> String {
        "emergency ports are temporary: move the project to a proper block soon".to_owned()
    }
}

/// R206: a range below 1024.
pub static PRIVILEGED_PORT: Rule = Rule {
    code: "R206",
    name: "privileged-port",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "A range touches ports below 1024.",
        why: "Binding them needs root on most systems; a development server has no business there.",
        example: "| Project | Ports |\n|---|---|\n| web | 80 |\n",
        fix: "Use the project's block, and a reverse proxy if port 80 or 443 must answer.",
    },
};

/// A range starting below the first port anyone may bind.
pub(super) struct PrivilegedPort {
    pub range: PortRange,
    pub first_unprivileged: u32,
}

impl Violation for PrivilegedPort {
    const RULE: &'static Rule = &PRIVILEGED_PORT;

    fn message(&self) -> String {
        format!("{} needs root to bind", self.range)
    }

    fn help(&self) -> String {
        format!("use ports from {} up, ideally the project's block", self.first_unprivileged)
    }
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for project in cx.registry.projects.iter().filter(|p| p.common.is_live()) {
        for range in project.ports(cx.policy) {
            check_range(cx, project, range, out);
        }
    }
}

fn check_range(cx: &Context<'_>, project: &ProjectEntry, range: PortRange, out: &mut Vec<Diagnostic>) {
    let policy = cx.policy;
    let span = &project.at.span;
    let (name, legacy) = (project.common.name.as_str(), project.common.status == Some(Status::Legacy));
    let touching =
        |kind: ReservedKind| policy.reserved.iter().filter(move |r| r.kind == kind).find(|r| r.range.overlaps(range));
    let named = policy.reserved.iter().map(|r| r.range).chain([policy.project_space()]);
    // Ports below 1024 are R206's, which says more about them.
    let privileged = range.end < policy.first_unprivileged_port;
    if !privileged && !named.clone().any(|r| r.overlaps(range)) {
        let outside = OutsidePolicy { range, project_space: policy.project_space(), next_free: next_free(cx) };
        out.push(Diagnostic::of(span.clone(), outside));
    }
    for kind in [ReservedKind::LegacyFrontend, ReservedKind::LegacyBackend] {
        if let Some(reserved) = touching(kind) {
            // Where its legacy ports go without a migration: a block of its own rows, or of this row's.
            let space = policy.project_space();
            let own = project.ports(policy).find(|r| space.overlaps(*r)).and_then(|r| policy.blocks_touched(r).next());
            // A row that lists block ports too is told to take the legacy ones off, never to go.
            let held = match (own, crate::export::held_blocks(cx.registry, policy, name).first()) {
                (Some(block), _) => Some((block, true)),
                (None, Some(&block)) => Some((block, false)),
                (None, None) => None,
            };
            out.push(Diagnostic::of(span.clone(), LegacyRange { file: cx.file, range, reserved, name, legacy, held }));
        }
    }
    if let Some(reserved) = touching(ReservedKind::Supabase) {
        let has_block = !cx.registry.blocks_of(name, policy).is_empty();
        out.push(Diagnostic::of(
            span.clone(),
            SupabaseReserved { file: cx.file, range, reserved, name, legacy, has_block },
        ));
    }
    if let Some(reserved) = touching(ReservedKind::System) {
        out.push(Diagnostic::of(span.clone(), SystemRange { range, reserved }));
    }
    if emergency_only(cx, range) {
        out.push(Diagnostic::of(span.clone(), EmergencyRange { range }));
    }
    if range.start < policy.first_unprivileged_port {
        let first_unprivileged = policy.first_unprivileged_port;
        out.push(Diagnostic::of(span.clone(), PrivilegedPort { range, first_unprivileged }));
    }
}

/// Whether part of `range` is an emergency port outside the Supabase range.
fn emergency_only(cx: &Context<'_>, range: PortRange) -> bool {
    let Some(emergency) = cx.policy.reserved_range(ReservedKind::Emergency) else { return false };
    let Some(part) = range.intersection(emergency) else { return false };
    match cx.policy.reserved_range(ReservedKind::Supabase) {
        Some(supabase) => !supabase.covers(part),
        None => true,
    }
}
