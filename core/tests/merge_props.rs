//! Properties of the three-way merge over generated registries: merging
//! with nothing changed is identity, rows added on either side all survive,
//! moving resolves every collision, and rows either side reordered keep
//! both sides' edits, each entry once.

mod common;

use portreg_core::merge::{merge, Resolve};
use portreg_core::ops::Reserve;
use portreg_core::{Date, Document, Policy};
use proptest::prelude::*;

fn today() -> Date {
    Date::parse("2025-01-15").unwrap()
}

/// `doc` with a project reserved for each of `names` in the next free block.
fn reserve_all(doc: &str, names: &[String]) -> String {
    let mut document = Document::new(doc, Policy::default());
    for name in names {
        let request = Reserve { name, path: "", owner: "", block: None, today: today(), additional: false };
        if let Ok((change, _)) = document.reserve(&request) {
            document = document.apply(&change).unwrap();
        }
    }
    document.text().to_owned()
}

/// Names as people type them, markup and shell characters included, distinct per side.
fn names(prefix: &'static str) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[a-z][a-z0-9*_`<>&$;|-]{0,8}", 0..4)
        .prop_map(move |names| names.into_iter().enumerate().map(|(i, n)| format!("{prefix}{i}{n}")).collect())
}

fn codes(doc: &str) -> Vec<&'static str> {
    Document::new(doc, Policy::default()).check(today()).iter().map(|d| d.code()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(64)))]

    #[test]
    fn merging_unchanged_versions_is_identity(projects in common::valid_projects(), style in common::style()) {
        let doc = common::document(&projects, &style);
        let ours = reserve_all(&doc, &["new".to_owned()]);
        for resolve in [Resolve::Conflict, Resolve::Move] {
            let policy = Policy::default();
            prop_assert_eq!(&merge(&doc, &doc, &doc, &policy, resolve).text, &doc);
            prop_assert_eq!(&merge(&doc, &ours, &doc, &policy, resolve).text, &ours);
            prop_assert_eq!(&merge(&doc, &doc, &ours, &policy, resolve).text, &ours);
            prop_assert_eq!(&merge(&doc, &ours, &ours, &policy, resolve).text, &ours);
        }
    }

    #[test]
    fn rows_added_on_both_sides_survive_and_moving_leaves_no_collision(
        projects in common::valid_projects(),
        style in common::style(),
        ours_names in names("o"),
        theirs_names in names("t"),
    ) {
        let base = common::document(&projects, &style);
        let (ours, theirs) = (reserve_all(&base, &ours_names), reserve_all(&base, &theirs_names));
        let policy = Policy::default();
        let conflict = merge(&base, &ours, &theirs, &policy, Resolve::Conflict);
        let moved = merge(&base, &ours, &theirs, &policy, Resolve::Move);
        let added = |doc: &Document| doc.registry().projects.iter().map(|p| p.common.name.to_string()).collect::<Vec<_>>();
        let (all_ours, all_theirs) = (Document::new(ours.as_str(), policy.clone()), Document::new(theirs.as_str(), policy.clone()));
        for name in added(&all_ours).into_iter().chain(added(&all_theirs)) {
            let merged = Document::new(moved.text.as_str(), policy.clone());
            prop_assert!(merged.registry().project_rows(&name).next().is_some(), "{} lost:\n{}", name, moved.text);
        }
        let free = Document::new(base.as_str(), policy.clone()).blocks().free_blocks().count();
        if free >= ours_names.len() + theirs_names.len() {
            prop_assert!(moved.is_clean(), "{}", moved.text);
            let found = codes(&moved.text);
            prop_assert!(!found.contains(&"G701") && !found.contains(&"B101"), "{:?}\n{}", found, moved.text);
        }
        prop_assert_eq!(conflict.is_clean(), conflict.collisions.is_empty());
        prop_assert!(codes(&conflict.text).contains(&"G701") || conflict.collisions.is_empty());
    }
}

