//! Text edits on the original document: everything outside the edited ranges
//! stays byte-for-byte as it was.

use std::ops::Range;

use crate::markdown::{cell_content, is_cell_padding, Cell};

/// Replace the bytes `range` of the document with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    /// Bytes to replace; empty to insert at `range.start`.
    pub range: Range<usize>,
    /// The new text.
    pub replacement: String,
}

/// Replaces a cell's content with plain `text` (escaped here, so the cell
/// reads back as `text`), keeping the padding it was written with. An empty
/// cell gets one space on each side.
pub fn set_cell(source: &str, cell: &Cell, text: &str) -> TextEdit {
    set_cell_markdown(source, cell, &escape_cell(text))
}

/// Replaces a cell's content with `markdown` as written (the caller escapes
/// it), keeping the padding the cell was written with.
pub fn set_cell_markdown(source: &str, cell: &Cell, markdown: &str) -> TextEdit {
    let raw = &source[cell.range.clone()];
    TextEdit { range: content_range(source, &cell.range), replacement: padded_content(raw, markdown) }
}

/// Plain text as the markdown of a table cell that reads back as the same
/// text (trimmed, on one line), wherever the cell stands in a row and
/// however the row is padded. Pipes become `\\|` and `<` becomes `&#60;`, so
/// nothing opens raw HTML or an autolink where the file is rendered (a wiki
/// that shows `ports.md` runs raw HTML it does not clean); text that would still read
/// as something else (emphasis, code, an entity, an escape, HTML, a link, a
/// list marker in a pipe-less row) has its ASCII punctuation, and a leading
/// digit, written as numeric character references. Line breaks and tabs
/// become spaces and other control characters are dropped: a cell holds one
/// line of text.
pub fn escape_cell(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if matches!(c, '\r' | '\n' | '\t') { ' ' } else { c })
        .filter(|&c| !crate::text::is_unsafe_char(c))
        .collect();
    let text = text.trim();
    let plain = text.replace('|', "\\|").replace('<', "&#60;");
    if reads_back(&plain, text) {
        return plain;
    }
    let mut escaped = String::with_capacity(text.len() * 2);
    for (i, c) in text.chars().enumerate() {
        if c.is_ascii_punctuation() || (i == 0 && c.is_ascii_digit()) {
            escaped.push_str(&format!("&#{};", u32::from(c)));
        } else {
            escaped.push(c);
        }
    }
    escaped
}

/// Whether `markdown` reads back as `text` in a padded middle cell, an
/// unpadded last cell, and the first cell of a pipe-less row.
pub fn reads_back(markdown: &str, text: &str) -> bool {
    // Each probe: a table, the cell the text is in, and the row's cell count.
    let probes = [
        (format!("| a | b | c |\n|---|---|---|\n| x | {markdown} | y |\n"), 1, 3),
        (format!("|a|b|\n|-|-|\n|x|{markdown}|\n"), 1, 2),
        (format!("a | b\n--|--\nx | y\n{markdown} | y\n"), 0, 2),
    ];
    probes.iter().all(|(probe, index, cells)| {
        let tables = crate::markdown::tables(probe);
        let Some(row) = tables.first().and_then(|t| t.rows.last()) else { return false };
        tables.len() == 1 && row.cells.len() == *cells && row.text(*index) == text
    })
}

/// What replaces the content range of a cell written as `raw`.
fn padded_content(raw: &str, text: &str) -> String {
    match raw {
        // `||` becomes `| text |`.
        "" => format!(" {text} "),
        // A blank cell keeps its spaces; the text goes after the first one.
        _ if cell_content(raw).is_empty() && !raw.starts_with(' ') => format!(" {text}"),
        _ => text.to_owned(),
    }
}

/// The bytes of a cell without its padding; for an all-blank cell, an empty
/// range after its first space (or at its start).
fn content_range(source: &str, range: &Range<usize>) -> Range<usize> {
    let raw = &source[range.clone()];
    let trimmed_start = raw.len() - raw.trim_start_matches(is_cell_padding).len();
    if cell_content(raw).is_empty() {
        let at = range.start + usize::from(raw.starts_with(' '));
        return at..at;
    }
    let trimmed_end = raw.trim_end_matches(is_cell_padding).len();
    range.start + trimmed_start..range.start + trimmed_end
}

/// Why edits could not be applied: they overlap, leave the document, or
/// split a character. Edits made by this crate on the text they were made
/// for never do; edits kept past a change of the text may.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidEdit {
    /// The edit's bytes.
    pub range: Range<usize>,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl std::fmt::Display for InvalidEdit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "an edit of bytes {}..{} {}", self.range.start, self.range.end, self.reason)
    }
}

impl std::error::Error for InvalidEdit {}

/// `edits` by where they start, then end.
fn in_order(edits: &[TextEdit]) -> Vec<&TextEdit> {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    crate::order::sort_by_key(&mut sorted, |e| crate::order::pair(e.range.start, e.range.end));
    sorted
}

/// Applies non-overlapping edits in one pass, or says why they cannot be
/// applied and changes nothing. Edits may come in any order.
pub fn try_apply(source: &str, edits: &[TextEdit]) -> Result<String, InvalidEdit> {
    let sorted = in_order(edits);
    let mut out = String::with_capacity(source.len() + edits.iter().map(|e| e.replacement.len()).sum::<usize>());
    let mut at = 0;
    for edit in sorted {
        let invalid = |reason| Err(InvalidEdit { range: edit.range.clone(), reason });
        if edit.range.start > edit.range.end || edit.range.end > source.len() {
            return invalid("falls outside the document");
        }
        if edit.range.start < at {
            return invalid("overlaps another edit");
        }
        if !source.is_char_boundary(edit.range.start) || !source.is_char_boundary(edit.range.end) {
            return invalid("splits a character");
        }
        out.push_str(&source[at..edit.range.start]);
        out.push_str(&edit.replacement);
        at = edit.range.end;
    }
    out.push_str(&source[at..]);
    Ok(out)
}

