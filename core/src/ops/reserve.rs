//! Reserving a block for a new project.

use super::{append_row, cell_value, first_table, project_name, Change, EditError, RowStyle};
use crate::allocate::{AllocError, BlockMap};
use crate::code_span::Code;
use crate::date::Date;
use crate::edit::TextEdit;
use crate::policy::Policy;
use crate::registry::{Columns, Registry, TableKind};
use crate::status::Status;
use crate::text::{ending_at, line_ending_of};

/// A request for a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reserve<'a> {
    /// The project's name.
    pub name: &'a str,
    /// Where the project lives.
    pub path: &'a str,
    /// Who to ask about it.
    pub owner: &'a str,
    /// A chosen block; the next free one when `None`.
    pub block: Option<u32>,
    /// The date written into the row.
    pub today: Date,
    /// Allow a project that already holds a block to take another (the
    /// policy's way to more than 10 instances).
    pub additional: bool,
}

/// Adds a `reserved` row for `request.name` to the first projects table, in
/// the table's own style, and returns the change with the block it holds.
pub fn reserve(
    source: &str,
    registry: &Registry,
    policy: &Policy,
    request: &Reserve<'_>,
) -> Result<(Change, u32), EditError> {
    super::refuse_conflicted(source)?;
    let name = project_name(request.name)?;
    let path = cell_value("path", request.path)?;
    let owner = cell_value("owner", request.owner)?;
    // Emergency rows outside the blocks hold none: a project that has only those is given its first block.
    let space = policy.project_space();
    let holds = |p: &crate::registry::ProjectEntry| {
        p.common.is_live()
            && (p.common.status != Some(crate::status::Status::Emergency) || p.ports(policy).any(|r| r.overlaps(space)))
    };
    if !request.additional && registry.project_rows(&name).any(holds) {
        return Err(EditError::AlreadyRegistered(name));
    }
    let block = choose_block(registry, policy, request.block)?;
    let range = policy.block_range(block).ok_or(AllocError::NoSuchBlock(block))?;
    let summary = format!("reserved block {block} ({range}) for {name}", name = Code(&name));
    let Some((table_index, table, columns)) = first_table(registry, TableKind::Projects) else {
        let row = [
            name,
            format!("Block {block}"),
            range.to_string(),
            path,
            Status::Reserved.to_string(),
            owner,
            request.today.to_string(),
        ];
        let edit = new_projects_table(source, policy, &row)?;
        return Ok((Change { edits: vec![edit], summary }, block));
    };
    let (range_column, label_column) = range_and_label_columns(registry, table_index, columns);
    let edit = append_row(source, table, |column| {
        let is = |c: Option<usize>| c == Some(column);
        if is(columns.project) {
            name.clone()
        } else if is(range_column) {
            range.to_string()
        } else if is(label_column) {
            format!("Block {block}")
        } else if is(columns.path) {
            path.clone()
        } else if is(columns.status) {
            Status::Reserved.to_string()
        } else if is(columns.owner) {
            owner.clone()
        } else if is(columns.date) {
            request.today.to_string()
        } else {
            String::new()
        }
    });
    Ok((Change { edits: vec![edit], summary }, block))
}

/// The block asked for, when it exists and is free, or the next free one.
fn choose_block(registry: &Registry, policy: &Policy, asked: Option<u32>) -> Result<u32, EditError> {
    let map = BlockMap::new(registry, policy);
    match asked {
        Some(block) if block >= policy.block_count => Err(AllocError::NoSuchBlock(block).into()),
        Some(block) if !map.is_free(block) => Err(AllocError::BlockTaken(block).into()),
        Some(block) => Ok(block),
        None => Ok(map.next_free().ok_or(AllocError::NoFreeBlock)?),
    }
}

/// The columns a new row writes its range and its `Block N` label into. The
/// policy's own example writes the range under "Block" and the label under
/// "Ports"; a new row follows what most of the table's rows do.
fn range_and_label_columns(registry: &Registry, table: usize, columns: &Columns) -> (Option<usize>, Option<usize>) {
    let rows = registry.projects.iter().filter(|p| p.at.table == table && p.common.ranges_cell.is_some());
    let (swapped_rows, plain_rows) =
        rows.fold((0, 0), |(s, n), p| if p.common.ranges_cell == columns.block { (s + 1, n) } else { (s, n + 1) });
    let swapped = swapped_rows > plain_rows;
    match (columns.block, columns.ports) {
        (Some(b), Some(p)) if swapped => (Some(b), Some(p)),
        (Some(b), Some(p)) => (Some(p), Some(b)),
        (None, ports) => (ports, None),
        (Some(b), None) if swapped => (Some(b), None),
        (Some(b), None) => (None, Some(b)),
    }
}

