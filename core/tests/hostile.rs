//! The hostile corpus (`tests/fixtures/hostile/`, one document per class of
//! defect) run through every operation, and the defects each class stands for.

mod common;

use std::path::Path;

use common::invariants::{check_all, check_reserve, findings};
use portreg_core::ops::{apply_fixes, format_tables, reserve, FixMode, Reserve};
use portreg_core::{check, markdown, Date, LineIndex, Policy, Registry};
use proptest::prelude::*;

fn today() -> Date {
    Date::parse("2025-01-15").unwrap()
}

fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect()
}

fn corpus_file(name: &str) -> String {
    corpus().into_iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}")).1
}

/// Names that have broken a registry, a script or a terminal.
pub const HOSTILE_NAMES: &[&str] = &[
    "a|b",
    "foo\\",
    "*star*",
    "_under_",
    "`tick`",
    "<b>x</b>",
    "[l](u)",
    "&#10;x",
    "&amp;",
    "$(touch /tmp/pwned)",
    "it's \"quoted\"",
    "-leading-dash",
    "🚀 rocket",
    "a\\|b",
    "trailing \\\\",
    "x | y | z",
];

#[test]
fn every_command_keeps_its_invariants_on_the_corpus() {
    let corpus = corpus();
    assert!(corpus.len() >= 15, "the corpus lost files");
    for (file, doc) in &corpus {
        for name in HOSTILE_NAMES {
            let result = std::panic::catch_unwind(|| check_all(doc, name));
            assert!(result.is_ok(), "{file} with name {name:?}");
        }
        for variant in [doc.replace("\r\n", "\n").replace('\n', "\r"), doc.replace('\n', "\r\n")] {
            check_all(&variant, "new");
        }
    }
}

#[test]
fn findings_never_carry_control_characters_or_whole_long_cells() {
    for (file, doc) in corpus() {
        for d in check(&doc, &Policy::default(), today()) {
            let texts = [Some(&d.message), Some(&d.help), d.fix.as_ref().map(|f| &f.title)];
            for text in texts.into_iter().flatten() {
                assert!(!text.chars().any(|c| c.is_control()), "{file}: {text:?}");
                assert!(text.chars().count() <= portreg_core::rules::MAX_MESSAGE + 40, "{file}: {} chars", text.len());
            }
        }
    }
}

#[test]
fn a_lone_cr_ends_a_line() {
    let doc = corpus_file("lone-cr.md");
    let found = check(&doc, &Policy::default(), today());
    let lines = LineIndex::new(&doc);
    let b101 = found.iter().find(|d| d.code() == "B101").expect("the overlap is found");
    assert_eq!(lines.line(b101.span.start), 4);
    let formatted = format_tables(&doc, &Registry::parse(&doc, &Policy::default())).apply(&doc);
    assert_eq!(
        formatted,
        "| Project | Ports       |\r|---------|-------------|\r| a       | 30000-30099 |\r| b       | 30000-30099 |\r"
    );
    let (change, _) =
        reserve(&doc, &Registry::parse(&doc, &Policy::default()), &Policy::default(), &request("new")).unwrap();
    assert!(change.apply(&doc).ends_with("| b | 30000-30099 |\r| new | 30100-30199 |\r"), "{:?}", change.apply(&doc));
}

#[test]
fn a_stray_cr_in_a_crlf_file_is_a_line_ending() {
    let doc = corpus_file("stray-cr-in-crlf.md");
    let registry = Registry::parse(&doc, &Policy::default());
    let names: Vec<&str> = registry.projects.iter().map(|p| p.common.name.as_str()).collect();
    assert_eq!(names, ["a", "b", "c"]);
    let lines = LineIndex::new(&doc);
    let unknown = check(&doc, &Policy::default(), today()).into_iter().find(|d| d.code() == "S401").unwrap();
    assert_eq!(lines.line(unknown.span.start), 7);
}

