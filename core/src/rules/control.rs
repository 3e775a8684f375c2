//! P007: control characters in registry cells, and raw ones on any other line.

use crate::code_span::Code;
use std::ops::Range;

use super::{Context, Diagnostic, Rule, RuleDoc, Severity, Violation};
use crate::registry::TableKind;
use crate::text::{describe_unsafe, is_unsafe_char};

/// P007: a cell holds a control character.
pub static CONTROL_CHARACTER: Rule = Rule {
    code: "P007",
    name: "control-character",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "A registry cell holds a control character (a line break, tab, escape, bell, NUL…) \
               or a bidirectional override or mark, typed raw or as a character reference such as \
               `&#10;`. Any other line of the document (prose, a heading, another table) holding \
               such a character raw, but for tabs and line endings, is reported too, and so is a \
               row whose character sits at a cell's edge, where it reads as padding.",
        why: "A registry is data: a name goes into scripts, config files and terminals. A control \
              character there can end a line early, forge output or drive the terminal, and a \
              bidirectional override or mark makes text read differently from what it is. portreg never \
              writes such a name into a snippet. A line of prose reaches terminals too, in a diff or \
              `git log -p`: an escape there can wipe the lines around it from the screen, hiding a \
              change from the person reviewing it.",
        example: "| Project | Ports |\n|---|---|\n| api&#10;rm -rf ~ | 30100-30199 |\n",
        fix: "Remove the character from the cell or the line.",
    },
};

/// A cell (under the header `column`) holding the unsafe `character`.
pub(super) struct ControlCharacter<'a> {
    pub column: &'a str,
    pub text: &'a str,
    pub character: char,
}

impl Violation for ControlCharacter<'_> {
    const RULE: &'static Rule = &CONTROL_CHARACTER;

    fn message(&self) -> String {
        let column = if self.column.is_empty() { "unnamed".to_owned() } else { format!("{}", Code(self.column)) };
        format!("the {column} cell {} holds {}", Code(self.text), describe_unsafe(self.character))
    }

    fn help(&self) -> String {
        "remove the character from the cell; names go into scripts and config files".to_owned()
    }
}

/// A line outside the registry's rows holding the raw unsafe `character`;
/// the last one shown counts the lines after it that hold one too.
pub(super) struct ControlInLine<'a> {
    pub text: &'a str,
    pub character: char,
    /// Lines after this one that hold such a character, not shown one by one.
    pub more: usize,
    /// The line is a registry row: the character sits at a cell's edge.
    pub in_row: bool,
}

/// The most lines outside the registry's rows reported one by one; the rest
/// are counted in the last (a file of escapes is one problem, not millions).
const MAX_LINES_SHOWN: usize = 20;

impl Violation for ControlInLine<'_> {
    const RULE: &'static Rule = &CONTROL_CHARACTER;

    fn message(&self) -> String {
        let line = if self.in_row {
            format!("this row holds {} at a cell's edge, where it reads as padding", describe_unsafe(self.character))
        } else {
            format!("the line {} holds {}", Code(self.text), describe_unsafe(self.character))
        };
        match self.more {
            0 => line,
            1 => format!("{line}, and 1 more line after it holds such a character"),
            more => format!("{line}, and {more} more lines after it hold such characters"),
        }
    }

    fn help(&self) -> String {
        "remove the character from the line; a terminal showing it (in a diff, say) acts on it".to_owned()
    }
}

/// One P007 finding per registry cell holding a control character, and one
/// per other line holding one raw (a row's line too, when the character is
/// in no cell's text).
pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let registry_tables = || cx.registry.tables.iter().filter(|t| t.kind != TableKind::Other);
    // Rows with a cell finding: a character at a cell's edge, read as
    // padding (a form feed, NEL), is no part of any cell's text, so a row
    // without one is looked at as a line below.
    let mut flagged: Vec<usize> = Vec::new();
    for table in registry_tables() {
        for row in &table.table.rows {
            for index in 0..row.cells.len() {
                let text = row.text(index);
                let Some(character) = text.chars().find(|&c| is_unsafe_char(c)) else { continue };
                let column = table.table.header.text(index);
                out.push(Diagnostic::of(row.range.clone(), ControlCharacter { column, text, character }));
                flagged.push(row.range.start);
            }
        }
    }
    let rows: Vec<Range<usize>> =
        registry_tables().flat_map(|t| t.table.rows.iter().map(|r| r.range.clone())).collect();
    let mut after = 0;
    let mut lines: Vec<(Range<usize>, char, bool)> = Vec::new();
    let mut more = 0;
    for (at, character) in cx.source.char_indices().filter(|&(_, c)| acts_on_a_terminal(c)) {
        if at < after {
            continue;
        }
        // Rows are in document order: the first not ending before `at` is the one that may hold it.
        let row = rows.get(rows.partition_point(|r| r.end <= at)).filter(|r| r.start <= at);
        // Pushed in document order, so sorted.
        if let Some(row) = row.filter(|r| flagged.binary_search(&r.start).is_ok()) {
            after = row.end;
            continue;
        }
        let line = line_around(cx.source, at);
        after = line.end;
        if lines.len() < MAX_LINES_SHOWN {
            lines.push((line, character, row.is_some()));
        } else {
            more += 1;
        }
    }
    let last = lines.len().saturating_sub(1);
    for (n, (line, character, in_row)) in lines.into_iter().enumerate() {
        let more = if n == last { more } else { 0 };
        out.push(Diagnostic::of(line.clone(), ControlInLine { text: &cx.source[line], character, more, in_row }));
    }
}

/// An unsafe character that is not part of a document's layout: tabs and
/// line endings (CR, LF) are.
fn acts_on_a_terminal(c: char) -> bool {
    is_unsafe_char(c) && !matches!(c, '\t' | '\n' | '\r')
}

/// The line holding byte `at` of `source`, without its line ending (LF,
/// CRLF or a lone CR).
fn line_around(source: &str, at: usize) -> Range<usize> {
    let is_break = |c: char| c == '\n' || c == '\r';
    let start = source[..at].rfind(is_break).map_or(0, |i| i + 1);
    let end = source[at..].find(is_break).map_or(source.len(), |i| at + i);
    start..end
}
