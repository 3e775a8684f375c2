//! Which column of a registry table holds what, found from the header.

use crate::markdown::Row;

/// What a table of the document is, judged by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// One row per project block: a project column and a block or ports column.
    Projects,
    /// One row per instance: an `Instance` column.
    Instances,
    /// Any other table; left alone.
    Other,
}

/// Column indices of the fields the tool reads. Other columns are kept as they are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Columns {
    /// Project name.
    pub project: Option<usize>,
    /// Block label (may hold a range instead: cells are read by content).
    pub block: Option<usize>,
    /// Port range (may hold a block label instead).
    pub ports: Option<usize>,
    /// Project path.
    pub path: Option<usize>,
    /// Status.
    pub status: Option<usize>,
    /// Owner.
    pub owner: Option<usize>,
    /// Date of the entry.
    pub date: Option<usize>,
    /// Instance number.
    pub instance: Option<usize>,
    /// Instance purpose.
    pub purpose: Option<usize>,
    /// Branch or environment of an instance.
    pub branch: Option<usize>,
}

const PROJECT: &[&str] = &["project name", "project", "name", "project id"];
const BLOCK: &[&str] = &["block", "block number", "block no", "block id", "port block"];
const PORTS: &[&str] = &["ports", "port", "port range", "ports range", "range", "host ports"];
const PATH: &[&str] = &["path", "project path", "directory", "dir", "location", "folder"];
const STATUS: &[&str] = &["status", "state"];
const OWNER: &[&str] = &["owner", "owners", "team", "contact", "maintainer", "assignee"];
const DATE: &[&str] =
    &["date", "reserved", "reserved on", "date reserved", "registered", "created", "since", "updated", "last updated"];
const INSTANCE: &[&str] = &["instance", "instance id", "instance number", "instance no"];
const PURPOSE: &[&str] = &["purpose", "use", "usage", "description", "role"];
const BRANCH: &[&str] = &["branch environment", "branch", "environment", "env", "branch env"];

impl Columns {
    /// Reads the header row. Names match case-insensitively, ignoring punctuation.
    pub fn from_header(header: &Row) -> Self {
        let mut columns = Columns::default();
        for index in 0..header.cells.len() {
            let name = normalize(header.text(index));
            let slots: [(&[&str], &mut Option<usize>); 10] = [
                (PROJECT, &mut columns.project),
                (BLOCK, &mut columns.block),
                (PORTS, &mut columns.ports),
                (PATH, &mut columns.path),
                (STATUS, &mut columns.status),
                (OWNER, &mut columns.owner),
                (DATE, &mut columns.date),
                (INSTANCE, &mut columns.instance),
                (PURPOSE, &mut columns.purpose),
                (BRANCH, &mut columns.branch),
            ];
            for (names, slot) in slots {
                if slot.is_none() && names.contains(&name.as_str()) {
                    *slot = Some(index);
                    break;
                }
            }
        }
        columns
    }

    /// The kind of table these columns make.
    pub fn kind(&self) -> TableKind {
        let has_ports = self.block.is_some() || self.ports.is_some();
        if self.instance.is_some() && (self.project.is_some() || has_ports) {
            TableKind::Instances
        } else if self.project.is_some() && has_ports {
            TableKind::Projects
        } else {
            TableKind::Other
        }
    }
}

/// Lowercase words separated by single spaces: `Branch/Environment` → `branch environment`.
fn normalize(name: &str) -> String {
    let lowered = name.to_lowercase();
    let words: Vec<&str> = lowered.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.join(" ")
}
