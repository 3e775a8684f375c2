//! The rows of the registry tables, read into projects and instances.

use std::ops::Range;

use compact_str::CompactString;

use crate::date::Date;
use crate::markdown::Row;
use crate::ports::{is_placeholder, parse_ports_cell, parse_range_list, BareNumber, PortRange, PortsCell};
use crate::registry::{Columns, ProjectKey};
use crate::status::Status;

/// A cell whose ports could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Index of the cell in its row.
    pub cell: usize,
    /// Why it could not be read.
    pub reason: String,
}

/// Where a row is: its table, its index among the table's body rows, its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowRef {
    /// Index into [`Registry::tables`](crate::Registry::tables).
    pub table: usize,
    /// Index into that table's body rows.
    pub row: usize,
    /// The row's bytes, without its line ending.
    pub span: Range<usize>,
}

/// Fields that projects and instances rows share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Common {
    /// Project name as written (markup removed).
    pub name: CompactString,
    /// The name as a key (trimmed, lowercase) when it differs from `name`.
    /// Names match case-insensitively; most are written as their key already.
    key: Option<CompactString>,
    /// Status cell text; `None` when the table has no status column.
    pub status_text: Option<CompactString>,
    /// The status, when the cell holds a known one.
    pub status: Option<Status>,
    /// Ranges read from the ports (or block) cell.
    pub ranges: Vec<PortRange>,
    /// Index of the cell the ranges came from.
    pub ranges_cell: Option<usize>,
    /// Cells that should hold ports but could not be read.
    pub unreadable: Vec<Unreadable>,
}

impl Common {
    /// The name as a key: trimmed, lowercase.
    pub fn key(&self) -> ProjectKey<'_> {
        ProjectKey::from_normalised(self.key.as_deref().unwrap_or(&self.name))
    }

    /// Whether the row holds its ports (not deprecated, not archived). A row
    /// with no status, or an unknown one, is taken as live.
    pub fn is_live(&self) -> bool {
        self.status.is_none_or(Status::is_live)
    }
}

/// A row of a projects table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectEntry {
    /// Where the row is.
    pub at: RowRef,
    /// Name, status and ports.
    pub common: Common,
    /// Block number from a `Block N` label.
    pub block: Option<u32>,
    /// Index of the cell holding the label.
    pub block_cell: Option<usize>,
    /// Path cell text; `None` when the table has no path column.
    pub path: Option<CompactString>,
    /// Owner cell text; `None` when the table has no owner column.
    pub owner: Option<CompactString>,
    /// Date cell text; `None` when the table has no date column.
    pub date_text: Option<CompactString>,
}

impl ProjectEntry {
    /// The ports the row holds: its ranges, or the block its label names.
    pub fn ports<'a>(&'a self, policy: &crate::Policy) -> impl Iterator<Item = PortRange> + Clone + 'a {
        let from_label =
            if self.common.ranges.is_empty() { self.block.and_then(|b| policy.block_range(b)) } else { None };
        self.common.ranges.iter().copied().chain(from_label)
    }

    /// The row's date, when the cell holds a real one.
    pub fn date(&self) -> Option<Date> {
        self.date_text.as_deref().and_then(Date::parse)
    }
}

/// A row of an instances table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceEntry {
    /// Where the row is.
    pub at: RowRef,
    /// Project name, status and ports.
    pub common: Common,
    /// The instance number, when the cell holds one.
    pub number: Option<u32>,
    /// The instance cell text.
    pub number_text: CompactString,
    /// Index of the instance cell.
    pub number_cell: Option<usize>,
    /// Purpose cell text.
    pub purpose: Option<CompactString>,
    /// Branch or environment cell text.
    pub branch: Option<CompactString>,
}

fn cell(row: &Row, column: Option<usize>) -> Option<CompactString> {
    column.map(|c| CompactString::from(row.text(c)))
}