/// The header of a projects table made for a document that has none: the policy's own.
const NEW_TABLE_HEADER: [&str; 7] = ["Project Name", "Block", "Ports", "Path", "Status", "Owner", "Date"];

/// A projects table with `row` (a cell per column of the policy's header:
/// project, block, ports, path, status, owner, date), at the end of `source`,
/// after a blank line, in the document's line endings: for a document that
/// has none. Refused when the table would not read as one there (an unclosed
/// code fence or HTML block swallows it).
pub(super) fn new_projects_table(source: &str, policy: &Policy, row: &[String; 7]) -> Result<TextEdit, EditError> {
    let edit = projects_table_at_end(source, row);
    let added = crate::edit::apply(source, std::slice::from_ref(&edit));
    if Registry::parse(&added, policy).has_projects_table() {
        Ok(edit)
    } else {
        Err(EditError::NoProjectsTable)
    }
}

/// A projects table with `row`, at the end of `source`, after a blank line,
/// in the document's line endings.
fn projects_table_at_end(source: &str, row: &[String; 7]) -> TextEdit {
    // A blank line before the table: as many line endings as the document
    // lacks for one, written as its last line ends (so no CR meets an LF).
    let body = source.trim_end_matches(['\r', '\n']);
    let tail = &source[body.len()..];
    let le = if tail.is_empty() { line_ending_of(source) } else { ending_at(source, body.len()) };
    let style = RowStyle::fresh(le);
    let header: Vec<String> = NEW_TABLE_HEADER.iter().map(|h| (*h).to_owned()).collect();
    let dashes: Vec<String> = NEW_TABLE_HEADER.iter().map(|h| "-".repeat(h.len() + 2)).collect();
    let endings = tail.matches('\n').count() + tail.matches('\r').count() - tail.matches("\r\n").count();
    let lead = if body.trim().is_empty() { String::new() } else { le.repeat(2usize.saturating_sub(endings)) };
    let table = format!("{lead}{}{le}|{}|{le}{}{le}", style.render(&header), dashes.join("|"), style.render(row));
    TextEdit { range: source.len()..source.len(), replacement: table }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# Ports\n\n\
| Project Name | Block | Ports | Path | Status | Owner | Date |\n\
|--------------|-------|-------|------|--------|-------|------|\n\
| a | 30000-30099 | Block 0 | ~/a | active | ana | 2024-08-31 |\n\
\nAfter.\n";

    fn request(name: &str) -> Reserve<'_> {
        Reserve {
            name,
            path: "~/src/new",
            owner: "bo",
            block: None,
            today: Date::parse("2025-01-15").unwrap(),
            additional: false,
        }
    }

    fn run(doc: &str, request: &Reserve<'_>) -> Result<String, EditError> {
        let policy = Policy::default();
        let registry = Registry::parse(doc, &policy);
        reserve(doc, &registry, &policy, request).map(|(change, _)| change.apply(doc))
    }

    #[test]
    fn appends_a_row_in_the_tables_style_and_convention() {
        let out = run(DOC, &request("new")).unwrap();
        assert_eq!(
            out,
            DOC.replace(
                "2024-08-31 |\n",
                "2024-08-31 |\n| new | 30100-30199 | Block 1 | ~/src/new | reserved | bo | 2025-01-15 |\n"
            )
        );
    }

    #[test]
    fn refuses_taken_blocks_and_known_projects() {
        let taken = Reserve { block: Some(0), ..request("new") };
        assert_eq!(run(DOC, &taken), Err(EditError::Alloc(AllocError::BlockTaken(0))));
        assert_eq!(run(DOC, &request("A")), Err(EditError::AlreadyRegistered("A".into())));
        assert!(matches!(run(DOC, &request("two\nlines")), Err(EditError::BadValue(_))));
        assert_eq!(
            run("# Ports\r\n", &request("x")).unwrap(),
            "# Ports\r\n\r\n| Project Name | Block | Ports | Path | Status | Owner | Date |\r\n\
             |--------------|-------|-------|------|--------|-------|------|\r\n\
             | x | Block 0 | 30000-30099 | ~/src/new | reserved | bo | 2025-01-15 |\r\n"
        );
        assert!(run("", &request("x")).unwrap().starts_with("| Project Name |"));
    }

    #[test]
    fn escapes_pipes_in_values() {
        let out = run(DOC, &Reserve { path: "~/a|b", ..request("new") }).unwrap();
        assert!(out.contains("| ~/a\\|b |"), "{out}");
        let registry = Registry::parse(&out, &Policy::default());
        assert_eq!(registry.projects[1].path.as_deref(), Some("~/a|b"));
    }
}
