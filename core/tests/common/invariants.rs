//! What every edit must keep, checked over generated and hostile documents:
//! edits stay inside the document on character boundaries and never overlap
//! (so untouched bytes stay identical), and re-reading gives exactly the
//! intended rows.

use portreg_core::markdown::{self, Table};
use portreg_core::ops::{
    add_instance, apply_fixes, format_tables, reserve, set_status, AddInstance, Change, FixMode, Reserve, StatusTarget,
};
use portreg_core::{check, Date, Policy, Registry, Status, TextEdit};

/// The plain text of every cell of every table, row by row.
pub fn table_texts(tables: &[Table]) -> Vec<Vec<Vec<String>>> {
    let row = |r: &markdown::Row| (0..r.cells.len()).map(|i| r.text(i).to_owned()).collect::<Vec<_>>();
    tables.iter().map(|t| std::iter::once(&t.header).chain(&t.rows).map(row).collect()).collect()
}

/// The markdown of every cell without its padding, table by table.
pub fn raw_cells(doc: &str) -> Vec<Vec<String>> {
    let tables = markdown::tables(doc);
    let cells = |t: &Table| {
        std::iter::once(&t.header)
            .chain(&t.rows)
            .flat_map(|r| r.cells.iter().map(|c| markdown::cell_content(&doc[c.range.clone()]).to_owned()))
            .collect()
    };
    tables.iter().map(cells).collect()
}

/// Each finding as `code message`, in order, without positions.
pub fn findings(doc: &str, today: Date) -> Vec<String> {
    check(doc, &Policy::default(), today).iter().map(|d| format!("{} {}", d.code(), d.message)).collect()
}

/// Edits inside `doc`, on character boundaries, sorted without overlap.
pub fn assert_valid_edits(doc: &str, edits: &[TextEdit]) {
    let mut ranges: Vec<_> = edits.iter().map(|e| e.range.clone()).collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    for range in &ranges {
        assert!(
            range.start <= range.end && range.end <= doc.len(),
            "edit {range:?} outside a {}-byte document",
            doc.len()
        );
        assert!(
            doc.is_char_boundary(range.start) && doc.is_char_boundary(range.end),
            "edit {range:?} splits a character"
        );
    }
    for pair in ranges.windows(2) {
        assert!(pair[0].end <= pair[1].start, "edits {:?} and {:?} overlap", pair[0], pair[1]);
    }
}

/// `change` applied, after checking its edits.
pub fn applied(doc: &str, change: &Change) -> String {
    assert_valid_edits(doc, &change.edits);
    change.apply(doc)
}

/// Formatting keeps every table, row, cell text and finding; and is idempotent.
pub fn check_format(doc: &str, today: Date) {
    let policy = Policy::default();
    let formatted = applied(doc, &format_tables(doc, &Registry::parse(doc, &policy)));
    assert_eq!(table_texts(&markdown::tables(&formatted)), table_texts(&markdown::tables(doc)), "fmt changed a cell");
    assert_eq!(raw_cells(&formatted), raw_cells(doc), "fmt changed the markdown of a cell");
    assert_eq!(findings(&formatted, today), findings(doc, today), "fmt changed the findings");
    let again = applied(&formatted, &format_tables(&formatted, &Registry::parse(&formatted, &policy)));
    assert_eq!(again, formatted, "fmt is not idempotent");
}

/// A reservation adds exactly one projects row, with exactly the name asked
/// for, and changes no other row. Returns whether the reservation was made.
pub fn check_reserve(doc: &str, name: &str, block: Option<u32>, today: Date) -> bool {
    let policy = Policy::default();
    let registry = Registry::parse(doc, &policy);
    let request = Reserve { name, path: "~/src/x", owner: "ana", block, today, additional: false };
    let Ok((change, got)) = reserve(doc, &registry, &policy, &request) else { return false };
    let after = Registry::parse(&applied(doc, &change), &policy);
    let names = |r: &Registry| {
        r.projects.iter().map(|p| (p.common.name.to_string(), p.ports(&policy).collect::<Vec<_>>())).collect::<Vec<_>>()
    };
    let (before_rows, after_rows) = (names(&registry), names(&after));
    assert_eq!(after_rows.len(), before_rows.len() + 1, "reserve did not add one row");
    let added: Vec<_> = after_rows.iter().filter(|r| !before_rows.contains(r)).collect();
    assert_eq!(added.len(), 1, "reserve changed other rows: {added:?}");
    assert_eq!(added[0].0, name.trim(), "the new row does not read back as the name");
    assert_eq!(added[0].1, vec![policy.block_range(got).unwrap()]);
    assert_eq!(after.instances.len(), registry.instances.len());
    true
}

