//! The fuzz harness: whatever a team writes (any line ending, a byte-order
//! mark, containers, hostile cells), reading, checking, fixing, formatting and
//! every operation finish without panicking, and every edit keeps the
//! invariants of `common::invariants`. CI runs a bounded number of cases; run
//! it as long as you like with
//! `PORTREG_CASES=100000 cargo test --release -p portreg-core --test no_panic`.

mod common;

use portreg_core::export::{instance_ports, migration_plan};
use portreg_core::ops::{add_instance, apply_fixes, format_tables, reserve, AddInstance, Reserve};
use portreg_core::{check, Date, Policy, Registry, Status};
use proptest::prelude::*;

/// Cell contents that registries hold, and some they should not.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (0u32..70_000).prop_map(|n| n.to_string()),
        (29_000u32..41_000, 0u32..300).prop_map(|(s, l)| format!("{s}-{}", s + l)),
        (0u32..120).prop_map(|n| format!("Block {n}")),
        prop::sample::select(vec!["active", "Reserved", "legacy", "archived", "paused", "✅ Active", "—", "TBD"])
            .prop_map(String::from),
        prop::sample::select(vec!["2024-08-31", "2024-02-30", "31/08/2024", "2099-01-01"]).prop_map(String::from),
        prop::sample::select(vec![
            "3000, 8000, 54321-54323",
            "80",
            "9090",
            "40000-40009",
            "1 (dev)",
            "Instance 2",
            "`30500`",
            "**api**",
            "a\\|b",
            "<b>x</b>",
            "[l](u)",
            "&#10;x",
            "&#27;[2J",
            "a\u{1b}b",
            "trail\\",
            "a\\\\|b",
            "x\\\\",
            "&amp;",
            "_u_",
            "\u{202e}x",
            "\r"
        ])
        .prop_map(String::from),
        "\\PC{0,12}",
    ]
}

fn header() -> impl Strategy<Value = Vec<String>> {
    let names = vec![
        "Project Name",
        "Project",
        "Name",
        "Block",
        "Ports",
        "Port Range",
        "Path",
        "Status",
        "Owner",
        "Date",
        "Instance",
        "Purpose",
        "Branch/Environment",
        "Notes",
    ];
    prop::sample::subsequence(names, 1..8).prop_shuffle().prop_map(|h| h.into_iter().map(String::from).collect())
}

fn table() -> impl Strategy<Value = String> {
    (
        header(),
        prop::collection::vec(prop::collection::vec(cell(), 0..9), 0..12),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
        prop::sample::select(vec!["", "> ", "  ", " ", ">"]),
        any::<bool>(),
    )
        .prop_map(|(header, rows, end, prefix, indent_header_only)| {
            let line = |cells: &[String]| format!("{prefix}| {} |{end}", cells.join(" | "));
            let mut text = if indent_header_only { format!(" {}", line(&header)) } else { line(&header) };
            text.push_str(&line(&vec!["---".to_owned(); header.len()]));
            for row in rows {
                text.push_str(&line(&row));
            }
            text
        })
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(
            prop_oneof![table(), "\\PC{0,40}\n", Just("```\n| a | b |\n|---|---|\n```\n".to_owned())],
            0..5,
        ),
        any::<bool>(),
    )
        .prop_map(|(parts, bom)| format!("{}{}", if bom { "\u{feff}" } else { "" }, parts.join("\n")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(300)))]

    #[test]
    fn every_edit_keeps_its_invariants(doc in document(), name in prop_oneof!["[a-z]{1,8}", "\\PC{1,12}"]) {
        common::invariants::check_all(&doc, &name);
    }

    #[test]
    fn nothing_panics(doc in document(), name in "[a-z]{1,8}", number in 0u32..12) {
        let policy = Policy::default();
        let today = Date::parse("2025-01-15").unwrap();
        let registry = Registry::parse(&doc, &policy);
        let found = check(&doc, &policy, today);
        for d in &found {
            prop_assert!(d.span.end <= doc.len() && doc.is_char_boundary(d.span.start) && doc.is_char_boundary(d.span.end));
            if let Some(fix) = &d.fix {
                let _ = portreg_core::edit::apply(&doc, &fix.edits);
            }
        }
        let _ = apply_fixes(&doc, &policy, today, portreg_core::ops::FixMode::IncludeUnsafe);
        let formatted = format_tables(&doc, &registry).apply(&doc);
        prop_assert_eq!(Registry::parse(&formatted, &policy).projects.len(), registry.projects.len());
        let request = Reserve { name: &name, path: "", owner: "", block: Some(number * 9), today, additional: false };
        let _ = reserve(&doc, &registry, &policy, &request);
        let project = registry.projects.first().map_or(name.clone(), |p| p.common.name.to_string());
        let add = AddInstance { project: &project, instance: Some(number), purpose: None, branch: "", status: Status::Active };
        let _ = add_instance(&doc, &registry, &policy, &add);
        let _ = instance_ports(&registry, &policy, &project, Some(number), None);
        let _ = migration_plan(&doc, &registry, &policy, &project, None, today);
        for port in [0, 1, 3000, 30_213, 54_321, 65_535, 70_000] {
            let _ = portreg_core::lookup(port, &policy, Some(&registry));
        }
    }
}
