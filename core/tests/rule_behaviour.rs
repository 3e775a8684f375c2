//! Behaviour the fixtures alone do not pin down: severities that depend on
//! status, what "live" means, and documents as teams write them.

use portreg_core::{check, Date, Diagnostic, Policy, Severity};

fn run(doc: &str) -> Vec<Diagnostic> {
    check(doc, &Policy::default(), Date::parse("2025-01-15").unwrap())
}

fn codes(doc: &str) -> Vec<(&'static str, Severity)> {
    run(doc).iter().map(|d| (d.code(), d.severity)).collect()
}

const HEAD: &str = "| Project | Ports | Status |\n|---|---|---|\n";

#[test]
fn legacy_status_softens_legacy_and_supabase_findings() {
    let doc =
        format!("{HEAD}| a | 3000 | legacy |\n| b | 54321 | legacy |\n| c | 3001 | active |\n| d | 54322 | active |\n");
    let found = codes(&doc);
    assert!(found.contains(&("R202", Severity::Info)));
    assert!(found.contains(&("R203", Severity::Warning)));
    assert!(found.contains(&("R202", Severity::Warning)));
    assert!(found.contains(&("R203", Severity::Error)));
}

#[test]
fn deprecated_and_archived_rows_take_part_in_no_conflict() {
    let doc = format!(
        "{HEAD}| a | 30500-30599 | active |\n| b | 30500-30599 | deprecated |\n| c | 30500-30599 | Archived |\n"
    );
    assert!(codes(&doc).is_empty(), "{:?}", codes(&doc));
}

#[test]
fn capacity_turns_into_a_warning_when_every_block_is_used() {
    let mut doc = String::from(HEAD);
    for block in 0..100 {
        doc.push_str(&format!("| p{block} | Block {block} | active |\n"));
    }
    let found = codes(&doc);
    assert!(found.contains(&("C501", Severity::Warning)), "{found:?}");
    assert_eq!(found.iter().filter(|(c, _)| *c == "R207").count(), 1);
}

#[test]
fn overlap_is_reported_once_on_the_later_row() {
    let doc = format!("{HEAD}| a | 30500-30599 | active |\n| b | 30500-30599 | active |\n");
    let found = run(&doc);
    let overlaps: Vec<_> = found.iter().filter(|d| d.code() == "B101").collect();
    assert_eq!(overlaps.len(), 1);
    assert_eq!(&doc[overlaps[0].span.clone()], "| b | 30500-30599 | active |");
    assert!(overlaps[0].message.contains("`a`"));
}

#[test]
fn a_block_label_alone_claims_the_block() {
    let doc = "| Project | Block |\n|---|---|\n| a | Block 5 |\n| b | 5 |\n";
    assert_eq!(codes(doc), [("B101", Severity::Error)]);
}

#[test]
fn several_projects_tables_all_count() {
    let doc =
        format!("## Team A\n\n{HEAD}| a | 30500-30599 | active |\n\n## Team B\n\n{HEAD}| b | 30500-30599 | active |\n");
    assert_eq!(codes(&doc), [("B101", Severity::Error)]);
}

