//! `portreg check`: reads each registry, runs the selected rules and prints
//! the findings in the format asked for.

use std::path::{Path, PathBuf};

use portreg_core::rules::{Patterns, Selection};
use portreg_core::{Date, Severity, Summary};

use crate::args::{CheckFormat, SelectArgs};
use crate::input;
use crate::out::Out;
use crate::output;
use crate::report::{self, Checked};
use crate::{Failure, Outcome};

/// Checks `files` (the default registry when empty) as of `today` and
/// prints the findings `selection` lets through. Every file is read before
/// anything is printed: one that cannot be read fails the whole call (exit 2).
/// Otherwise exit 1 when a selected error was found in any of them.
/// With `against`, each registry is also checked as it would be after
/// merging with that git ref (G701).
pub fn run(
    files: &[PathBuf],
    format: CheckFormat,
    selection: &Selection,
    (today, against): (Date, Option<&str>),
    out: &mut Out,
) -> Result<Outcome, Failure> {
    let mut checked: Vec<Checked> = Vec::new();
    for input in read_all(files)? {
        let document = input.document();
        let mut found = document.check(today);
        if let Some(rev) = against {
            found.extend(crate::against::findings(&input, &document, rev)?);
            found.sort_by(|a, b| (a.span.start, a.rule.code).cmp(&(b.span.start, b.rule.code)));
        }
        checked.push(Checked::new(input, selection.filter(found)));
    }
    print(&checked, format, selection, out)?;
    let has_error = checked.iter().flat_map(|c| &c.diagnostics).any(|d| d.severity == Severity::Error);
    Ok(if has_error { Outcome::Found } else { Outcome::Clean })
}

/// The selection `--select` and `--ignore` ask for. An unknown code is a
/// wrong call (exit 2), told with the name it was given.
pub fn selection(args: &SelectArgs) -> Result<Selection, Failure> {
    let parse = |lists: &[String]| Patterns::parse(&lists.join(",")).map_err(|unknown| Failure(unknown.to_string()));
    Ok(Selection { select: parse(&args.select)?, ignore: parse(&args.ignore)? })
}

/// Reads every registry named, or the default one. Standard input can be named once.
fn read_all(files: &[PathBuf]) -> Result<Vec<input::Input>, Failure> {
    if files.is_empty() {
        return Ok(vec![input::read(None)?]);
    }
    if files.iter().filter(|f| f.as_path() == Path::new("-")).count() > 1 {
        return Err(Failure("standard input (`-`) can be read only once".to_owned()));
    }
    files.iter().map(|file| input::read(Some(file))).collect()
}

/// Prints the findings of every registry in `format`.
fn print(checked: &[Checked], format: CheckFormat, selection: &Selection, out: &mut Out) -> Result<(), Failure> {
    match format {
        CheckFormat::Text => {
            for registry in checked {
                let document = &registry.document;
                let text = output::text(&document.name, &document.text, &registry.diagnostics, output::use_colour());
                out.raw(text.as_bytes())?;
                out.note(&format!("{}: {}", document.name, output::summary_line(Summary::of(&registry.diagnostics))))?;
            }
        }
        CheckFormat::Json => {
            for registry in checked {
                out.raw(format!("{}\n", report::json(registry)?).as_bytes())?;
            }
        }
        CheckFormat::Github => {
            out.raw(report::github(checked).as_bytes())?;
            for registry in checked {
                let summary = output::summary_line(Summary::of(&registry.diagnostics));
                out.note(&format!("{}: {summary}", registry.document.name))?;
            }
        }
        CheckFormat::Sarif => out.raw(format!("{}\n", report::sarif(checked, selection)?).as_bytes())?,
        CheckFormat::Junit => out.raw(report::junit(checked, selection).as_bytes())?,
        CheckFormat::Gitlab => out.raw(format!("{}\n", report::gitlab(checked)?).as_bytes())?,
    }
    Ok(())
}
