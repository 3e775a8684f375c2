//! The fixes offered on an instance row leave the row right: applying one
//! never leaves, on its row, a finding the row did not have, and I305 offers
//! no fix that would leave the row outside its project's ports (I302).

mod common;

use portreg_core::ops::{apply_fixes, FixMode};
use portreg_core::{check, edit, Date, Diagnostic, LineIndex, Policy};
use proptest::prelude::*;

fn today() -> Date {
    Date::parse("2025-01-15").unwrap()
}

/// `api` holds block `held`; one instance row of it, numbered `number`, on `ports`.
fn registry(held: u32, number: &str, ports: &str, status: &str) -> String {
    let start = 30_000 + held * 100;
    format!(
        "| Project | Block | Ports | Status |\n|---|---|---|---|\n| api | Block {held} | {start}-{} | active |\n\n\
         | Project | Instance | Ports | Status |\n|---|---|---|---|\n| api | {number} | {ports} | {status} |\n",
        start + 99
    )
}

/// The codes of the findings on `line` of `doc`.
fn codes_on(doc: &str, line: usize) -> Vec<&'static str> {
    let lines = LineIndex::new(doc);
    check(doc, &Policy::default(), today()).iter().filter(|d| d.line(&lines) == line).map(Diagnostic::code).collect()
}

/// The row's codes before and after each fix offered on `doc`'s instance row.
fn each_fix(doc: &str) -> Vec<(&'static str, Vec<&'static str>, Vec<&'static str>)> {
    let line = LineIndex::new(doc).len() - 1;
    let before = codes_on(doc, line);
    let found = check(doc, &Policy::default(), today());
    let lines = LineIndex::new(doc);
    let fixes = found.iter().filter(|d| d.line(&lines) == line).filter_map(|d| Some((d.code(), d.fix.as_ref()?)));
    fixes.map(|(code, fix)| (code, before.clone(), codes_on(&edit::apply(doc, &fix.edits), line))).collect()
}

#[test]
fn the_i305_fix_leaves_no_i302_behind() {
    // The rule's own example: instance 11, on the first slot of the block after the project's.
    // Any number leaves it outside the project's ports, so I305 offers no fix there.
    let doc = registry(5, "11", "30600-30609", "active");
    let line = LineIndex::new(&doc).len() - 1;
    assert_eq!(codes_on(&doc, line), ["I302", "I305"]);
    assert!(each_fix(&doc).iter().all(|(code, ..)| *code != "I305"), "I305 offers no fix outside the project");
    let fixed = apply_fixes(&doc, &Policy::default(), today(), FixMode::IncludeUnsafe).text;
    assert_eq!(fixed, doc, "no fix moves a row by itself");
    // Reserved or not, two such rows are never both moved onto one slot.
    let two = format!("{doc}| api | 12 | 30610-30619 | reserved |\n");
    let fixed = apply_fixes(&two, &Policy::default(), today(), FixMode::IncludeUnsafe).text;
    assert_eq!(fixed, two);
}

#[test]
fn the_i305_fix_renumbers_a_row_inside_its_block() {
    let doc = registry(5, "11", "30520-30529", "active");
    let fixed = apply_fixes(&doc, &Policy::default(), today(), FixMode::SafeOnly).text;
    assert!(fixed.ends_with("| api | 3 | 30520-30529 | active |\n"), "{fixed}");
}

#[test]
fn a_renumbered_cell_keeps_its_words_and_drops_what_is_glued_to_the_number() {
    for (cell, fixed_cell) in [
        ("-1", "3"),
        ("+1", "3"),
        ("1.0", "3"),
        ("11a", "3"),
        ("Instance 11", "Instance 3"),
        ("#11", "#3"),
        ("11 (CI)", "3 (CI)"),
    ] {
        let doc = registry(5, cell, "30520-30529", "active");
        let fixed = apply_fixes(&doc, &Policy::default(), today(), FixMode::SafeOnly).text;
        assert!(fixed.ends_with(&format!("| api | {fixed_cell} | 30520-30529 | active |\n")), "{cell}: {fixed}");
        let line = LineIndex::new(&fixed).len() - 1;
        assert!(codes_on(&fixed, line).is_empty(), "{cell}: {fixed}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(200)))]

    #[test]
    fn no_fix_leaves_a_finding_its_row_did_not_have(
        held in 0u32..100,
        at in 0u32..100,
        slot in 1u32..=10,
        number in prop_oneof!["(0|[1-9]|1[0-2])", "main|x|"],
        status in "active|reserved|inactive",
    ) {
        let start = 30_000 + at * 100 + (slot - 1) * 10;
        let doc = registry(held, &number, &format!("{start}-{}", start + 9), &status);
        for (code, before, after) in each_fix(&doc) {
            for left in &after {
                prop_assert!(before.contains(left), "{code}'s fix leaves {left}, new on its row:\n{doc}");
            }
            prop_assert!(!after.contains(&code), "{code}'s fix leaves its own finding:\n{doc}");
            if code == "I305" {
                prop_assert!(!after.contains(&"I302"), "I305's fix leaves I302:\n{doc}");
            }
        }
    }
}
