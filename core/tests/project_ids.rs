//! Every instance of every project in a registry gets its own Supabase
//! `project_id`, valid as the Supabase CLI takes it, or E801 says which two
//! projects share one.

use std::collections::HashMap;

use portreg_core::export::{project_id, sanitized_by_cli, PROJECT_ID_MAX};
use portreg_core::{check, Date, Policy};
use proptest::prelude::*;

/// A registry with one live row per name, each in its own block: a name
/// written twice is a project with an additional block.
fn registry(names: &[String]) -> String {
    let mut doc = String::from("| Project Name | Block | Ports | Status |\n|---|---|---|---|\n");
    for (block, name) in names.iter().enumerate() {
        let start = 30000 + block * 100;
        let cell = name.replace('\\', "\\\\").replace('|', "\\|");
        doc.push_str(&format!("| {cell} | Block {block} | {start}-{} | active |\n", start + 99));
    }
    doc
}

/// Every id the registry's projects get: each project's first block, then
/// its additional blocks, every instance; with the key of the project.
fn ids(names: &[String], instances: u32) -> Vec<(String, String)> {
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (block, name) in names.iter().enumerate() {
        let key = name.trim().to_lowercase();
        let additional = first.contains_key(&key).then_some(block as u32);
        let owner = names[*first.entry(key.clone()).or_insert(block)].clone();
        for instance in 1..=instances {
            out.push((project_id(&owner, additional, instance), key.clone()));
        }
    }
    out
}

/// Names that meet in one way or another: case, punctuation, length, emoji.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9-]{0,12}",
        "[A-Za-z][A-Za-z0-9_. -]{0,20}",
        "customer-onboarding-analytics-dashboard-[a-z0-9]{1,6}",
        prop::sample::select(vec![
            "🚀".to_owned(),
            "🛸".to_owned(),
            "My_App".to_owned(),
            "my.app".to_owned(),
            "big-app".to_owned()
        ]),
    ]
}

fn cases() -> u32 {
    std::env::var("PORTREG_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn ids_are_valid_and_apart_or_flagged(names in prop::collection::vec(name(), 1..40)) {
        let policy = Policy::default();
        let doc = registry(&names);
        let flagged = check(&doc, &policy, Date::parse("2025-01-15").unwrap()).iter().any(|d| d.code() == "E801");
        let mut owner: HashMap<String, String> = HashMap::new();
        let mut shared = false;
        for (id, key) in ids(&names, policy.instances_per_block()) {
            prop_assert!(id.len() <= PROJECT_ID_MAX, "{id}");
            prop_assert_eq!(&sanitized_by_cli(&id), &id);
            match owner.insert(id.clone(), key.clone()) {
                Some(other) if other == key => prop_assert!(false, "{id} twice for one project"),
                Some(_) => shared = true,
                None => {}
            }
        }
        prop_assert_eq!(shared, flagged, "ids shared: {}, E801: {}\n{}", shared, flagged, doc);
    }
}

#[test]
fn names_that_met_before_are_apart() {
    let ids = |name: &str| (1..=10).map(|i| project_id(name, None, i)).collect::<Vec<_>>();
    let a = ids("customer-onboarding-analytics-dashboard-v2");
    let b = ids("customer-onboarding-analytics-dashboard-v3");
    assert!(a.iter().all(|id| !b.contains(id)), "{a:?} {b:?}");
    assert_ne!(project_id("My_App", None, 1), project_id("my.app", None, 1));
    assert_ne!(project_id("🚀", None, 1), project_id("🛸", None, 1));
    assert_ne!(project_id("big-app", None, 2), project_id("big-app", Some(1), 2));
}
