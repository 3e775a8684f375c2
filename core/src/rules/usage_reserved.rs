//! U603: listeners on the ranges the policy reserves that no row records.

use super::usage_runs::Run;
use super::{placeholder_command, Context, Diagnostic, Rule, RuleDoc, Severity, Violation};
use crate::policy::{ReservedKind, ReservedRange};
use crate::suggestion::Suggestion;

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

/// A run of listeners on a reserved range no row records.
pub(super) struct ReservedRangeListener<'a> {
    /// `port N` or `ports N-M, K`.
    pub ports: String,
    pub who: &'a str,
    pub reserved: &'a ReservedRange,
    /// The registry's file, for the suggested commands.
    pub file: Option<&'a [u8]>,
}

impl Violation for ReservedRangeListener<'_> {
    const RULE: &'static Rule = &RESERVED_RANGE_LISTENER;

    fn message(&self) -> String {
        let meaning = match self.reserved.kind {
            ReservedKind::LegacyFrontend | ReservedKind::LegacyBackend => {
                "a legacy server (framework defaults crowd this range)"
            }
            ReservedKind::System => "kept for Docker, proxies and monitoring",
            ReservedKind::Supabase => "a Supabase stack on its default ports: a second one cannot start",
            ReservedKind::Emergency => {
                "an emergency port no row records (or a system service in the OS's dynamic ports)"
            }
        };
        let Self { ports, who, reserved, .. } = self;
        format!("{ports}: {who} listens in the {} range {}: {meaning}", reserved.label, reserved.range)
    }

    fn help(&self) -> String {
        let command = |name: &'static str| Suggestion::new(name).name("NAME").registry(self.file);
        match self.reserved.kind {
            ReservedKind::LegacyFrontend | ReservedKind::LegacyBackend => format!(
                "register it as legacy and plan its move ({}), or stop it",
                placeholder_command(command("migrate"))
            ),
            ReservedKind::System => "expected for system tools; a project belongs in a block".to_owned(),
            ReservedKind::Supabase => format!(
                "give Supabase the instance's own ports ({})",
                placeholder_command(command("env").option("--format", "toml"))
            ),
            ReservedKind::Emergency => format!(
                "record an emergency assignment ({}) or move it to its block",
                placeholder_command(command("emergency"))
            ),
        }
    }

    fn severity(&self) -> Severity {
        if self.reserved.kind == ReservedKind::Supabase {
            Severity::Warning
        } else {
            Severity::Info
        }
    }
}

/// Listeners outside the blocks that no row lists, on the reserved range at `index`.
pub(super) fn reserved(cx: &Context<'_>, index: usize, run: &Run, out: &mut Vec<Diagnostic>) {
    let Some(reserved) = cx.policy.reserved.get(index) else { return };
    out.push(Diagnostic::detached(ReservedRangeListener {
        ports: run.ports(),
        who: &run.who,
        reserved,
        file: cx.file,
    }));
}
