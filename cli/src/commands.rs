//! One function per subcommand; each reads, calls the core and prints.

use portreg_core::rules::RuleDoc;
use portreg_core::Code;
use portreg_core::{
    lookup::{lookup, Zone},
    next_free_instance, rules, BlockMap, LineIndex, Policy, Registry,
};
use serde_json::json;

use crate::args::{Cli, Command, Format};
use crate::input::{self, Input};
use crate::out::Out;
use crate::{check, edit_commands, git_setup, lease, merge_driver, prune, Failure, Outcome};

/// Runs the parsed command line.
pub fn run(cli: Cli, out: &mut Out) -> Result<Outcome, Failure> {
    let policy = Policy::default();
    match cli.command {
        Command::Check { registries, format, selection, today, against } => {
            let selection = check::selection(&selection)?;
            let when = (today.unwrap_or_else(crate::clock::today), against.as_deref());
            check::run(&registries.files, format, &selection, when, out)
        }
        Command::Lookup { port, registry, format } => {
            let document = registry.as_deref().map(|p| input::read(Some(p))).transpose()?;
            lookup_port(port, document.as_ref(), &policy, format, out)
        }
        Command::Next { registry, project, format } => {
            next(&input::read(registry.file.as_deref())?, project.as_deref(), &policy, format, out)
        }
        Command::Rules { code } => rules_doc(code.as_deref(), out),
        command @ Command::Emergency { .. } => crate::emergency::command(command, out),
        command @ Command::Review { .. } => crate::review::command(command, out),
        Command::Usage { registry, listing, format, today } => crate::usage::run(
            registry.file.as_deref(),
            (listing.listing.as_deref(), listing.whole),
            format,
            today.unwrap_or_else(crate::clock::today),
            out,
        ),
        command @ (Command::Reserve { .. }
        | Command::AddInstance { .. }
        | Command::SetStatus { .. }
        | Command::Fix { .. }
        | Command::Fmt { .. }
        | Command::Migrate { .. }) => edit_commands::command(command, out),
        command @ (Command::Env { .. }
        | Command::MergeDriver { .. }
        | Command::GitSetup { .. }
        | Command::Lease { .. }
        | Command::Prune { .. }) => git_command(command, out),
    }
}

/// Runs a subcommand about git: branches' leases and snippets, the merge
/// driver and its setup, pruning.
fn git_command(command: Command, out: &mut Out) -> Result<Outcome, Failure> {
    match command {
        Command::Env { project, registry, instance, branch, block, format, no_supabase } => {
            let (project, file) = lease::env_reading(project, registry.file, out)?;
            let request = lease::EnvRequest {
                project: project.as_deref(),
                instance,
                branch: branch.as_deref(),
                block,
                supabase: !no_supabase,
            };
            lease::env(file.as_deref(), &request, format, out)
        }
        Command::MergeDriver { base, ours, theirs, path, resolve, marker_size } => {
            let args = merge_driver::DriverArgs { base: &base, ours: &ours, theirs: &theirs, path: path.as_deref() };
            merge_driver::run(&args, (resolve.into(), usize::from(marker_size)), out)
        }
        Command::GitSetup { registry, resolve } => git_setup::run(registry.file.as_deref(), resolve.into(), out),
        Command::Lease { registry, branch, format, no_supabase } => {
            lease::lease(registry.file.as_deref(), branch.as_deref(), (format, !no_supabase), out)
        }
        Command::Prune { registry, dry_run } => prune::run(registry.file.as_deref(), dry_run, out),
        _ => Err(Failure("not a git command".to_owned())),
    }
}

