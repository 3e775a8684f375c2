//! `portreg usage`: what is listening (the live machine or a listing),
//! checked against the registry, printed as `check` prints its findings.

use std::path::Path;

use portreg_core::{Date, Severity, Summary};

use crate::args::Format;
use crate::out::Out;
use crate::report::{self, Checked};
use crate::{input, listing, live, output, Failure, Outcome};

/// Said when idle entries (U606) are not looked for in a listing.
pub const NOT_WHOLE: &str = "entries nothing listens on (U606) are not reported: a listing may be filtered \
                             (`lsof -i :PORT`, `| grep`) or partial (`/proc/net/tcp6` alone); pass --whole if it \
                             shows every listener of the machine";

/// The commands that print a listing `--listing` reads, one per system, for the usage help.
pub fn listing_commands_help() -> String {
    let mut help = String::from("A listing is what one of these prints, passed as it was printed:\n");
    for command in portreg_core::usage::LISTING_COMMANDS {
        help.push_str(&format!("  {}:\n    {}\n", command.system, command.command));
    }
    help
}

/// Reads the registry and what listens, and prints the usage findings.
/// Exit 1 when one is an error; 2 when the registry or listing cannot be read.
/// `whole`: the user says the listing shows every listener of its machine.
pub fn run(
    file: Option<&Path>,
    (listing, whole): (Option<&Path>, bool),
    format: Format,
    today: Date,
    out: &mut Out,
) -> Result<Outcome, Failure> {
    let stdin = Path::new("-");
    if file == Some(stdin) && listing == Some(stdin) {
        return Err(Failure("the registry and the listing cannot both be standard input (`-`)".to_owned()));
    }
    let registry = input::read(file)?;
    let (read_from, parsed, notes) = match listing {
        Some(path) => {
            let text = listing::read(path)?;
            let mut parsed =
                portreg_core::usage::parse(&text.text).map_err(|e| Failure(format!("{}: {e}", text.name)))?;
            parsed.whole = whole;
            (text.name, parsed, Vec::new())
        }
        None => {
            let live = live::read()?;
            (live.source.to_owned(), live.listing, live.notes)
        }
    };
    let document = registry.document();
    let found = document.usage(&parsed, today);
    let checked = Checked::new(registry, found);
    match format {
        Format::Text => {
            let text = output::text(
                &checked.document.name,
                &checked.document.text,
                &checked.diagnostics,
                output::use_colour(),
            );
            out.raw(text.as_bytes())?;
        }
        Format::Json => out.raw(format!("{}\n", report::json(&checked)?).as_bytes())?,
    }
    let formats: Vec<&str> = parsed.formats.iter().map(|f| f.command()).collect();
    let sockets = match parsed.listeners.len() {
        1 => "1 listening socket".to_owned(),
        n => format!("{n} listening sockets"),
    };
    out.note(&format!("{}: {sockets} read from {read_from} ({})", checked.document.name, formats.join(", ")))?;
    for note in notes {
        out.note(&format!("portreg: {note}"))?;
    }
    if listing.is_some() && !parsed.shows_all_listeners() {
        out.note(&format!("{}: {}", checked.document.name, NOT_WHOLE))?;
    }
    out.note(&format!("{}: {}", checked.document.name, output::summary_line(Summary::of(&checked.diagnostics))))?;
    let has_error = checked.diagnostics.iter().any(|d| d.severity == Severity::Error);
    Ok(if has_error { Outcome::Found } else { Outcome::Clean })
}
