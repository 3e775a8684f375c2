//! The explicit "format" action: align the columns of the registry tables.

use super::style::delimiter_cells;
use super::Change;
use crate::edit::TextEdit;
use crate::markdown::{cell_content, Row, Table};
use crate::registry::{Registry, TableKind};

/// Aligns every projects and instances table: outer pipes, one space of
/// padding, each column as wide as its widest cell, delimiter alignment
/// (`:--`, `:-:`, `--:`) kept. Cell contents, container prefixes, line endings
/// and everything outside these tables stay as they are. Idempotent.
pub fn format_tables(source: &str, registry: &Registry) -> Change {
    let mut edits = Vec::new();
    let mut tables = 0;
    for table in registry.tables.iter().filter(|t| t.kind != TableKind::Other) {
        let before = edits.len();
        format_table(source, &table.table, &mut edits);
        tables += usize::from(edits.len() > before);
    }
    let summary = if edits.is_empty() {
        "already formatted".to_owned()
    } else {
        format!("aligned {} row(s) in {tables} table(s)", edits.len())
    };
    Change { edits, summary }
}

fn format_table(source: &str, table: &Table, edits: &mut Vec<TextEdit>) {
    let contents = |row: &Row| -> Vec<String> {
        row.cells.iter().map(|c| cell_content(&source[c.range.clone()]).to_owned()).collect()
    };
    let header = contents(&table.header);
    let rows: Vec<Vec<String>> = table.rows.iter().map(contents).collect();
    let alignments: Vec<(bool, bool)> = delimiter_cells(&source[table.delimiter.clone()])
        .map(|c| {
            let c = c.trim();
            (c.starts_with(':'), c.len() > 1 && c.ends_with(':'))
        })
        .collect();
    let columns = rows.iter().map(Vec::len).chain([header.len()]).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            let widest = rows.iter().chain([&header]).filter_map(|r| r.get(i)).map(|c| c.chars().count()).max();
            widest.unwrap_or(0).max(3)
        })
        .collect();
    let line = |cells: Vec<String>| -> String {
        let padded: Vec<String> =
            cells.iter().zip(&widths).map(|(c, &w)| format!(" {c}{} ", " ".repeat(w - c.chars().count()))).collect();
        format!("|{}|", padded.join("|"))
    };
    let delimiter: Vec<String> = (0..header.len())
        .map(|i| {
            let (left, right) = alignments.get(i).copied().unwrap_or((false, false));
            format!("{}{}{}", if left { ':' } else { '-' }, "-".repeat(widths[i]), if right { ':' } else { '-' })
        })
        .collect();
    let mut replace = |range: std::ops::Range<usize>, text: String| {
        if source[range.clone()] != text {
            edits.push(TextEdit { range, replacement: text });
        }
    };
    replace(table.header.range.clone(), line(header));
    replace(table.delimiter.clone(), format!("|{}|", delimiter.join("|")));
    // A row the parser read no bytes for (past its cap on padded cells) is left as it is.
    for (row, cells) in table.rows.iter().zip(rows).filter(|(row, _)| !row.range.is_empty()) {
        replace(row.range.clone(), line(cells));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;

    fn format(doc: &str) -> String {
        format_tables(doc, &Registry::parse(doc, &Policy::default())).apply(doc)
    }

    #[test]
    fn aligns_registry_tables_and_keeps_alignment_markers() {
        let doc = "Intro\n\nProject|Ports|Status\n:--|--:|:-:\n**api**|30500-30599|active\nweb|30600-30699|reserved\n\n| A | B |\n|-|-|\n|x|y|\n";
        let out = format(doc);
        assert_eq!(
            out,
            "Intro\n\n\
             | Project | Ports       | Status   |\n\
             |:--------|------------:|:--------:|\n\
             | **api** | 30500-30599 | active   |\n\
             | web     | 30600-30699 | reserved |\n\
             \n| A | B |\n|-|-|\n|x|y|\n"
        );
        assert_eq!(format(&out), out);
    }
}