#[test]
fn formatting_an_indented_header_keeps_the_table() {
    let doc = corpus_file("indented-header.md");
    let formatted = format_tables(&doc, &Registry::parse(&doc, &Policy::default())).apply(&doc);
    assert!(!formatted.contains("||"), "{formatted}");
    assert_eq!(markdown::tables(&formatted).len(), 1);
    assert_eq!(Registry::parse(&formatted, &Policy::default()).projects.len(), 2);
}

#[test]
fn a_byte_order_mark_does_not_hide_the_table() {
    let doc = corpus_file("bom.md");
    assert!(findings(&doc, today()).is_empty(), "{:?}", findings(&doc, today()));
    let (change, block) =
        reserve(&doc, &Registry::parse(&doc, &Policy::default()), &Policy::default(), &request("new")).unwrap();
    assert_eq!(block, 1);
    assert!(change.apply(&doc).starts_with('\u{feff}'));
}

#[test]
fn a_bare_number_in_a_ports_column_is_a_port() {
    let doc = corpus_file("bare-port.md");
    let registry = Registry::parse(&doc, &Policy::default());
    assert_eq!(registry.projects[0].block, None);
    assert_eq!(registry.projects[0].common.ranges, vec![portreg_core::PortRange::single(80)]);
    let codes: Vec<String> = findings(&doc, today());
    assert!(codes.iter().any(|f| f.starts_with("R206")), "{codes:?}");
    // In the policy's swapped layout the range is under Block and the label under Ports.
    let swapped = "| Project | Block | Ports |\n|---|---|---|\n| a | 30500-30599 | 5 |\n";
    assert_eq!(Registry::parse(swapped, &Policy::default()).projects[0].block, Some(5));
    assert!(findings(swapped, today()).is_empty(), "{:?}", findings(swapped, today()));
}

#[test]
fn one_finding_per_row_and_rule_however_often_a_port_repeats() {
    let doc = corpus_file("repeated-port.md");
    let found = check(&doc, &Policy::default(), today());
    assert!(found.len() <= 12, "{} findings", found.len());
    assert!(found.iter().any(|d| d.message.contains("5000 times in this row")), "{:#?}", found);
    assert!(found.iter().any(|d| d.message.contains("more like it in this row")), "{:#?}", found);
}

#[test]
fn what_is_written_into_a_cell_reads_back_as_written() {
    let tables = [
        corpus_file("pipes-and-backslashes.md"),
        "A | B | Ports\n--|--|--\nx |  | 30300-30399\n".replace("A |", "Project |"),
        "|Project|Ports|Owner|\n|-|-|-|\n|a|30000-30099||\n".to_owned(),
        "- | Project | Ports |\n  |---|---|\n".to_owned(),
    ];
    for doc in &tables {
        let registry = Registry::parse(doc, &Policy::default());
        for name in HOSTILE_NAMES.iter().filter(|name| registry.project_rows(name).next().is_none()) {
            assert!(check_reserve(doc, name, None, today()), "{name:?} was refused in {doc:?}");
        }
    }
}

#[test]
fn renumbering_an_instance_keeps_an_escaped_pipe() {
    let doc = corpus_file("pipes-and-backslashes.md");
    let fixed = apply_fixes(&doc, &Policy::default(), today(), FixMode::SafeOnly).text;
    let registry = Registry::parse(&fixed, &Policy::default());
    let row = registry.row(&registry.instances[0].at);
    assert_eq!(row.text(1), "1 (a|b)", "{fixed}");
}

#[test]
fn reserve_refuses_control_characters_and_says_which() {
    let doc = corpus_file("bom.md");
    let registry = Registry::parse(&doc, &Policy::default());
    for name in ["a\u{1b}[2J", "bell\u{7}", "\u{202e}exe", "\u{200f}exe", "a\u{200e}b", "\u{61c}x"] {
        let error = reserve(&doc, &registry, &Policy::default(), &request(name)).unwrap_err();
        assert!(error.to_string().contains("U+"), "{error}");
    }
}