/// A projects table of `n` rows, each row's status and owner given, in `order`, with line ending `le`.
fn table(order: &[usize], status: &[&str], owner: &[String], le: &str) -> String {
    let mut doc =
        format!("# Ports{le}{le}| Project Name | Block | Ports | Status | Owner |{le}|---|---|---|---|---|{le}");
    for &i in order {
        let start = 30000 + i * 100;
        doc.push_str(&format!("| p{i} | Block {i} | {start}-{} | {} | {} |{le}", start + 99, status[i], owner[i]));
    }
    doc.push_str(&format!("{le}Notes after the table.{le}"));
    doc
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(64)))]

    #[test]
    fn rows_either_side_reordered_keep_both_sides_edits_once(
        (n, ours_order, theirs_order) in (2usize..14).prop_flat_map(|n| {
            let order: Vec<usize> = (0..n).collect();
            (Just(n), Just(order.clone()).prop_shuffle(), Just(order).prop_shuffle())
        }),
        ours_keeps_order in any::<bool>(),
        statuses in prop::collection::vec(prop::bool::ANY, 14),
        owners in prop::collection::vec(prop::bool::ANY, 14),
        crlf in any::<bool>(),
    ) {
        let le = if crlf { "\r\n" } else { "\n" };
        let in_order: Vec<usize> = (0..n).collect();
        let base_owner: Vec<String> = (0..n).map(|i| format!("o{i}")).collect();
        let new_owner: Vec<String> = (0..n).map(|i| if owners[i] { format!("t{i}") } else { format!("o{i}") }).collect();
        let new_status: Vec<&str> = (0..n).map(|i| if statuses[i] { "inactive" } else { "active" }).collect();
        let base = table(&in_order, &["active"; 14], &base_owner, le);
        // Ours sets statuses (in its own order, or the base's); theirs reorders and sets owners.
        let ours = table(if ours_keeps_order { &in_order } else { &ours_order }, &new_status, &base_owner, le);
        let theirs = table(&theirs_order, &["active"; 14], &new_owner, le);
        let merged = merge(&base, &ours, &theirs, &Policy::default(), Resolve::Conflict);
        prop_assert!(merged.is_clean(), "{}", merged.text);
        for i in 0..n {
            let row = format!("| p{i} | Block {i} | {}-{} | {} | {} |{le}", 30000 + i * 100, 30099 + i * 100, new_status[i], new_owner[i]);
            prop_assert_eq!(merged.text.matches(&format!("| p{i} |")).count(), 1, "p{} not once:\n{}", i, merged.text);
            prop_assert!(merged.text.contains(&row), "{} missing:\n{}", row, merged.text);
        }
        prop_assert!(merged.text.starts_with(&format!("# Ports{le}{le}| Project Name |")), "{}", merged.text);
        prop_assert!(merged.text.ends_with(&format!("{le}Notes after the table.{le}")), "{}", merged.text);
    }
}

/// Every hostile document (lone CR, stray CR, BOM, control characters,
/// markup, a 20,000-character cell…) merges without panicking: with itself
/// it is itself, and two reservations made on it both survive a moving
/// merge, which is clean.
#[test]
fn hostile_documents_merge() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let policy = Policy::default();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let Ok(doc) = std::fs::read_to_string(&path) else { continue };
        assert_eq!(merge(&doc, &doc, &doc, &policy, Resolve::Conflict).text, doc, "{}", path.display());
        let (ours, theirs) = (reserve_all(&doc, &["ours-x".into()]), reserve_all(&doc, &["theirs-y".into()]));
        assert_eq!(merge(&doc, &ours, &doc, &policy, Resolve::Move).text, ours, "{}", path.display());
        let moved = merge(&doc, &ours, &theirs, &policy, Resolve::Move);
        assert!(moved.is_clean(), "{}\n{}", path.display(), moved.text);
        let merged = Document::new(moved.text.as_str(), policy.clone());
        for name in ["ours-x", "theirs-y"] {
            let kept = ours.contains(name) || theirs.contains(name);
            assert!(
                !kept || merged.registry().project_rows(name).next().is_some(),
                "{}: {name}\n{}",
                path.display(),
                moved.text
            );
        }
    }
}
