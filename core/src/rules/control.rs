//! P007: control characters in registry cells.

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
               `&#10;`.",
        why: "A registry is data: a name goes into scripts, config files and terminals. A control \
              character there can end a line early, forge output or drive the terminal, and a \
              bidirectional override or mark makes text read differently from what it is. portreg never \
              writes such a name into a snippet.",
        example: "| Project | Ports |\n|---|---|\n| api&#10;rm -rf ~ | 30100-30199 |\n",
        fix: "Remove the character from the cell.",
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
        let column = if self.column.is_empty() { "unnamed".to_owned() } else { format!("`{}`", self.column) };
        format!("the {column} cell `{}` holds {}", self.text, describe_unsafe(self.character))
    }

    fn help(&self) -> String {
        "remove the character from the cell; names go into scripts and config files".to_owned()
    }
}

/// One P007 finding per registry cell holding a control character.
pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let registry_tables = cx.registry.tables.iter().filter(|t| t.kind != TableKind::Other);
    for table in registry_tables {
        for row in &table.table.rows {
            for index in 0..row.cells.len() {
                let text = row.text(index);
                let Some(character) = text.chars().find(|&c| is_unsafe_char(c)) else { continue };
                let column = table.table.header.text(index);
                out.push(Diagnostic::of(row.range.clone(), ControlCharacter { column, text, character }));
            }
        }
    }
}
