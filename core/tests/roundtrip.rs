//! Reading is lossless: generated registries parse into the rows they were
//! made of, every cell and row keeps its exact bytes, and rewriting each cell
//! with its own content changes nothing.

mod common;

use common::{document, project, style};
use portreg_core::{edit, markdown, Policy, PortRange, Registry};
use proptest::prelude::*;

proptest! {
    #[test]
    fn generated_registries_parse_into_their_rows(
        projects in prop::collection::vec(project(), 1..20),
        style in style(),
    ) {
        let policy = Policy::default();
        let doc = document(&projects, &style);
        let registry = Registry::parse(&doc, &policy);
        prop_assert_eq!(registry.projects.len(), projects.len());
        for (read, made) in registry.projects.iter().zip(&projects) {
            prop_assert_eq!(&read.common.name, &made.name);
            prop_assert_eq!(read.block, Some(made.block));
            prop_assert_eq!(&read.common.ranges, &vec![policy.block_range(made.block).unwrap()]);
            prop_assert_eq!(read.common.status, Some(made.status));
            prop_assert_eq!(read.path.as_deref(), Some(made.path.as_str()));
        }
    }

    #[test]
    fn generated_documents_round_trip(projects in prop::collection::vec(project(), 0..20), style in style()) {
        assert_lossless(&document(&projects, &style));
    }

    #[test]
    fn arbitrary_text_round_trips(text in "(\\PC|\\||\\r?\\n|-|`){0,300}") {
        assert_lossless(&text);
    }

    #[test]
    fn ranges_written_then_read_are_the_same(start in 1u32..65535, len in 0u32..500) {
        let range = PortRange::new(start, (start + len).min(65535));
        prop_assert_eq!(portreg_core::parse_range_list(&range.to_string()), Ok(vec![range]));
    }
}

/// Every table keeps its bytes: rows are their cells joined by pipes, and
/// rewriting every cell with its own content gives the same document.
fn assert_lossless(doc: &str) {
    let tables = markdown::tables(doc);
    let mut identity = Vec::new();
    for table in &tables {
        for row in std::iter::once(&table.header).chain(&table.rows) {
            let mut last = row.range.start;
            for cell in &row.cells {
                assert!(cell.range.start >= last && cell.range.end <= row.range.end, "cell outside its row");
                let between = &doc[last..cell.range.start];
                assert!(between.trim().is_empty() || between.trim() == "|", "bytes between cells: {between:?}");
                last = cell.range.end;
                let content = markdown::cell_content(&doc[cell.range.clone()]);
                if !content.is_empty() {
                    identity.push(edit::set_cell_markdown(doc, cell, content));
                }
            }
        }
    }
    assert_eq!(edit::apply(doc, &identity), doc);
    assert_eq!(edit::apply(doc, &[]), doc);
}

#[test]
fn real_documents_round_trip() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    for path in ["core/tests/fixtures/port-policy.md", "examples/ports.md", "README.md", "docs/rules.md"] {
        let full = format!("{root}/{path}");
        let Ok(text) = std::fs::read_to_string(&full) else { panic!("missing {full}") };
        assert_lossless(&text);
        assert_lossless(&text.replace('\n', "\r\n"));
    }
}

#[test]
fn crlf_documents_read_like_lf_documents() {
    let policy = Policy::default();
    let lf = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/ports.md")).unwrap();
    let crlf = lf.replace('\n', "\r\n");
    let (a, b) = (Registry::parse(&lf, &policy), Registry::parse(&crlf, &policy));
    let names =
        |r: &Registry| r.projects.iter().map(|p| (p.common.name.clone(), p.common.ranges.clone())).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b));
    assert_eq!(a.instances.len(), b.instances.len());
    for project in &b.projects {
        assert!(!crlf[project.at.span.clone()].ends_with('\r'));
    }
}
