//! Subcommands that edit the registry or print snippets from it.

use portreg_core::ops::{self, AddInstance, Change, FixMode, Reserve, StatusTarget};
use portreg_core::Code;
use portreg_core::{Date, Document, Status};

use std::path::Path;

use crate::args::{Command, Snippet, WriteArgs};
use crate::input::{self, Input, Source};
use crate::lock::EditLock;
use crate::out::Out;
use crate::write::{deliver, not_written, writes_file};
use crate::{Failure, Outcome};

/// Reads the registry for an edit. When the result goes back into the file,
/// the edit lock is taken before the read and held (the returned guard) until
/// the write is done, so the edit is computed on the text as it is under the
/// lock.
pub fn open(file: Option<&Path>, writes_back: bool) -> Result<(Input, Option<EditLock>), Failure> {
    let source = input::locate(file)?;
    let lock = match &source {
        Source::File(path) if writes_back => EditLock::acquire(path, &path.display().to_string())?,
        _ => None,
    };
    Ok((input::read_source(source)?, lock))
}

/// Runs a subcommand that edits the registry: reserve, add-instance,
/// set-status, fix, fmt and migrate.
pub fn command(command: Command, out: &mut Out) -> Result<Outcome, Failure> {
    let clock = crate::clock::today;
    match command {
        Command::Reserve { name, registry, path, owner, block, additional, today, output } => {
            let today = today.unwrap_or_else(clock);
            let request = Reserve { name: &name, path: &path, owner: &owner, block, today, additional };
            let (document, _lock) = open(registry.file.as_deref(), output.writes_back())?;
            reserve(&document, &request, output, out)
        }
        Command::AddInstance { project, registry, instance, purpose, branch, status, output } => {
            let request =
                AddInstance { project: &project, instance, purpose: purpose.as_deref(), branch: &branch, status };
            let (document, _lock) = open(registry.file.as_deref(), output.writes_back())?;
            add_instance(&document, &request, output, out)
        }
        Command::SetStatus { name, status, registry, instance, ports, today, output } => {
            let target = match (instance, ports) {
                (Some(n), _) => StatusTarget::Instance(&name, n),
                (None, Some(range)) => StatusTarget::ProjectPorts(&name, range),
                (None, None) => StatusTarget::Project(&name),
            };
            let (document, _lock) = open(registry.file.as_deref(), output.writes_back())?;
            set_status(&document, target, status, today.unwrap_or_else(clock), output, out)
        }
        Command::Fix { registry, today, unsafe_fixes, selection, output } => {
            let selection = crate::check::selection(&selection)?;
            let (document, _lock) = open(registry.file.as_deref(), output.writes_back())?;
            let mode = if unsafe_fixes { FixMode::IncludeUnsafe } else { FixMode::SafeOnly };
            fix(&document, today.unwrap_or_else(clock), mode, &selection, output, out)
        }
        Command::Fmt { registry, check, output } => {
            let (document, _lock) = open(registry.file.as_deref(), output.writes_back() && !check)?;
            fmt(&document, check, output, out)
        }
        Command::Migrate { project, registry, block, today, write, output } => {
            // Without --write migrate prints the plan and edits nothing: there is no edit to print or diff.
            if !write && !output.writes_back() {
                let flag = if output.diff { "--diff" } else { "--stdout" };
                return Err(Failure(format!(
                    "{flag} applies to --write: without it, migrate prints the plan and edits nothing"
                )));
            }
            let (document, _lock) = open(registry.file.as_deref(), write && output.writes_back())?;
            migrate(&document, &project, block, today.unwrap_or_else(clock), write, output, out)
        }
        _ => Err(Failure("not a command that edits the registry".to_owned())),
    }
}

/// A request the core refused: said on standard error, exit 1.
fn refused(error: impl std::fmt::Display, out: &mut Out) -> Result<Outcome, Failure> {
    out.note(&format!("portreg: {error}"))?;
    Ok(Outcome::Found)
}

/// Whether the registry holds a merge conflict (an opening and a closing marker line), which no edit may touch.
fn conflicted(input: &Input) -> bool {
    portreg_core::merge::has_open_conflict(&input.text)
}

/// The registry document of `input`, read against the team's policy.
fn read(input: &Input) -> Document {
    input.document()
}

/// Applies `change`, delivers the result and reports what was done: the
/// file named as edited only when it was written, else where the result
/// went. A change that leaves the text as it is does not rewrite the file
/// (standard output still gets the result).
pub fn finish(document: &Input, change: &Change, output: WriteArgs, out: &mut Out) -> Result<Outcome, Failure> {
    finish_or(document, change, &change.summary, output, out)
}

/// [`finish`], with `unchanged_note` said of a change that leaves the text as it is.
fn finish_or(
    document: &Input,
    change: &Change,
    unchanged_note: &str,
    output: WriteArgs,
    out: &mut Out,
) -> Result<Outcome, Failure> {
    let edited =
        change.try_apply(&document.text).map_err(|e| Failure(format!("cannot edit {}: {e}", document.name)))?;
    let unchanged = edited == document.text;
    if !(unchanged && writes_file(document, output)) {
        deliver(document, &edited, output, out)?;
    }
    let note = match not_written(document, output) {
        _ if unchanged => format!("{unchanged_note}: {} is unchanged", document.name),
        None => format!("{} in {}", change.summary, document.name),
        Some(place) => format!("{} ({place})", change.summary),
    };
    out.note(&format!("portreg: {note}"))?;
    Ok(Outcome::Clean)
}

