//! Operations on the registry document. Each returns the text edits it makes
//! (never a rewritten document) or refuses with an [`EditError`] and changes
//! nothing.

mod emergency;
mod fix;
mod format;
mod instance;
mod reserve;
mod status;
mod style;

pub use crate::suggestion::{Refusal, Suggestion};
pub use crate::text::shell_word_bytes;
pub use emergency::{emergency, free_emergency_ports, move_back, Emergency, MAX_EMERGENCY_PORTS};
pub use fix::{apply_fixes, apply_selected_fixes, FixMode, FixReport};
pub use format::format_tables;
pub use instance::{add_instance, AddInstance};
pub use reserve::{reserve, Reserve};
pub use status::{set_status, StatusTarget};
pub use style::RowStyle;

use crate::code_span::Code;
use std::fmt;

use crate::allocate::AllocError;
use crate::edit::TextEdit;
use crate::markdown::Table;
use crate::registry::{Columns, Registry, TableKind};

/// What an operation changes: the edits and a one-line description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Edits on the original document, non-overlapping.
    pub edits: Vec<TextEdit>,
    /// What was done, for people.
    pub summary: String,
}

impl Change {
    /// The document with the change applied.
    ///
    /// # Panics
    /// When `source` is not the text the change was made for (see [`Change::try_apply`]).
    pub fn apply(&self, source: &str) -> String {
        crate::edit::apply(source, &self.edits)
    }

    /// The document with the change applied, or why the change does not fit
    /// `source` (it was made for another text).
    pub fn try_apply(&self, source: &str) -> Result<String, crate::edit::InvalidEdit> {
        crate::edit::try_apply(source, &self.edits)
    }
}

/// Why an operation was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// A block or instance could not be had.
    Alloc(AllocError),
    /// The document has no projects table, and none can be added at its end.
    NoProjectsTable,
    /// The project is already registered.
    AlreadyRegistered(String),
    /// A value that cannot go into a registry cell.
    BadValue(String),
    /// No row matches the request.
    NoSuchRow(String),
    /// The table has no column for the value.
    NoColumn(&'static str),
    /// The document holds a merge conflict's marker lines: a row added or
    /// changed now would land in one side of it.
    Conflicted,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Alloc(error) => error.fmt(f),
            EditError::NoProjectsTable => f.write_str(
                "the document has no projects table, and one added at its end would not be read as a table \
                 (is a code fence or an HTML block left open?)",
            ),
            EditError::AlreadyRegistered(name) => {
                write!(f, "{name} is already registered; ask for an additional block explicitly", name = Code(name))
            }
            EditError::BadValue(reason) => f.write_str(reason),
            EditError::NoSuchRow(what) => write!(f, "no row for {what}"),
            EditError::NoColumn(column) => write!(f, "the table has no {column} column"),
            EditError::Conflicted => f.write_str(
                "the registry holds a merge conflict's marker lines (G702): resolve the conflict first, \
                 or a row added or changed now would land in one side of it",
            ),
        }
    }
}

impl std::error::Error for EditError {}

impl From<AllocError> for EditError {
    fn from(error: AllocError) -> Self {
        EditError::Alloc(error)
    }
}

/// Checks a value for a single-line registry cell.
/// A project name as a cell value: refused when empty or unwritable.
fn project_name(value: &str) -> Result<String, EditError> {
    let name = cell_value("project name", value)?;
    if name.is_empty() {
        return Err(EditError::BadValue("the project name is empty".to_owned()));
    }
    Ok(name)
}

/// The most characters a value written into a cell may have (a name, a branch…).
pub(crate) const MAX_VALUE_CHARS: usize = 200;

fn cell_value(field: &str, value: &str) -> Result<String, EditError> {
    let value = value.trim();
    if value.contains(['\n', '\r']) {
        return Err(EditError::BadValue(format!("the {field} must be one line")));
    }
    if let Some((_, c)) = crate::text::first_unsafe(value) {
        return Err(EditError::BadValue(format!("the {field} holds {}", crate::text::describe_unsafe(c))));
    }
    if value.chars().count() > MAX_VALUE_CHARS {
        return Err(EditError::BadValue(format!("the {field} is longer than {MAX_VALUE_CHARS} characters")));
    }
    if !value.is_empty() && !crate::edit::reads_back(&crate::edit::escape_cell(value), value) {
        return Err(EditError::BadValue(format!("the {field} cannot be written into a table cell as it is")));
    }
    Ok(value.to_owned())
}

/// Refuses a document that holds a merge conflict ([`crate::merge::has_open_conflict`]).
pub(crate) fn refuse_conflicted(source: &str) -> Result<(), EditError> {
    if crate::merge::has_open_conflict(source) {
        Err(EditError::Conflicted)
    } else {
        Ok(())
    }
}

/// The first table of `kind`.
fn first_table(registry: &Registry, kind: TableKind) -> Option<(usize, &Table, &Columns)> {
    registry.tables.iter().enumerate().find(|(_, t)| t.kind == kind).map(|(i, t)| (i, &t.table, &t.columns))
}

/// An edit that adds a row after the last row of `table`, in its style. The
/// row gets one cell per header column, `value(column)` or empty.
fn append_row(source: &str, table: &Table, value: impl Fn(usize) -> String) -> TextEdit {
    let style = RowStyle::of(source, table);
    let cells: Vec<String> = (0..table.header.cells.len()).map(value).collect();
    let at = table.rows.last().map_or(table.delimiter.end, |r| r.range.end);
    TextEdit { range: at..at, replacement: format!("{}{}{}", style.line_ending, style.prefix, style.render(&cells)) }
}