/// Applies edits made for `source` by this crate.
///
/// # Panics
/// On edits that overlap, fall outside the document or split a character: a
/// bug in the caller. Edits that may be stale go through [`try_apply`].
pub fn apply(source: &str, edits: &[TextEdit]) -> String {
    try_apply(source, edits).unwrap_or_else(|error| panic!("{error}"))
}

/// `later`, edits made on the text that `first` gives, as edits on the text
/// before `first`, to be applied together with `first` in one pass (`first`
/// before them in the list). `None` when a later edit reaches into text that
/// `first` wrote, or starts right before text `first` inserts: such an edit
/// has no single place in the original.
pub fn rebase(first: &[TextEdit], later: &[TextEdit]) -> Option<Vec<TextEdit>> {
    let sorted = in_order(first);
    // `pos` in the later text, in the original. At the place of a deletion,
    // `before` gives the deleted text's start (the end of a later range
    // stops before it), else its end.
    let back = |pos: usize, before: bool| -> Option<usize> {
        let mut delta = 0isize;
        for edit in &sorted {
            let start = edit.range.start.checked_add_signed(delta)?;
            let end = start + edit.replacement.len();
            if pos == start && start < end && edit.range.is_empty() {
                // Before text `first` inserts: in one pass it would land after it.
                return None;
            }
            if pos < start || (pos == start && (start < end || before)) {
                break;
            }
            if pos < end {
                return None;
            }
            delta += edit.replacement.len() as isize - edit.range.len() as isize;
        }
        pos.checked_add_signed(-delta)
    };
    // Where each first edit's text lies in the later text.
    let mut delta = 0isize;
    let written: Vec<Range<usize>> = sorted
        .iter()
        .map(|edit| {
            let start = edit.range.start.saturating_add_signed(delta);
            delta += edit.replacement.len() as isize - edit.range.len() as isize;
            start..start + edit.replacement.len()
        })
        .collect();
    later
        .iter()
        .map(|edit| {
            let (s, e) = (edit.range.start, edit.range.end);
            // A later edit that takes in what a first edit wrote (or the place
            // of a deletion) would undo or split it.
            if written.iter().any(|w| w.start < e && (s < w.start || s < w.end)) {
                return None;
            }
            let start = back(edit.range.start, false)?;
            let end = back(edit.range.end, !edit.range.is_empty())?;
            (start <= end).then(|| TextEdit { range: start..end, replacement: edit.replacement.clone() })
        })
        .collect()
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
    fn markup_in_a_value_is_written_as_text_that_no_renderer_runs() {
        use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};
        for text in [
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "a<svg onload=alert(1)>",
            "<b>",
            "<https://example.com>",
            "<me@example.com>",
            "x <!-- y -->",
            "&#60;b&#62;",
        ] {
            let cell = escape_cell(text);
            assert!(!cell.contains('<'), "{text} → {cell}");
            let doc = format!("| a | b |\n|---|---|\n| x | {cell} |\n");
            assert_eq!(tables(&doc)[0].rows[0].text(1), text);
            for event in Parser::new_ext(&doc, Options::ENABLE_TABLES) {
                let autolink =
                    matches!(event, Event::Start(Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. }));
                assert!(
                    !matches!(event, Event::Html(_) | Event::InlineHtml(_)) && !autolink,
                    "{text} → {cell}: {event:?}"
                );
            }
        }
        assert_eq!(escape_cell("a <= b"), "a &#60;= b");
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
    fn refuses_edits_that_do_not_fit_and_changes_nothing() {
        let edit = |range: Range<usize>| TextEdit { range, replacement: "x".into() };
        assert_eq!(try_apply("abc", &[edit(2..9)]).unwrap_err().reason, "falls outside the document");
        assert_eq!(try_apply("abc", &[edit(0..2), edit(1..3)]).unwrap_err().reason, "overlaps another edit");
        assert_eq!(try_apply("é", &[edit(1..1)]).unwrap_err().reason, "splits a character");
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

    #[test]
    fn a_later_edit_over_a_first_edit_is_refused() {
        let first = [TextEdit { range: 2..2, replacement: "X\n".into() }];
        assert_eq!(rebase(&first, &[TextEdit { range: 0..6, replacement: String::new() }]), None);
        let deletion = [TextEdit { range: 1..3, replacement: String::new() }];
        assert_eq!(rebase(&deletion, &[TextEdit { range: 0..2, replacement: "y".into() }]), None);
        assert!(rebase(&deletion, &[TextEdit { range: 0..1, replacement: "y".into() }]).is_some());
    }

    #[test]
    fn rebased_edits_land_where_they_were_made() {
        let source = "alpha\nbeta\ngamma\n";
        let first = [
            TextEdit { range: 0..5, replacement: "ALPHA!".into() },
            TextEdit { range: 11..11, replacement: "new\n".into() },
            TextEdit { range: 17..17, replacement: "end\n".into() },
        ];
        let middle = apply(source, &first);
        for pos in 0..=middle.len() {
            let later = [TextEdit { range: pos..pos, replacement: "<>".into() }];
            let want = apply(&middle, &later);
            match rebase(&first, &later) {
                Some(rebased) => {
                    let all: Vec<TextEdit> = first.iter().cloned().chain(rebased).collect();
                    assert_eq!(apply(source, &all), want, "insertion at {pos}");
                }
                None => assert!((1..6).contains(&pos) || (12..16).contains(&pos) || (22..26).contains(&pos), "{pos}"),
            }
        }
    }
}