fn common(row: &Row, columns: &Columns) -> Common {
    let status_text = cell(row, columns.status);
    let status = status_text.as_deref().and_then(Status::parse);
    let name = cell(row, columns.project).unwrap_or_default();
    Common {
        key: Some(ProjectKey::of(&name))
            .filter(|key| key.as_str() != name.as_str())
            .map(|key| CompactString::from(key.as_str())),
        name,
        status_text,
        status,
        ranges: Vec::new(),
        ranges_cell: None,
        unreadable: Vec::new(),
    }
}

/// Reads a projects row. Block and ports cells are read by content: the
/// policy's own example puts the range under "Block" and the label under "Ports".
pub fn read_project(at: RowRef, row: &Row, columns: &Columns, block_count: u32) -> ProjectEntry {
    let mut entry = ProjectEntry {
        common: common(row, columns),
        at,
        block: None,
        block_cell: None,
        path: cell(row, columns.path),
        owner: cell(row, columns.owner),
        date_text: cell(row, columns.date),
    };
    for index in [columns.block, columns.ports].into_iter().flatten() {
        // A bare number is a block under "Block", and under "Ports" too when the
        // row's range is under "Block" (the policy's own, swapped layout).
        let swapped = columns.block.is_some() && entry.common.ranges_cell == columns.block;
        let bare = if Some(index) == columns.block || swapped { BareNumber::Block } else { BareNumber::Port };
        match parse_ports_cell(row.text(index), bare, block_count) {
            PortsCell::Empty => {}
            PortsCell::Block(block) if entry.block.is_none() => {
                entry.block = Some(block);
                entry.block_cell = Some(index);
            }
            PortsCell::Block(_) => {}
            PortsCell::Ranges(ranges) if entry.common.ranges.is_empty() => {
                entry.common.ranges = ranges;
                entry.common.ranges_cell = Some(index);
            }
            PortsCell::Ranges(_) => {}
            PortsCell::Invalid(reason) => entry.common.unreadable.push(Unreadable { cell: index, reason }),
        }
    }
    entry
}

/// Reads an instances row.
pub fn read_instance(at: RowRef, row: &Row, columns: &Columns) -> InstanceEntry {
    let mut common = common(row, columns);
    let number_text = cell(row, columns.instance).unwrap_or_default();
    if let Some(index) = columns.ports {
        let text = row.text(index);
        if is_placeholder(text) {
            common.unreadable.push(Unreadable { cell: index, reason: "the instance lists no ports".to_owned() });
        } else {
            match parse_range_list(text) {
                Ok(ranges) => {
                    common.ranges = ranges;
                    common.ranges_cell = Some(index);
                }
                Err(reason) => common.unreadable.push(Unreadable { cell: index, reason }),
            }
        }
    }
    InstanceEntry {
        at,
        common,
        number: parse_instance_number(&number_text),
        number_text,
        number_cell: columns.instance,
        purpose: cell(row, columns.purpose),
        branch: cell(row, columns.branch),
    }
}

/// Reads `3`, `#3`, `Instance 3` or `3 (Feature Branch 1)`.
pub fn parse_instance_number(text: &str) -> Option<u32> {
    let text = text.trim();
    let text = text.get(..8).filter(|head| head.eq_ignore_ascii_case("instance")).map_or(text, |_| &text[8..]);
    let rest = text.trim_start_matches([' ', '#']);
    let digits = rest.find(|c: char| !c.is_ascii_digit()).map_or(rest, |end| &rest[..end]);
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::parse_instance_number;

    #[test]
    fn reads_instance_numbers() {
        assert_eq!(parse_instance_number("3"), Some(3));
        assert_eq!(parse_instance_number("#3"), Some(3));
        assert_eq!(parse_instance_number("Instance 10"), Some(10));
        assert_eq!(parse_instance_number("2 (Test/CI)"), Some(2));
        assert_eq!(parse_instance_number("main"), None);
        assert_eq!(parse_instance_number(""), None);
    }
}
