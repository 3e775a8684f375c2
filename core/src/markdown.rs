//! Every GFM table of a markdown document, with the byte range of each row
//! and cell, and its HTML comments, read in one pass of the markdown parser.
//!
//! pulldown-cmark finds the tables (so tables in code fences, HTML blocks or
//! indented code are not tables) and renders each cell's inline markup to plain
//! text. It pads short rows and drops extra cells, so the cells themselves are
//! split here from the row's own bytes: a row keeps every cell it was written
//! with, which is what the row-shape rule and lossless edits need.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::text::{after_line_ending, line_end, trim_line_ending};

/// One cell: its bytes between two pipes (padding included) and where its
/// plain text is in the row's [`Row::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Bytes of the document between the pipes, padding included.
    pub range: Range<usize>,
    /// Range of the cell's plain text inside its row's text buffer.
    text: Range<usize>,
}

/// One table row: the bytes of its line after any container prefix, without
/// the line ending, and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row's bytes, without the line ending.
    pub range: Range<usize>,
    /// The cells as written, including any past the header's count.
    pub cells: Vec<Cell>,
    /// The plain text of all cells, one after the other: one allocation per row.
    texts: String,
}

impl Row {
    /// The plain text of cell `index` (inline markup removed, `\|` read as
    /// `|`, trimmed), or `""` when the row is shorter.
    pub fn text(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", |c| &self.texts[c.text.clone()])
    }
}

/// A GFM table of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// From the header's first byte to the end of the last row's line.
    pub range: Range<usize>,
    /// The header row.
    pub header: Row,
    /// The delimiter row (`|---|:--:|`), without the line ending.
    pub delimiter: Range<usize>,
    /// The body rows.
    pub rows: Vec<Row>,
}

/// An HTML comment of the document, as markdown reads it: a block of its
/// own, or inline (in a paragraph or a table cell). Never text in code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Its bytes in the document.
    pub range: Range<usize>,
    /// The comment as the markdown reader gives it: for a block, one line of
    /// it, without any container prefix.
    pub text: String,
    /// Whether it is inline HTML rather than an HTML block.
    pub inline: bool,
}

/// What one reading of a document finds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markdown {
    /// Every table, in document order.
    pub tables: Vec<Table>,
    /// Every HTML comment, in document order.
    pub comments: Vec<Comment>,
}

/// Finds every table of `source`. A byte-order mark at the start is not
/// part of the first line.
pub fn tables(source: &str) -> Vec<Table> {
    read(source).tables
}

/// Reads `source` once: its tables and its HTML comments. A byte-order mark
/// at the start is not part of the first line.
pub fn read(source: &str) -> Markdown {
    match source.strip_prefix('\u{feff}') {
        Some(body) => {
            let bom = source.len() - body.len();
            let Markdown { tables, comments } = read_body(body);
            Markdown {
                tables: tables.into_iter().map(|table| table.shifted(bom)).collect(),
                comments: comments.into_iter().map(|c| Comment { range: shift(&c.range, bom), ..c }).collect(),
            }
        }
        None => read_body(source),
    }
}

/// `source` with each CR that no LF follows written as an LF, byte for byte.
fn lone_returns_as_feeds(source: &str) -> std::borrow::Cow<'_, str> {
    let bytes = source.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return std::borrow::Cow::Borrowed(source);
    }
    let fed: Vec<u8> = (0..bytes.len()).map(|i| if lone(i) { b'\n' } else { bytes[i] }).collect();
    // Only ASCII bytes changed, so the text is as valid UTF-8 as before.
    std::borrow::Cow::Owned(String::from_utf8(fed).unwrap_or_else(|_| source.to_owned()))
}

fn read_body(source: &str) -> Markdown {
    let mut tables = Vec::new();
    let mut comments = Vec::new();
    let mut current: Option<TableBuilder> = None;
    let mut in_cell = false;
    // The parser is given lone CRs as LFs: the same length, so every range it
    // reports is a range of `source`, which is what is sliced. (pulldown-cmark
    // 0.13 never ends an HTML block at a lone CR, so a comment would swallow
    // the rest of an old Mac file.)
    let view = lone_returns_as_feeds(source);
    let parser = Parser::new_ext(&view, Options::ENABLE_TABLES).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(Tag::Table(_)) => current = Some(TableBuilder::new(range)),
            Event::End(TagEnd::Table) => {
                if let Some(table) = current.take().and_then(|b| b.finish(source)) {
                    tables.push(table);
                }
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(builder) = current.as_mut() {
                    builder.start_row(source, range);
                }
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some(builder) = current.as_mut() {
                    builder.fill_extra_cells(source);
                }
            }
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                if let Some(builder) = current.as_mut() {
                    builder.start_cell();
                }
            }
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                if let Some(builder) = current.as_mut() {
                    builder.end_cell();
                }
            }
            // A comment shows nothing (and may be a `portreg: ignore` directive): never cell text.
            Event::Html(ref html) | Event::InlineHtml(ref html) if html.trim_start().starts_with("<!--") => {
                let inline = matches!(event, Event::InlineHtml(_));
                comments.push(Comment { range, text: html.to_string(), inline });
            }
            // Other inline HTML is kept as written: a cell's text is text, never markup to drop or run.
            Event::Text(text) | Event::Code(text) | Event::InlineHtml(text) if in_cell => {
                if let Some(row) = current.as_mut().and_then(|b| b.rows.last_mut()) {
                    row.texts.push_str(&text);
                }
            }
            _ => {}
        }
    }
    Markdown { tables, comments }
}

