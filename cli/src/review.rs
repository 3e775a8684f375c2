//! `portreg review`: the policy's regular review of a registry, and with a
//! listing the assignments that do not match use.

use portreg_core::Code;
use std::path::Path;

use portreg_core::ops::Suggestion;
use portreg_core::review::{review, Review, ReviewItem};
use portreg_core::{Diagnostic, LineIndex};
use serde_json::json;

use crate::args::{Command, Format, ListingArgs};
use crate::out::Out;
use crate::{input, listing, Failure, Outcome};

/// Runs `portreg review` as the command line asks. Always exit 0: a review reports.
pub fn command(command: Command, out: &mut Out) -> Result<Outcome, Failure> {
    let Command::Review { registry, listing: ListingArgs { listing, whole }, emergency_days, format, today } = command
    else {
        return Err(Failure("not a review command".to_owned()));
    };
    let stdin = Path::new("-");
    if registry.file.as_deref() == Some(stdin) && listing.as_deref() == Some(stdin) {
        return Err(Failure("the registry and the listing cannot both be standard input (`-`)".to_owned()));
    }
    let today = today.unwrap_or_else(crate::clock::today);
    let input = input::read(registry.file.as_deref())?;
    let document = input.document();
    let mut found = review(document.registry(), document.policy(), today, emergency_days);
    let mismatches = match listing.as_deref() {
        Some(path) => {
            let text = listing::read(path)?;
            let mut parsed =
                portreg_core::usage::parse(&text.text).map_err(|e| Failure(format!("{}: {e}", text.name)))?;
            parsed.whole = whole;
            found.leave_in_use(document.registry(), document.policy(), &parsed);
            Some(document.usage(&parsed, today))
        }
        None => None,
    };
    let lines = LineIndex::new(&input.text);
    match format {
        Format::Text => {
            let usage = usage_command(&input);
            out.text(&text((&input.name, &usage), &lines, &found, mismatches.as_deref(), emergency_days))?;
            if listing.is_some() && !whole {
                out.note(&format!("{}: {}", input.name, crate::usage::NOT_WHOLE))?;
            }
        }
        Format::Json => {
            let value = to_json(&lines, &found, mismatches.as_deref());
            out.raw(format!("{value}\n").as_bytes())?;
        }
    }
    Ok(Outcome::Clean)
}

/// The `portreg usage` that checks the registry reviewed, as the user would
/// type it: its file named, or `-` with the registry on standard input.
fn usage_command(input: &input::Input) -> String {
    match &input.path {
        Some(path) => match Suggestion::new("usage").file(crate::input::path_bytes(path)).command() {
            Ok(command) => format!("{command}", command = Code(&command)),
            Err(refusal) => refusal.to_string(),
        },
        None => "`portreg usage -` with the registry on standard input".to_owned(),
    }
}

/// The review as sections of `FILE:LINE: project (reason)` lines; `run` is
/// the command that checks use when no listing was given.
fn text(
    (name, run): (&str, &str),
    lines: &LineIndex,
    review: &Review,
    usage: Option<&[Diagnostic]>,
    days: i64,
) -> String {
    let mut text = String::new();
    let mut section = |title: &str, items: &[ReviewItem]| {
        text.push_str(&if items.is_empty() { format!("{title}: none\n") } else { format!("{title}:\n") });
        for item in items {
            text.push_str(&format!("  {name}:{}: {} ({})\n", lines.line(item.span.start), item.project, item.reason));
        }
    };
    section("To archive (inactive, or reserved and unused)", &review.archive);
    section("Deprecated entries to archive or remove", &review.deprecated);
    section(&format!("Emergency assignments older than {days} days, to move back"), &review.emergency);
    let free = review.blocks_total - review.blocks_used.min(review.blocks_total);
    text.push_str(&format!("Blocks: {free} of {} free\n", review.blocks_total));
    match usage {
        None => text.push_str(&format!("Use: not checked (pass --listing, or run {run})\n")),
        Some([]) => text.push_str("Use: every listener matches the registry\n"),
        Some(found) => {
            text.push_str("Assignments that do not match use:\n");
            for d in found {
                text.push_str(&format!("  {name}:{}: {}[{}] {}\n", d.line(lines), d.severity, d.code(), d.message));
            }
        }
    }
    text
}

fn to_json(lines: &LineIndex, review: &Review, usage: Option<&[Diagnostic]>) -> serde_json::Value {
    let items = |items: &[ReviewItem]| {
        items
            .iter()
            .map(|i| {
                json!({ "project": i.project, "status": i.status, "date": i.date.map(|d| d.to_string()),
                             "reason": i.reason, "line": lines.line(i.span.start) })
            })
            .collect::<Vec<_>>()
    };
    let usage = usage.map(|found| {
        found
            .iter()
            .map(|d| {
                json!({ "code": d.code(), "name": d.rule.name, "severity": d.severity.as_str(),
                             "line": d.line(lines), "message": d.message, "help": d.help })
            })
            .collect::<Vec<_>>()
    });
    json!({
        "archive": items(&review.archive),
        "deprecated": items(&review.deprecated),
        "emergency": items(&review.emergency),
        "blocks": { "used": review.blocks_used, "total": review.blocks_total },
        "usage": usage,
    })
}