/// `portreg reserve`.
pub fn reserve(document: &Input, request: &Reserve<'_>, output: WriteArgs, out: &mut Out) -> Result<Outcome, Failure> {
    match read(document).reserve(request) {
        Ok((change, _)) => finish(document, &change, output, out),
        Err(error) => refused(error, out),
    }
}

/// `portreg add-instance`.
pub fn add_instance(
    document: &Input,
    request: &AddInstance<'_>,
    output: WriteArgs,
    out: &mut Out,
) -> Result<Outcome, Failure> {
    match read(document).add_instance(request) {
        Ok((change, _)) => finish(document, &change, output, out),
        Err(error) => refused(error, out),
    }
}

/// `portreg set-status`.
pub fn set_status(
    document: &Input,
    target: StatusTarget<'_>,
    status: Status,
    today: Date,
    output: WriteArgs,
    out: &mut Out,
) -> Result<Outcome, Failure> {
    let already = match target {
        StatusTarget::Project(name) => format!("{name} is already {status}", name = Code(name)),
        StatusTarget::ProjectPorts(name, range) => {
            format!("the row of {name} with ports {range} is already {status}", name = Code(name))
        }
        StatusTarget::Instance(name, n) => format!("instance {n} of {name} is already {status}", name = Code(name)),
        StatusTarget::ProjectRow(index) => format!("projects row {} is already {status}", index + 1),
        StatusTarget::InstanceRow(index) => format!("instance row {} is already {status}", index + 1),
    };
    match read(document).set_status(target, status, today) {
        Ok(change) => finish_or(document, &change, &already, output, out),
        Err(error) => refused(error, out),
    }
}

/// `portreg fix`.
pub fn fix(
    document: &Input,
    today: Date,
    mode: ops::FixMode,
    selection: &portreg_core::rules::Selection,
    output: WriteArgs,
    out: &mut Out,
) -> Result<Outcome, Failure> {
    if conflicted(document) {
        return refused(ops::EditError::Conflicted, out);
    }
    let report = read(document).fix_selected(today, mode, selection);
    // A file with nothing to fix is left untouched; standard output still gets
    // the document (or an empty diff), so a pipeline never loses it.
    if !report.applied.is_empty() || !writes_file(document, output) {
        deliver(document, &report.text, output, out)?;
    }
    if report.applied.is_empty() {
        out.note(&format!("portreg: nothing to fix in {}", document.name))?;
    }
    // A fix is said to be made only once the file holds it.
    let not_written = not_written(document, output);
    let verb = if not_written.is_some() { "would fix" } else { "fixed" };
    for fix in &report.applied {
        out.note(&format!("portreg: {verb} {fix}"))?;
    }
    if let Some(place) = not_written.filter(|_| !report.applied.is_empty()) {
        out.note(&format!("portreg: {place}"))?;
    }
    for (fix, breaks) in &report.unsafe_left {
        out.note(&format!("portreg: not applied, unsafe: {fix} ({breaks}); apply it with --unsafe-fixes"))?;
    }
    Ok(Outcome::Clean)
}

/// `portreg fmt`.
pub fn fmt(document: &Input, check: bool, output: WriteArgs, out: &mut Out) -> Result<Outcome, Failure> {
    // Marker lines next to a table read as its rows: aligning them would break the conflict.
    if conflicted(document) {
        return refused(ops::EditError::Conflicted, out);
    }
    let change = read(document).format();
    if check {
        if change.edits.is_empty() {
            return Ok(Outcome::Clean);
        }
        let rows = change.edits.len();
        let how = match &document.path {
            Some(path) => match ops::Suggestion::new("fmt").file(input::path_bytes(path)).command() {
                Ok(command) => format!("{command} aligns them", command = Code(&command)),
                Err(refusal) => refusal.to_string(),
            },
            None => "standard input is not rewritten: `portreg fmt --stdout -` prints it aligned".to_owned(),
        };
        out.line(&format!("{}: not formatted: {rows} row(s) to align ({how})", document.name))?;
        return Ok(Outcome::Found);
    }
    finish(document, &change, output, out)
}

/// Why `format` has no snippet for an instance that runs no local Supabase
/// stack (`supabase` off): its `supabase/config.toml`. Checked before
/// anything is done (`lease` records nothing then).
pub fn no_snippet(format: Snippet, supabase: bool) -> Option<&'static str> {
    (matches!(format, Snippet::Toml) && !supabase).then_some(
        "--no-supabase says the instance runs no local Supabase stack, so it has no supabase/config.toml \
         to write; leave out --no-supabase for the stack's ports",
    )
}

/// `portreg env`.
pub fn env(
    document: &Input,
    project: &str,
    instance: u32,
    block: Option<u32>,
    format: Snippet,
    supabase: bool,
    out: &mut Out,
) -> Result<Outcome, Failure> {
    let document = read(document);
    let ports = match document.instance_ports(project, Some(instance), block) {
        Ok(ports) => ports,
        Err(error) => return refused(error, out),
    };
    if let Some(why) = no_snippet(format, supabase) {
        return refused(why, out);
    }
    let ports = ports.with_supabase(supabase);
    let text = crate::snippets::render(format, &ports, document.policy());
    out.text(&text)?;
    Ok(Outcome::Clean)
}

/// `portreg migrate`.
pub fn migrate(
    document: &Input,
    project: &str,
    block: Option<u32>,
    today: Date,
    write: bool,
    output: WriteArgs,
    out: &mut Out,
) -> Result<Outcome, Failure> {
    match read(document).migration_plan(project, block, today) {
        Ok(plan) if write => finish(document, &plan.change, output, out),
        Ok(plan) => {
            out.text(&plan.markdown)?;
            Ok(Outcome::Clean)
        }
        Err(error) => refused(error, out),
    }
}