#[test]
fn reads_tables_as_teams_write_them() {
    let doc = "Name | Port Range | Owner | Status | Notes\r\n:--- | :---: | --- | --- | ---\r\n\
               **api** | `30500 – 30599` | [ana](mailto:ana@example.com) | Active ✅ | main API \\| v2\r\n\
               web | 30600-30699 | bo | RESERVED |  |\r\n";
    let found = run(doc);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn no_registry_is_reported_alone_for_the_policy_document() {
    let policy_doc = include_str!("fixtures/port-policy.md");
    assert_eq!(codes(policy_doc), [("P006", Severity::Error)]);
}

#[test]
fn a_bidirectional_mark_in_a_cell_is_p007_and_quoted_escaped() {
    // U+200F can make a cell read in another order than it is; typed raw, or as a character reference.
    for (cell, code) in [("price\u{200f} 10", "U+200F"), ("&#x200E;api", "U+200E"), ("a&#1564;b", "U+061C")] {
        let doc = format!("{HEAD}| {cell} | 30500-30599 | active |\n");
        let found = run(&doc);
        let p007: Vec<_> = found.iter().filter(|d| d.code() == "P007").collect();
        assert_eq!(p007.len(), 1, "{cell}: {found:?}");
        assert_eq!(p007[0].severity, Severity::Error);
        let message = &p007[0].message;
        assert!(message.ends_with(&format!("holds {code}, a bidirectional mark")), "{message}");
        assert!(!message.chars().any(portreg_core::is_unsafe_char), "{message:?}");
    }
    // A joiner is part of an emoji, not a finding.
    assert!(codes(&format!("{HEAD}| 👩\u{200d}💻 | 30500-30599 | active |\n")).is_empty());
}

/// Control characters on lines outside the tables are reported a line at a
/// time up to 20 lines; the last counts the rest (a file of escapes is one
/// problem, not millions of findings).
#[test]
fn control_characters_on_many_lines_are_counted_past_twenty() {
    let doc = format!("{HEAD}| api | 30500-30599 | active |\n\n{}", "note\u{1b}[2J\n".repeat(100));
    let p007: Vec<_> = run(&doc).into_iter().filter(|d| d.code() == "P007").collect();
    assert_eq!(p007.len(), 20);
    assert!(p007[..19].iter().all(|d| d.message == "the line `note\\u{1b}[2J` holds U+001B, a control character"));
    assert_eq!(
        p007[19].message,
        "the line `note\\u{1b}[2J` holds U+001B, a control character, and 80 more lines after it hold such characters"
    );
    let one_more = format!("{HEAD}| api | 30500-30599 | active |\n\n{}", "\u{7}\n".repeat(21));
    let last = run(&one_more).into_iter().rfind(|d| d.code() == "P007").unwrap();
    assert!(last.message.ends_with("and 1 more line after it holds such a character"), "{}", last.message);
}

/// A character GFM reads as padding at a cell's edge (a form feed, a line
/// tabulation, NEL, a line or paragraph separator) is in no cell's text: its
/// row is reported as a line.
#[test]
fn a_control_character_read_as_a_cells_padding_is_still_reported() {
    for c in ['\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}'] {
        let doc = format!("{HEAD}| api{c}| 30500-30599 | active |\n");
        let p007: Vec<_> = run(&doc).into_iter().filter(|d| d.code() == "P007").collect();
        assert_eq!(p007.len(), 1, "{c:?}: {p007:?}");
        assert!(p007[0].message.starts_with("this row holds U+"), "{}", p007[0].message);
        assert!(p007[0].message.ends_with("at a cell's edge, where it reads as padding"), "{}", p007[0].message);
        assert!(!p007[0].message.chars().any(portreg_core::is_unsafe_char), "{:?}", p007[0].message);
    }
    // One in a cell's text is reported once, as the cell.
    let doc = format!("{HEAD}| a\u{1b}pi | 30500-30599 | active |\n");
    let p007: Vec<_> = run(&doc).into_iter().filter(|d| d.code() == "P007").collect();
    assert_eq!(p007.len(), 1);
    assert!(p007[0].message.starts_with("the `Project` cell"), "{}", p007[0].message);
}

#[test]
fn moving_a_project_off_a_taken_block_takes_its_instance_rows_along() {
    let policy = Policy::default();
    let today = Date::parse("2026-01-01").unwrap();
    let doc = |beta_instance: &str| {
        format!(
            "| Project | Block | Ports | Status |\n|---|---|---|---|\n\
             | alpha | Block 0 | 30000-30099 | active |\n| beta | Block 0 | 30000-30099 | reserved |\n\n\
             | Project | Instance | Ports | Status |\n|---|---|---|---|\n\
             | alpha | 1 | 30000-30009 | active |\n| beta | 2 | 30010-30019 | {beta_instance} |\n"
        )
    };
    // Nothing moved can be running: the fix is safe, and leaves no finding behind.
    let reserved = doc("reserved");
    let fix = run(&reserved).into_iter().find(|d| d.code() == "B101").and_then(|d| d.fix).unwrap();
    assert_eq!(fix.applicability, portreg_core::Applicability::Safe);
    assert!(fix.title.ends_with("(block 1), with its instance row"), "{}", fix.title);
    let fixed = portreg_core::edit::apply(&reserved, &fix.edits);
    assert!(fixed.contains("| beta | 2 | 30110-30119 | reserved |\n"), "{fixed}");
    assert!(fixed.contains("| alpha | 1 | 30000-30009 | active |\n"), "{fixed}");
    let left: Vec<_> = check(&fixed, &policy, today).into_iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(left.is_empty(), "{left:?}");
    // An active instance may be running on its old ports: the move is unsafe, and says why.
    let active = doc("active");
    let fix = run(&active).into_iter().find(|d| d.code() == "B101").and_then(|d| d.fix).unwrap();
    assert_eq!(fix.applicability, portreg_core::Applicability::Unsafe);
}

#[test]
fn a_fixed_range_leaves_the_instances_of_a_block_another_row_holds() {
    let today = Date::parse("2026-01-01").unwrap();
    let doc = "| Project | Block | Ports | Status |\n|---|---|---|---|\n\
               | p | Block 2 | 30200-30299 | reserved |\n| p | | 30150-30249 | reserved |\n\n\
               | Project | Instance | Ports | Status |\n|---|---|---|---|\n\
               | p | 1 | 30200-30209 | reserved |\n| p | 2 | 30210-30219 | reserved |\n";
    for fix in run(doc).into_iter().filter_map(|d| d.fix) {
        let fixed = portreg_core::edit::apply(doc, &fix.edits);
        assert!(fixed.contains("| p | 1 | 30200-30209 |") && fixed.contains("| p | 2 | 30210-30219 |"), "{fixed}");
        let errors: Vec<_> = check(&fixed, &Policy::default(), today)
            .into_iter()
            .filter(|d| d.severity == Severity::Error && d.code().starts_with('I'))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", fix.title);
    }
}

#[test]
fn a_document_left_with_a_merge_conflict_offers_no_fix() {
    let conflicted =
        "| Project | Block | Ports | Status |\n|---|---|---|---|\n| web | Block 1 | 30100-30199 | actve |\n\
                      <<<<<<< ours\n| api | Block 2 | 30200-30299 | active |\n=======\n\
                      | db | Block 2 | 30200-30299 | active |\n>>>>>>> theirs\n";
    let found = run(conflicted);
    assert!(found.iter().any(|d| d.code() == "G702"), "{found:?}");
    assert!(found.iter().any(|d| d.code() == "S401"), "the findings are still reported: {found:?}");
    assert!(found.iter().all(|d| d.fix.is_none()), "{found:?}");
    // Resolved, the same rows offer their fixes again.
    let resolved = "| Project | Block | Ports | Status |\n|---|---|---|---|\n| web | Block 1 | 30100-30199 | actve |\n";
    assert!(run(resolved).iter().any(|d| d.fix.is_some()));
}
