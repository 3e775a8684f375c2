//! How a table's rows are written, so a new row can be written the same way.

use crate::edit::escape_cell;
use crate::markdown::{cell_content, is_cell_padding, Row, Table};
use crate::text::{ending_at, line_end, line_ending_of, line_start};

/// The look of a table's rows: container prefix, outer pipes, padding, line
/// ending, and column widths when the table is aligned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowStyle {
    /// Bytes before the row on its line (a blockquote's `> `, an indent).
    pub prefix: String,
    /// Whether rows start with `|`.
    pub leading_pipe: bool,
    /// Whether rows end with `|`.
    pub trailing_pipe: bool,
    /// Spaces on each side of a cell's content.
    pub padding: usize,
    /// `\n`, `\r\n` or `\r`.
    pub line_ending: &'static str,
    /// Raw cell widths, when every row of the table has the same ones.
    pub widths: Option<Vec<usize>>,
}

impl RowStyle {
    /// The style of `table`'s last body row (or its header when it has none;
    /// the container prefix and line ending then come from the delimiter row,
    /// the line a new row follows: a list item's marker is on the header's line only).
    pub fn of(source: &str, table: &Table) -> Self {
        let last_line = table.rows.last().map_or(table.delimiter.clone(), |row| row.range.clone());
        let sample = table.rows.last().unwrap_or(&table.header);
        let raw = &source[sample.range.clone()];
        // Without a leading pipe the first cell has no left padding; read a later one.
        let leading_pipe = raw.trim_start().starts_with('|');
        let probe = if leading_pipe { sample.cells.first() } else { sample.cells.get(1) };
        let first_cell = probe.map_or("", |c| &source[c.range.clone()]);
        let padding = if cell_content(first_cell).is_empty() {
            1
        } else {
            first_cell.len() - first_cell.trim_start_matches(is_cell_padding).len()
        };
        Self {
            prefix: source[line_start(source, last_line.start)..last_line.start].to_owned(),
            leading_pipe,
            trailing_pipe: raw.trim_end().ends_with('|') && !raw.trim_end().ends_with("\\|"),
            padding,
            line_ending: match line_end(source, last_line.end) {
                end if end == source.len() => line_ending_of(source),
                end => ending_at(source, end),
            },
            widths: aligned_widths(source, table),
        }
    }

    /// The style of a new table in a document whose lines end with `line_ending`.
    pub fn fresh(line_ending: &'static str) -> Self {
        Self { prefix: String::new(), leading_pipe: true, trailing_pipe: true, padding: 1, line_ending, widths: None }
    }

    /// Writes a row of `cells` (plain text, escaped here) in this style. A
    /// pipe-less row whose first or last cell is empty gets that outer pipe
    /// all the same: without it the empty cell would not be read.
    pub fn render(&self, cells: &[String]) -> String {
        let pad = " ".repeat(self.padding);
        let last = cells.len().saturating_sub(1);
        let texts: Vec<String> = cells.iter().map(|text| escape_cell(text)).collect();
        let leading_pipe = self.leading_pipe || texts.first().is_none_or(String::is_empty);
        let trailing_pipe = self.trailing_pipe || texts.len() < 2 || texts.last().is_none_or(String::is_empty);
        let parts: Vec<String> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                // Outer cells of a pipe-less row are not padded on their outer side.
                let left = if i == 0 && !leading_pipe { "" } else { pad.as_str() };
                let right = if i == last && !trailing_pipe { "" } else { pad.as_str() };
                let width = self.widths.as_ref().and_then(|w| w.get(i)).copied().unwrap_or(0);
                let inner = width.saturating_sub(left.len() + right.len());
                format!("{left}{text:<inner$}{right}")
            })
            .collect();
        let body = parts.join("|");
        let lead = if leading_pipe { "|" } else { "" };
        let trail = if trailing_pipe { "|" } else { "" };
        format!("{lead}{body}{trail}")
    }
}

/// The per-column raw widths, when header, delimiter and body rows all agree.
fn aligned_widths(source: &str, table: &Table) -> Option<Vec<usize>> {
    let widths =
        |row: &Row| -> Vec<usize> { row.cells.iter().map(|c| source[c.range.clone()].chars().count()).collect() };
    let header = widths(&table.header);
    let delimiter_widths: Vec<usize> =
        delimiter_cells(&source[table.delimiter.clone()]).map(|c| c.chars().count()).collect();
    let all_agree = delimiter_widths == header && table.rows.iter().all(|r| widths(r) == header);
    (all_agree && !table.rows.is_empty()).then_some(header)
}

/// The raw cells of a delimiter row (`|---|:--:|`).
pub fn delimiter_cells(row: &str) -> impl Iterator<Item = &str> {
    let trimmed = row.trim();
    let inner = trimmed.strip_prefix('|').unwrap_or(trimmed);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::tables;

    fn style(doc: &str) -> RowStyle {
        RowStyle::of(doc, &tables(doc)[0])
    }

    #[test]
    fn copies_pipes_padding_and_line_endings() {
        let s = style("A | B\r\n--|--\r\nx | y\r\n");
        assert_eq!((s.leading_pipe, s.trailing_pipe, s.padding, s.line_ending), (false, false, 1, "\r\n"));
        assert_eq!(s.render(&["a|b".into(), "c".into()]), "a\\|b | c");
        let s = style("| A | B |\n|---|---|\n| x | y |\n");
        assert_eq!(s.render(&["new".into(), String::new()]), "| new |   |");
    }

    #[test]
    fn pads_to_the_widths_of_an_aligned_table() {
        let doc = "| Name  | Port  |\n|-------|-------|\n| a     | 1     |\n";
        let s = style(doc);
        assert_eq!(s.widths, Some(vec![7, 7]));
        assert_eq!(s.render(&["b".into(), "22".into()]), "| b     | 22    |");
    }

    #[test]
    fn keeps_a_blockquote_prefix() {
        let s = style("> | A |\n> |---|\n> | x |\n");
        assert_eq!(s.prefix, "> ");
    }
}
