//! Text edits on the original document: everything outside the edited ranges
//! stays byte-for-byte as it was.

use std::ops::Range;

use crate::markdown::Cell;
use crate::rules::TextEdit;

/// Replaces a cell's content, keeping the padding it was written with. An
/// empty cell gets one space on each side.
pub fn set_cell(source: &str, cell: &Cell, text: &str) -> TextEdit {
    let raw = &source[cell.range.clone()];
    TextEdit { range: content_range(source, &cell.range), replacement: cell_content(raw, text) }
}

/// What replaces the content range of a cell written as `raw`.
fn cell_content(raw: &str, text: &str) -> String {
    match raw {
        // `||` becomes `| text |`.
        "" => format!(" {text} "),
        // A blank cell keeps its spaces; the text goes after the first one.
        _ if raw.trim().is_empty() && !raw.starts_with(' ') => format!(" {text}"),
        _ => text.to_owned(),
    }
}

/// The bytes of a cell without its padding; for an all-blank cell, an empty
/// range after its first space (or at its start).
fn content_range(source: &str, range: &Range<usize>) -> Range<usize> {
    let raw = &source[range.clone()];
    let trimmed_start = raw.len() - raw.trim_start().len();
    if raw.trim().is_empty() {
        let at = range.start + usize::from(raw.starts_with(' '));
        return at..at;
    }
    let trimmed_end = raw.trim_end().len();
    range.start + trimmed_start..range.start + trimmed_end
}

/// Applies non-overlapping edits in one pass. Edits may come in any order.
///
/// # Panics
/// In debug builds, on edits that overlap or fall outside the document: a bug
/// in the caller. Release builds skip such edits. Edits made by this crate
/// never do either.
pub fn apply(source: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(source.len() + edits.iter().map(|e| e.replacement.len()).sum::<usize>());
    let mut at = 0;
    for edit in sorted {
        let valid = edit.range.start >= at && edit.range.end <= source.len() && edit.range.start <= edit.range.end;
        debug_assert!(valid, "overlapping or out-of-bounds edit {:?}", edit.range);
        if !valid {
            continue;
        }
        out.push_str(&source[at..edit.range.start]);
        out.push_str(&edit.replacement);
        at = edit.range.end;
    }
    out.push_str(&source[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::tables;

    fn edit_first_cell(doc: &str, text: &str) -> String {
        let table = &tables(doc)[0];
        let edit = set_cell(doc, &table.rows[0].cells[1], text);
        apply(doc, &[edit])
    }

    #[test]
    fn keeps_padding_around_new_content() {
        let doc = "| a | b |\n|---|---|\n|  x  |   Block 4   |\n";
        assert_eq!(edit_first_cell(doc, "Block 5"), "| a | b |\n|---|---|\n|  x  |   Block 5   |\n");
    }

    #[test]
    fn fills_empty_cells_with_one_space_of_padding() {
        assert_eq!(edit_first_cell("|a|b|\n|-|-|\n|x||\n", "y"), "|a|b|\n|-|-|\n|x| y |\n");
        assert_eq!(edit_first_cell("|a|b|\n|-|-|\n|x|   |\n", "y"), "|a|b|\n|-|-|\n|x| y  |\n");
    }

    #[test]
    fn applies_edits_in_any_order() {
        let edits = [
            TextEdit { range: 4..5, replacement: "E".into() },
            TextEdit { range: 0..1, replacement: "A".into() },
            TextEdit { range: 2..2, replacement: "+".into() },
        ];
        assert_eq!(apply("abcde", &edits), "Ab+cdE");
    }
}