fn request(name: &str) -> Reserve<'_> {
    Reserve { name, path: "~/src/new", owner: "bo", block: None, today: today(), additional: false }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(200)))]

    /// For any name, reserve then read finds that exact name, in piped and
    /// pipe-less tables and an empty last cell.
    #[test]
    fn any_name_reads_back_after_reserve(name in "\\PC{1,24}", piped in any::<bool>()) {
        let doc = if piped {
            "|Project|Ports|Owner|\n|-|-|-|\n|a|30000-30099||\n"
        } else {
            "Project | Ports | Owner\n--|--|--\na | 30000-30099 |\n"
        };
        let landed = check_reserve(doc, &name, None, today());
        // Only a name already registered, with a control character, blank or too long is refused.
        let refusable = name.trim().eq_ignore_ascii_case("a")
            || name.trim().is_empty()
            || name.chars().any(portreg_core::is_unsafe_char)
            || name.trim().chars().count() > 200;
        prop_assert!(landed || refusable, "{name:?} was refused");
    }
}

#[test]
fn a_refused_migration_says_why() {
    let doc = "| Project | Ports | Path | Status |\n|---|---|---|---|\n| old | 3000, 8000 | ~/old&#27;[2J | legacy |\n";
    let registry = Registry::parse(doc, &Policy::default());
    let error =
        portreg_core::export::migration_plan(doc, &registry, &Policy::default(), "old", None, today()).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("path") && message.contains("U+001B"), "{message}");
    assert!(!message.contains("every project block is taken"), "{message}");
}

#[test]
fn a_directive_in_a_cell_ignores_what_it_names_and_is_no_part_of_the_value() {
    let head = "| Project Name <!-- portreg: ignore P001 --> | Block | Ports | Path | Status | Owner | Date |\n|---|---|---|---|---|---|---|\n";
    let doc = format!(
        "{head}| a | Block 1 | 30100-30199 | ~/x | active | me | 2025-01-01 |\n\
         | b | Block 2 | 30200-30299 <!-- portreg: ignore S --> | ~/x <!-- portreg: ignore S --> | active | me | 2025-01-01 |\n"
    );
    let registry = Registry::parse(&doc, &Policy::default());
    assert_eq!(registry.projects.len(), 2, "the header with a directive still makes a projects table");
    assert_eq!(registry.projects[1].path.as_deref(), Some("~/x"));
    let codes = findings(&doc, today());
    assert!(codes.iter().any(|f| f.starts_with("B104")), "ignoring S does not hide B104: {codes:?}");
    assert!(!codes.iter().any(|f| f.starts_with("P002")), "{codes:?}");
    let bom = format!("\u{feff}<!-- portreg: ignore B104 -->\n\n{doc}");
    assert!(!findings(&bom, today()).iter().any(|f| f.starts_with("B104")));
}

/// pulldown-cmark pads a row's missing cells up to a cap (2^18 in all), and
/// gives each row past it an empty range, which may sit right after a line
/// ending: read as a row without cells, never an inverted range (a panic),
/// and left as it is by fmt. (Past the cap the parser's table is not the
/// whole table; such a document, 8 KB of a 2,000-column header or 87 KB of
/// one-cell rows, is no registry.)
#[test]
fn rows_past_the_parsers_cap_on_padded_cells_read_without_a_panic() {
    let wide = format!("|Project{}|\n{}|\n{}", "|a".repeat(1999), "|-".repeat(2000), "x\n".repeat(133));
    let narrow = format!(
        "| Project Name | Block | Ports | Path | Status | Owner | Date |\n|---|---|---|---|---|---|---|\n{}",
        "x\n".repeat(43_691)
    );
    let policy = Policy::default();
    for doc in [wide.clone(), wide.replace('\n', "\r\n"), narrow.clone(), narrow.replace('\n', "\r")] {
        let registry = Registry::parse(&doc, &policy);
        assert_eq!(registry.tables.len(), 1);
        let _ = check(&doc, &policy, today());
        let formatted = format_tables(&doc, &registry).apply(&doc);
        let again = format_tables(&formatted, &Registry::parse(&formatted, &policy)).apply(&formatted);
        assert_eq!(again, formatted, "fmt is not idempotent");
        let _ = reserve(&doc, &registry, &policy, &request("new"));
        let _ = apply_fixes(&doc, &policy, today(), FixMode::IncludeUnsafe);
    }
}
