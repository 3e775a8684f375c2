//! Operations on generated registries: bytes outside the edited rows stay
//! identical, results re-parse with the new rows, format is idempotent, and a
//! refused operation changes nothing.

mod common;

use common::{document, style, valid_projects};
use portreg_core::ops::{add_instance, format_tables, reserve, set_status, AddInstance, Change, Reserve, StatusTarget};
use portreg_core::{check, Date, Policy, Registry, Severity, Status};
use proptest::prelude::*;

fn today() -> Date {
    Date::parse("2025-01-15").unwrap()
}

/// Every line of `before` that no edit touches is in `after`, in order, and
/// `after` has no other lines than those and the edited or inserted ones.
fn assert_only_edited_lines_changed(before: &str, change: &Change) {
    let after = change.apply(before);
    let mut touched = vec![false; before.split('\n').count()];
    let line_of = |offset: usize| before[..offset].matches('\n').count();
    for edit in &change.edits {
        touched[line_of(edit.range.start)..=line_of(edit.range.end)].fill(true);
    }
    let kept: Vec<&str> = before.split('\n').zip(&touched).filter(|(_, t)| !**t).map(|(l, _)| l).collect();
    let mut remaining = after.split('\n');
    for line in &kept {
        assert!(remaining.any(|l| l == *line), "untouched line {line:?} is missing or out of order");
    }
    let inserted: usize = change.edits.iter().map(|e| e.replacement.matches('\n').count()).sum();
    let removed: usize = change.edits.iter().map(|e| before[e.range.clone()].matches('\n').count()).sum();
    assert_eq!(after.split('\n').count(), before.split('\n').count() + inserted - removed);
}

fn errors(doc: &str) -> usize {
    check(doc, &Policy::default(), today()).iter().filter(|d| d.severity == Severity::Error).count()
}

proptest! {
    #[test]
    fn reserve_adds_one_row_and_no_error(projects in valid_projects(), style in style(), block in prop::option::of(0u32..100)) {
        let policy = Policy::default();
        let doc = document(&projects, &style);
        let registry = Registry::parse(&doc, &policy);
        let request = Reserve { name: "fresh-project", path: "~/src/fresh", owner: "ana", block, today: today(), additional: false };
        let taken = block.is_some_and(|b| projects.iter().any(|p| p.block == b && p.status.is_live()));
        match reserve(&doc, &registry, &policy, &request) {
            Ok((change, chosen)) => {
                prop_assert!(!taken);
                assert_only_edited_lines_changed(&doc, &change);
                let after = change.apply(&doc);
                let reread = Registry::parse(&after, &policy);
                prop_assert_eq!(reread.projects.len(), projects.len() + 1);
                prop_assert_eq!(reread.blocks_of("fresh-project", &policy), vec![chosen]);
                prop_assert_eq!(errors(&after), errors(&doc));
            }
            Err(_) => prop_assert!(taken || projects.iter().filter(|p| p.status.is_live()).count() == 100),
        }
    }

    #[test]
    fn add_instance_adds_one_row_in_the_projects_block(projects in valid_projects(), style in style(), pick in any::<prop::sample::Index>(), number in prop::option::of(1u32..=10)) {
        prop_assume!(!projects.is_empty());
        let policy = Policy::default();
        let doc = document(&projects, &style);
        let registry = Registry::parse(&doc, &policy);
        let project = pick.get(&projects);
        let request = AddInstance { project: &project.name, instance: number, purpose: None, branch: "main", status: Status::Active };
        match add_instance(&doc, &registry, &policy, &request) {
            Ok((change, slot)) => {
                prop_assert!(project.status.is_live());
                prop_assert_eq!(slot.block, project.block);
                assert_only_edited_lines_changed(&doc, &change);
                let after = change.apply(&doc);
                let reread = Registry::parse(&after, &policy);
                prop_assert_eq!(reread.instances.len(), 1);
                prop_assert_eq!(&reread.instances[0].common.ranges, &vec![slot.range]);
                prop_assert_eq!(errors(&after), errors(&doc));
            }
            Err(_) => prop_assert!(!project.status.is_live()),
        }
    }

    #[test]
    fn set_status_changes_only_that_row(projects in valid_projects(), style in style(), pick in any::<prop::sample::Index>(), status in prop::sample::select(Status::ALL.to_vec())) {
        prop_assume!(!projects.is_empty());
        let policy = Policy::default();
        let doc = document(&projects, &style);
        let registry = Registry::parse(&doc, &policy);
        let project = pick.get(&projects);
        let change = set_status(&doc, &registry, StatusTarget::Project(&project.name), status, today()).unwrap();
        assert_only_edited_lines_changed(&doc, &change);
        let reread = Registry::parse(&change.apply(&doc), &policy);
        let row = reread.project_rows(&project.name).next().unwrap();
        prop_assert_eq!(row.common.status, Some(status));
    }

    #[test]
    fn format_is_idempotent_and_keeps_the_registry(projects in valid_projects(), style in style()) {
        let policy = Policy::default();
        let doc = document(&projects, &style);
        let registry = Registry::parse(&doc, &policy);
        let formatted = format_tables(&doc, &registry).apply(&doc);
        let reread = Registry::parse(&formatted, &policy);
        prop_assert!(format_tables(&formatted, &reread).edits.is_empty());
        let summary = |r: &Registry| r.projects.iter().map(|p| (p.common.name.clone(), p.common.ranges.clone(), p.block)).collect::<Vec<_>>();
        prop_assert_eq!(summary(&reread), summary(&registry));
        prop_assert_eq!(formatted.lines().count(), doc.lines().count());
        prop_assert_eq!(formatted.matches("\r\n").count(), doc.matches("\r\n").count());
    }

    #[test]
    fn refused_requests_name_the_reason(projects in valid_projects(), style in style()) {
        prop_assume!(projects.iter().any(|p| p.status.is_live()));
        let policy = Policy::default();
        let doc = document(&projects, &style);
        let registry = Registry::parse(&doc, &policy);
        let live = projects.iter().find(|p| p.status.is_live()).unwrap();
        let taken = Reserve { name: "other", path: "", owner: "", block: Some(live.block), today: today(), additional: false };
        let error = reserve(&doc, &registry, &policy, &taken).unwrap_err();
        prop_assert_eq!(error.to_string(), format!("block {} is already taken", live.block));
        let again = Reserve { name: &live.name.to_uppercase(), block: None, ..taken };
        prop_assert!(reserve(&doc, &registry, &policy, &again).is_err());
    }
}
