//! U601 and U602: listeners inside the project blocks, against the block's
//! holder and its instance rows.

use super::usage_runs::Run;
use super::{Context, Diagnostic, Rule, RuleDoc, Severity, Violation};
use crate::code_span::Code;
use crate::policy::Slot;
use crate::ports::PortRange;
use crate::suggestion::Suggestion;

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

/// A run of listeners in a free block, and the retired row that held it, if any.
pub(super) struct PortSquatter<'a> {
    /// `port N` or `ports N-M, K`.
    pub ports: String,
    pub who: &'a str,
    pub block: u32,
    /// The retired row's project and status.
    pub retired: Option<(&'a str, &'a str)>,
    /// The registry's file, for the suggested command.
    pub file: Option<&'a [u8]>,
}

impl Violation for PortSquatter<'_> {
    const RULE: &'static Rule = &PORT_SQUATTER;

    fn message(&self) -> String {
        let note = self.retired.map_or(String::new(), |(name, status)| {
            // The status as its cell has it: a word, or quoted.
            let word = status.bytes().all(|b| b.is_ascii_alphabetic());
            let status = if word { status.to_owned() } else { Code(status).to_string() };
            format!(" ({name} held it, now {status})", name = Code(name))
        });
        format!("{}: {} listens in free block {}{note}", self.ports, self.who, self.block)
    }

    fn help(&self) -> String {
        let reserve = Suggestion::new("reserve").name("NAME").option("--block", &self.block.to_string());
        format!(
            "reserve the block for its project ({}), or move it into its project's block",
            super::placeholder_command(reserve.registry(self.file))
        )
    }
}

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

/// A listener on a held block's port that no instance row lists: on a
/// service of a listed instance, or on an instance the registry does not list.
pub(super) struct UnlistedListener<'a> {
    /// The registry's file, for the suggested command.
    pub file: Option<&'a [u8]>,
    pub port: u32,
    pub who: &'a str,
    /// The block's holder.
    pub name: &'a str,
    pub slot: Slot,
    /// The service's name, for a port of a listed instance.
    pub service: Option<&'a str>,
    /// The instance's purpose, for an instance not listed.
    pub purpose: &'a str,
}

impl Violation for UnlistedListener<'_> {
    const RULE: &'static Rule = &UNLISTED_LISTENER;

    fn message(&self) -> String {
        let Self { port, who, name, slot, .. } = self;
        match self.service {
            Some(service) => format!(
                "port {port} (+{} {service}) of instance {} of {name}: {who} listens on a port its instance row \
                 does not list",
                slot.offset,
                slot.instance,
                name = Code(name)
            ),
            None => format!(
                "port {port}: {who} listens on instance {} ({}) of {name}, which the registry does not list",
                slot.instance,
                self.purpose,
                name = Code(name)
            ),
        }
    }

    fn help(&self) -> String {
        match self.service {
            Some(_) => "add the port to the instance row, or stop the listener".to_owned(),
            None => {
                let command = Suggestion::new("add-instance").name(self.name).registry(self.file);
                match command.option("--instance", &self.slot.instance.to_string()).command() {
                    Ok(command) => format!("document it: {command}, or stop it", command = Code(&command)),
                    Err(refusal) => format!("stop it, or document it; {refusal}"),
                }
            }
        }
    }
}

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
                && holders.iter().any(|h| *h == i.common.key())
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
    let project = cx.registry.project_rows(holder.as_str()).find(|p| p.common.is_live());
    let name = project.map_or(holder.as_str(), |p| p.common.name.as_str());
    let span = in_slot.map(|i| i.at.span.clone()).or_else(|| project.map(|p| p.at.span.clone()));
    let purpose = cx.policy.purpose(slot.instance).unwrap_or("instance");
    let service = in_slot.map(|_| cx.policy.service(slot.offset).map_or("", |s| s.name));
    out.push(Diagnostic::at(span, UnlistedListener { file: cx.file, port, who, name, slot, service, purpose }));
}

pub(super) fn squatter(cx: &Context<'_>, block: u32, squat: &Run, out: &mut Vec<Diagnostic>) {
    let retired = cx
        .registry
        .projects
        .iter()
        .find(|p| !p.common.is_live() && p.ports(cx.policy).any(|r| cx.policy.block_of(r.start) == Some(block)));
    let retired = retired.map(|p| (p.common.name.as_str(), p.common.status_text.as_deref().unwrap_or("retired")));
    out.push(Diagnostic::detached(PortSquatter {
        ports: squat.ports(),
        who: &squat.who,
        block,
        retired,
        file: cx.file,
    }));
}
