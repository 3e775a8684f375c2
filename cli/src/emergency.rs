//! `portreg emergency NAME`: free ports from 40000 up, recorded with status
//! emergency, and the plan to move back printed beside them.

use std::path::Path;

use portreg_core::ops::{emergency, Emergency};
use portreg_core::{Document, LineIndex, Policy, PortRange, ReservedKind};

use crate::args::{Command, WriteArgs};
use crate::input::Input;
use crate::out::Out;
use crate::write::writes_file;
use crate::{listing, Failure, Outcome};

/// What `portreg emergency` is asked.
pub struct Request<'a> {
    /// The project.
    pub name: &'a str,
    /// How many ports.
    pub count: u32,
    /// Where it lives.
    pub path: &'a str,
    /// Who to ask.
    pub owner: &'a str,
    /// A listing whose listeners' ports are not handed out.
    pub listing: Option<&'a Path>,
    /// The date written.
    pub today: portreg_core::Date,
}

/// Runs `portreg emergency` as the command line asks.
pub fn command(command: Command, out: &mut Out) -> Result<Outcome, Failure> {
    let Command::Emergency { name, registry, ports, path, owner, listing, today, output } = command else {
        return Err(Failure("not an emergency command".to_owned()));
    };
    let stdin = Path::new("-");
    if registry.file.as_deref() == Some(stdin) && listing.as_deref() == Some(stdin) {
        return Err(Failure("the registry and the listing cannot both be standard input (`-`)".to_owned()));
    }
    let today = today.unwrap_or_else(crate::clock::today);
    let request = Request { name: &name, count: ports, path: &path, owner: &owner, listing: listing.as_deref(), today };
    let (document, _lock) = crate::edit_commands::open(registry.file.as_deref(), output.writes_back())?;
    run(&document, &request, output, out)
}

/// Records emergency ports and prints the plan.
pub fn run(document: &Input, request: &Request<'_>, output: WriteArgs, out: &mut Out) -> Result<Outcome, Failure> {
    let doc = Document::new(document.text.as_str(), Policy::default());
    let (parsed, notes) = match request.listing {
        Some(path) => {
            let text = listing::read(path)?;
            let parsed = portreg_core::usage::parse(&text.text).map_err(|e| Failure(format!("{}: {e}", text.name)))?;
            (parsed, Vec::new())
        }
        // Without a listing, the ports this machine's listeners hold are not handed out either.
        None => {
            let live = crate::live::read()?;
            (live.listing, live.notes)
        }
    };
    for note in notes {
        out.note(&format!("portreg: {note}"))?;
    }
    let space = doc.policy().reserved_range(ReservedKind::Emergency).unwrap_or(PortRange::new(40000, 65535));
    let listening = parsed.taken_ports(space);
    let ask = Emergency {
        name: request.name,
        count: request.count,
        path: request.path,
        owner: request.owner,
        today: request.today,
        listening: &listening,
    };
    let (change, range) = match emergency(doc.text(), doc.registry(), doc.policy(), &ask) {
        Ok(found) => found,
        Err(error) => {
            out.note(&format!("portreg: {error}"))?;
            return Ok(Outcome::Found);
        }
    };
    crate::edit_commands::finish(document, &change, output, out)?;
    let edited = change.try_apply(doc.text()).map_err(|e| Failure(format!("cannot edit {}: {e}", document.name)))?;
    // The row is where the edit writes the ports (after a new table's header, when it adds one).
    let row = change
        .edits
        .first()
        .map_or(0, |e| e.range.start + e.replacement.rfind(&range.to_string()).unwrap_or(e.replacement.len().min(1)));
    let line = LineIndex::new(&edited).line(row);
    let written = writes_file(document, output);
    let plan = plan(&doc, request.name, range, (document, written), line);
    // Standard output holds the plan only when it holds no document or diff.
    if written {
        out.text(&plan)?;
    } else {
        for line in plan.lines() {
            out.note(line)?;
        }
    }
    Ok(Outcome::Clean)
}

/// The ports to use now, service by service, and the way back: each step a
/// command that runs as written, in order, against the registry's file (once
/// it holds the emergency row, when the row was not `written` into it), or
/// on standard input (`-`) for a registry read from there.
fn plan(doc: &Document, name: &str, range: PortRange, (document, written): (&Input, bool), line: usize) -> String {
    let policy = doc.policy();
    let file = document.path.as_deref().map_or(&b"-"[..], crate::input::path_bytes);
    let (place, back) = match &document.path {
        _ if written => (document.name.clone(), "To move back, in order:".to_owned()),
        Some(_) => (
            format!("the edited registry; {} is unchanged", document.name),
            format!("To move back, once {} holds the emergency row, in order:", document.name),
        ),
        None => (
            "the edited registry".to_owned(),
            "To move back, in order, each step reading the edited registry on standard input:".to_owned(),
        ),
    };
    let mut text = format!("Emergency ports for {name}: {range} (line {line} of {place})\nUse them now:\n");
    // The names `portreg env` gives them (+9 is the Supabase shadow database's).
    let names = portreg_core::export::for_slot(policy, name, 0, 1);
    for service in &policy.services {
        let port = range.start + service.offset;
        if range.contains(port) {
            text.push_str(&format!("  {}={port}\n", names.variable(service)));
        }
    }
    let steps = portreg_core::ops::move_back(doc.registry(), policy, name, range, Some(file));
    text.push_str(&back);
    text.push('\n');
    for (i, step) in steps.iter().enumerate() {
        text.push_str(&format!("  {}. {step}\n", i + 1));
    }
    text
}
