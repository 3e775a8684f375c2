//! A document as the merge sees it: lines, each with the token that lines
//! of the three versions are matched by. A registry row is matched by its
//! entry (project, block and ports, or project, instance and branch), so a
//! row edited on one side still lines up with itself; any other line by its
//! text. Rows alike in all of that are told apart by their order.

use std::ops::Range;

use crate::markdown::Row;
use crate::policy::Policy;
use crate::registry::{ProjectKey, Registry, TableKind};
use crate::text::{after_line_ending, line_end};

/// What lines of the three versions are matched by.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Token<'a> {
    /// A line outside the registry rows, by its text (line ending included).
    Text(&'a str),
    /// A registry row, by its entry's key.
    Row(String),
}

/// One line of a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// The line with its ending.
    pub text: &'a str,
    /// Where it starts in its document.
    pub start: usize,
    /// What it is matched by.
    pub token: Token<'a>,
    /// For a row: each cell's bytes, relative to the line's start.
    pub cells: Vec<Range<usize>>,
}

impl Line<'_> {
    /// Whether the line is a registry row.
    pub fn is_row(&self) -> bool {
        matches!(self.token, Token::Row(_))
    }
}

/// The lines of `source`, each ending at LF, CRLF or a lone CR.
pub fn split<'a>(source: &'a str, policy: &Policy) -> Vec<Line<'a>> {
    let registry = Registry::parse(source, policy);
    let mut rows: Vec<(usize, &Row, String)> = Vec::new();
    let mut seen: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    for table in &registry.tables {
        for row in &table.table.rows {
            let Some(key) = row_key(table.kind, row, &table.columns) else { continue };
            let count = seen.entry(key.clone()).or_insert(0);
            rows.push((row.range.start, row, format!("{key}#{count}")));
            *count += 1;
        }
    }
    let mut lines = Vec::new();
    let mut rows = rows.into_iter().peekable();
    let mut at = 0;
    while at < source.len() {
        let end = after_line_ending(source, line_end(source, at));
        let mut line =
            Line { text: &source[at..end], start: at, token: Token::Text(&source[at..end]), cells: Vec::new() };
        while rows.peek().is_some_and(|(start, _, _)| *start < at) {
            rows.next();
        }
        if let Some((_, row, key)) = rows.next_if(|(start, _, _)| *start < end) {
            line.cells = row.cells.iter().map(|c| c.range.start - at..c.range.end - at).collect();
            line.token = Token::Row(key);
        }
        lines.push(line);
        at = end;
    }
    lines
}

/// The key of a registry row: a project by its name and the block and
/// ports its row gives (a project may have several rows, one a block), an
/// instance by its project, number and branch. Rows of other tables have
/// none. A row whose block or ports changed is then another entry: an edit
/// the other side made to the old row cannot land on it, and is a conflict.
fn row_key(kind: TableKind, row: &Row, columns: &crate::registry::Columns) -> Option<String> {
    let exact = |column: Option<usize>| {
        let text = column.map_or("", |c| row.text(c));
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let cell = |column: Option<usize>| ProjectKey::of(&exact(column)).into_owned();
    let name = ProjectKey::of(cell(columns.project).as_str()).into_owned();
    match kind {
        TableKind::Projects => Some(format!("p\u{0}{name}\u{0}{}\u{0}{}", cell(columns.block), cell(columns.ports))),
        TableKind::Instances => {
            Some(format!("i\u{0}{name}\u{0}{}\u{0}{}", cell(columns.instance), exact(columns.branch)))
        }
        TableKind::Other => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_keyed_by_entry_and_other_lines_by_text() {
        let doc = "# T\r\n| Project | Ports |\r\n|---|---|\r\n| API | 30000-30099 |\r\n| api | 30100-30199 |\rend";
        let lines = split(doc, &Policy::default());
        let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
        assert_eq!(
            texts,
            [
                "# T\r\n",
                "| Project | Ports |\r\n",
                "|---|---|\r\n",
                "| API | 30000-30099 |\r\n",
                "| api | 30100-30199 |\r",
                "end"
            ]
        );
        assert_eq!(lines[3].token, Token::Row("p\u{0}api\u{0}\u{0}30000-30099#0".into()));
        assert_eq!(lines[4].token, Token::Row("p\u{0}api\u{0}\u{0}30100-30199#0".into()));
        assert_eq!(&lines[3].text[lines[3].cells[1].clone()], " 30000-30099 ");
        assert_eq!(lines[0].token, Token::Text("# T\r\n"));
    }
}