/// A new instance adds one instance row of the project and changes nothing else.
pub fn check_add_instance(doc: &str, project: &str, number: Option<u32>, branch: &str) {
    let policy = Policy::default();
    let registry = Registry::parse(doc, &policy);
    let request = AddInstance { project, instance: number, purpose: None, branch, status: Status::Active };
    let Ok((change, slot)) = add_instance(doc, &registry, &policy, &request) else { return };
    let after = Registry::parse(&applied(doc, &change), &policy);
    assert_eq!(after.instances.len(), registry.instances.len() + 1, "add-instance did not add one row");
    // A table without a ports column gives the row its number only.
    let key = project.trim().to_lowercase();
    let reads_back = |i: &portreg_core::registry::InstanceEntry| {
        i.common.key().as_str() == key
            && i.number == Some(slot.instance)
            && (i.common.ranges == vec![slot.range] || i.common.ranges_cell.is_none())
    };
    assert!(after.instances.iter().any(reads_back), "the new instance row does not read back");
    assert_eq!(after.projects.len(), registry.projects.len());
}

/// A status change keeps every row and sets the status asked for.
pub fn check_set_status(doc: &str, today: Date) {
    let policy = Policy::default();
    let registry = Registry::parse(doc, &policy);
    let Some(project) = registry.projects.first() else { return };
    let name = project.common.name.to_string();
    let Ok(change) = set_status(doc, &registry, StatusTarget::Project(&name), Status::Archived, today) else { return };
    let after = Registry::parse(&applied(doc, &change), &policy);
    assert_eq!(after.projects.len(), registry.projects.len());
    assert!(after.project_rows(&name).all(|p| p.common.status == Some(Status::Archived)));
}

/// Fixing keeps every row (fixes rewrite cells, never add or drop rows) and
/// leaves no safe fix behind.
pub fn check_fix(doc: &str, today: Date) {
    let policy = Policy::default();
    for diagnostic in check(doc, &policy, today) {
        if let Some(fix) = &diagnostic.fix {
            assert_valid_edits(doc, &fix.edits);
        }
    }
    let report = apply_fixes(doc, &policy, today, FixMode::IncludeUnsafe);
    let rows = |text: &str| markdown::tables(text).iter().map(|t| t.rows.len()).collect::<Vec<_>>();
    assert_eq!(rows(&report.text), rows(doc), "fix added or dropped a row");
    let safe = apply_fixes(doc, &policy, today, FixMode::SafeOnly);
    let left = check(&safe.text, &policy, today);
    let safe_left = left.iter().filter(|d| d.fix.as_ref().is_some_and(|f| f.is_safe())).count();
    assert!(safe_left == 0 || safe.applied.len() >= line_count(doc), "{safe_left} safe fix(es) left");
}

/// Lines as CommonMark counts them.
pub fn line_count(doc: &str) -> usize {
    portreg_core::LineIndex::new(doc).len()
}

/// Every check above on one document.
pub fn check_all(doc: &str, name: &str) {
    let today = Date::parse("2025-01-15").unwrap();
    let _ = portreg_core::lookup(30_000, &Policy::default(), Some(&Registry::parse(doc, &Policy::default())));
    check_format(doc, today);
    check_reserve(doc, name, None, today);
    let first = Registry::parse(doc, &Policy::default()).projects.first().map(|p| p.common.name.to_string());
    check_add_instance(doc, first.as_deref().unwrap_or(name), None, "main");
    check_set_status(doc, today);
    check_fix(doc, today);
}