fn shift(range: &Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

impl Row {
    fn shifted(mut self, by: usize) -> Self {
        self.range = shift(&self.range, by);
        for cell in &mut self.cells {
            cell.range = shift(&cell.range, by);
        }
        self
    }
}

impl Table {
    /// The same table in a document with `by` more bytes before it.
    fn shifted(self, by: usize) -> Self {
        Table {
            range: shift(&self.range, by),
            header: self.header.shifted(by),
            delimiter: shift(&self.delimiter, by),
            rows: self.rows.into_iter().map(|row| row.shifted(by)).collect(),
        }
    }
}

struct TableBuilder {
    range: Range<usize>,
    rows: Vec<Row>,
    /// Cells of the current row that pulldown-cmark has given text for.
    texts_seen: usize,
    /// Where the current cell's text starts in the row's buffer.
    cell_start: usize,
}

impl TableBuilder {
    fn new(range: Range<usize>) -> Self {
        Self { range, rows: Vec::new(), texts_seen: 0, cell_start: 0 }
    }

    fn start_row(&mut self, source: &str, range: Range<usize>) {
        // A row pulldown-cmark makes up past its cap on padded cells has an
        // empty range, which may sit right after a line ending: never inverted.
        let range = range.start..trim_line_ending(source, range.end).max(range.start);
        let cells = split_cells(source, range.clone());
        let texts = String::with_capacity(range.len());
        self.rows.push(Row { range, cells, texts });
        self.texts_seen = 0;
    }

    fn start_cell(&mut self) {
        self.cell_start = self.rows.last().map_or(0, |row| row.texts.len());
    }

    fn end_cell(&mut self) {
        if let Some(row) = self.rows.last_mut() {
            let text = trimmed(&row.texts, self.cell_start..row.texts.len());
            if let Some(cell) = row.cells.get_mut(self.texts_seen) {
                cell.text = text;
            }
        }
        self.texts_seen += 1;
    }

    /// Cells past the header's count get no text from pulldown-cmark; read them raw.
    fn fill_extra_cells(&mut self, source: &str) {
        if let Some(row) = self.rows.last_mut() {
            for cell in row.cells.iter_mut().skip(self.texts_seen) {
                let start = row.texts.len();
                row.texts.push_str(&source[cell.range.clone()].trim().replace("\\|", "|"));
                cell.text = start..row.texts.len();
            }
        }
    }

    fn finish(self, source: &str) -> Option<Table> {
        let mut rows = self.rows.into_iter();
        let header = rows.next()?;
        let delimiter = delimiter_row(source, &header);
        let rows: Vec<Row> = rows.collect();
        let end = rows.last().map_or(delimiter.end, |r| r.range.end);
        Some(Table { range: self.range.start..end, header, delimiter, rows })
    }
}

/// The delimiter row is the line after the header, from its first `|`, `-`
/// or `:`: whatever stands before that is the container prefix (a
/// blockquote's `>`, a list item's indent), however it is written on this line.
fn delimiter_row(source: &str, header: &Row) -> Range<usize> {
    let next_line = after_line_ending(source, line_end(source, header.range.end));
    let end = line_end(source, next_line);
    let start = source.as_bytes()[next_line..end].iter().position(|b| matches!(b, b'|' | b'-' | b':'));
    start.map_or(end, |i| next_line + i)..end
}

/// Whether `c` is padding around a cell's content: a space or a tab (GFM
/// keeps other whitespace, such as a no-break space, as content).
pub fn is_cell_padding(c: char) -> bool {
    matches!(c, ' ' | '\t')
}

/// A cell's raw bytes without their padding.
pub fn cell_content(raw: &str) -> &str {
    raw.trim_matches(is_cell_padding)
}

/// `range` of `text` without surrounding whitespace.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

/// Splits a row's bytes on pipes not right after a backslash. A leading and a trailing pipe
/// delimit the row and open no cell.
fn split_cells(source: &str, row: Range<usize>) -> Vec<Cell> {
    if row.is_empty() {
        return Vec::new();
    }
    let bytes = source.as_bytes();
    let content_start = row.start + (bytes[row.clone()].iter().take_while(|b| b.is_ascii_whitespace()).count());
    let mut start = if content_start < row.end && bytes[content_start] == b'|' { content_start + 1 } else { row.start };
    // Registry tables have up to a dozen columns: one allocation for most rows.
    let mut cells = Vec::with_capacity(12);
    let mut i = start;
    while i < row.end {
        match bytes[i] {
            // As in GFM, a backslash hides the pipe right after it (`a\\|b`
            // is one cell, `a|b`); before anything else it is text.
            b'\\' if bytes.get(i + 1) == Some(&b'|') => i += 1,
            b'|' => {
                cells.push(Cell { range: start..i, text: 0..0 });
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let tail = &source[start..row.end];
    let closed_by_pipe = !cells.is_empty() && tail.trim().is_empty();
    if !closed_by_pipe {
        cells.push(Cell { range: start..row.end, text: 0..0 });
    }
    cells
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_comment_in_an_old_mac_file_ends_at_its_line() {
        let doc = "<!-- x -->\r\r| Project | Ports |\r|---|---|\r| a | 30000-30099 |\r\r\
                   <!-- portreg: ignore B104 -->\r\r| Project | Ports |\r|---|---|\r| b | 30100-30199 |\r";
        let read = read(doc);
        assert_eq!(read.tables.len(), 2);
        assert_eq!(read.comments.len(), 2);
        assert_eq!(doc[read.comments[1].range.clone()].trim_end(), "<!-- portreg: ignore B104 -->");
        assert_eq!(&doc[read.tables[1].rows[0].range.clone()], "| b | 30100-30199 |");
        assert_eq!(read.tables[1].rows[0].text(0), "b");
    }

    use super::*;

    fn cell_texts(row: &Row) -> Vec<&str> {
        (0..row.cells.len()).map(|i| row.text(i)).collect()
    }

    #[test]
    fn keeps_every_cell_and_its_bytes() {
        let doc = "| A | B |\n|---|---|\n|  **x** | `y\\|z` | extra |\n| short |\n";
        let tables = tables(doc);
        assert_eq!(tables.len(), 1);
        let table = &tables[0];
        assert_eq!(cell_texts(&table.header), ["A", "B"]);
        assert_eq!(&doc[table.delimiter.clone()], "|---|---|");
        assert_eq!(cell_texts(&table.rows[0]), ["x", "y|z", "extra"]);
        assert_eq!(&doc[table.rows[0].cells[0].range.clone()], "  **x** ");
        assert_eq!(cell_texts(&table.rows[1]), ["short"]);
        assert_eq!(table.range, 0..doc.len() - 1);
    }

    #[test]
    fn reads_tables_without_outer_pipes_and_in_blockquotes() {
        let doc = "A | B\r\n--|--\r\nx | [y](http://e)\r\n\n> | C |\n> |---|\n> | z |\n";
        let tables = tables(doc);
        assert_eq!(tables.len(), 2);
        assert_eq!(cell_texts(&tables[0].rows[0]), ["x", "y"]);
        assert_eq!(&doc[tables[0].rows[0].range.clone()], "x | [y](http://e)");
        assert_eq!(&doc[tables[1].delimiter.clone()], "|---|");
        assert_eq!(&doc[tables[1].rows[0].range.clone()], "| z |");
    }

    #[test]
    fn delimiter_rows_stay_on_character_boundaries() {
        let doc = "- | A |\n  |---|\n  | x |\n\n>| B |\n>é|---|\n";
        for table in tables(doc) {
            assert!(doc.get(table.delimiter.clone()).is_some());
        }
    }

    #[test]
    fn splits_cells_where_the_markdown_reader_does() {
        let doc = "| A | B | C |\n|---|---|---|\n| a\\\\|b | 30100-30199 | c\\ |\n";
        let table = &tables(doc)[0];
        assert_eq!(cell_texts(&table.rows[0]), ["a|b", "30100-30199", "c\\"]);
    }

    #[test]
    fn ignores_tables_in_code_fences() {
        let doc = "```markdown\n| A | B |\n|---|---|\n| 1 | 2 |\n```\n";
        assert!(tables(doc).is_empty());
    }
}