fn lookup_port(
    port: u64,
    document: Option<&Input>,
    policy: &Policy,
    format: Format,
    out: &mut Out,
) -> Result<Outcome, Failure> {
    let registry = document.map(|d| Registry::parse(&d.text, policy));
    let info = lookup(port, policy, registry.as_ref())?;
    let lines = document.map(|d| LineIndex::new(&d.text));
    let line_of = |offset: usize| lines.as_ref().map_or(0, |l| l.line(offset));
    match format {
        Format::Text => {
            out.line(&format!("{}: {}", info.port, info.zone))?;
            if let Zone::Project { slot, .. } = info.zone {
                if let Some(range) = policy.instance_range(slot.block, slot.instance) {
                    out.line(&format!("  instance ports: {range}"))?;
                }
            }
            if let Some(document) = document {
                if info.holders.is_empty() {
                    out.line(&format!("  held by nobody in {}", document.name))?;
                }
                for holder in &info.holders {
                    let line = line_of(holder.at.span.start);
                    out.line(&format!("  held by {} at {}:{line}", holder.describe(), document.name))?;
                }
            }
        }
        Format::Json => {
            let holders: Vec<_> = info
                .holders
                .iter()
                .map(|h| {
                    json!({
                        "project": h.project,
                        "instance": h.instance,
                        "status": h.status.map(|s| s.as_str()),
                        "range": h.range.to_string(),
                        "line": line_of(h.at.span.start),
                    })
                })
                .collect();
            let slot = match info.zone {
                Zone::Project { slot, purpose, service } => json!({
                    "block": slot.block, "instance": slot.instance, "offset": slot.offset,
                    "purpose": purpose, "service": service,
                }),
                _ => json!(null),
            };
            let value = json!({ "port": info.port, "zone": info.zone.to_string(), "slot": slot, "holders": holders });
            out.raw(format!("{value}\n").as_bytes())?;
        }
    }
    Ok(Outcome::Clean)
}

fn next(
    document: &Input,
    project: Option<&str>,
    policy: &Policy,
    format: Format,
    out: &mut Out,
) -> Result<Outcome, Failure> {
    let registry = Registry::parse(&document.text, policy);
    let Some(project) = project else {
        let map = BlockMap::new(&registry, policy);
        let Some(block) = map.next_free() else {
            out.note("portreg: every project block is taken")?;
            return Ok(Outcome::Found);
        };
        let range = policy.block_range(block).ok_or_else(|| Failure("policy has no blocks".into()))?;
        match format {
            Format::Text => out.line(&format!("block {block}: {range}"))?,
            Format::Json => {
                let value = json!({ "block": block, "range": range.to_string(), "used": map.used() });
                out.raw(format!("{value}\n").as_bytes())?;
            }
        }
        return Ok(Outcome::Clean);
    };
    match next_free_instance(&registry, policy, project) {
        Ok(slot) => {
            let purpose = policy.purpose(slot.instance).unwrap_or("");
            match format {
                Format::Text => out
                    .line(&format!("instance {} of block {}: {} ({purpose})", slot.instance, slot.block, slot.range))?,
                Format::Json => {
                    let value = json!({ "project": project, "block": slot.block, "instance": slot.instance,
                                        "range": slot.range.to_string(), "purpose": purpose });
                    out.raw(format!("{value}\n").as_bytes())?;
                }
            }
            Ok(Outcome::Clean)
        }
        Err(error) => {
            out.note(&format!("portreg: {error}"))?;
            Ok(Outcome::Found)
        }
    }
}

fn rules_doc(code: Option<&str>, out: &mut Out) -> Result<Outcome, Failure> {
    let Some(code) = code else {
        for rule in rules::RULES {
            out.line(&format!("{}  {:<8} {}", rule.code, rule.severity.as_str(), rule.name))?;
        }
        return Ok(Outcome::Clean);
    };
    let rule = rules::rule(code)
        .ok_or_else(|| Failure(format!("no rule {code}; `portreg rules` lists them", code = Code(code))))?;
    let doc = &rule.doc;
    out.text(&format!("{} {} ({})\n\n", rule.code, rule.name, rule.severity))?;
    out.text(&format!(
        "What it checks: {}\n\nWhy it matters: {}\n\n",
        RuleDoc::paragraph(doc.what),
        RuleDoc::paragraph(doc.why)
    ))?;
    out.text(&format!("Example:\n{}\nFix: {}\n", doc.example, RuleDoc::paragraph(doc.fix)))?;
    Ok(Outcome::Clean)
}
