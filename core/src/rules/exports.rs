//! E8xx: what the exports of two projects would make of each other.

use crate::code_span::Code;
use rustc_hash::FxHashMap;

use super::{Context, Diagnostic, Rule, RuleDoc, Severity, Violation};
use crate::export::project_id;
use crate::registry::ProjectKey;

/// E801: two projects whose instances would get one Supabase `project_id`.
pub static SHARED_PROJECT_ID: Rule = Rule {
    code: "E801",
    name: "shared-project-id",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "Two projects get the same Supabase `project_id` (and Compose project name) for one of their \
               instances. Exports make the id from the name: `{slug}-{instance}`, or for a name that is not \
               already a short lowercase slug, the slug cut to fit with a hash of the name. Only names whose \
               hashes meet can still share one.",
        why: "The Supabase CLI names containers and the database volume after the id, and Compose names its \
              project after it: two instances with one id share one database, and starting one stops the other.",
        example: "Two projects, `customer-onboarding-analytics-dashboard-6yua` and \
                  `customer-onboarding-analytics-dashboard-mvgb`: both names are too long for the id, are cut to \
                  the same head, and their hashes meet.",
        fix: "Rename one of the projects in the registry (a shorter name keeps its slug as the id). A stack \
              already running under the old id keeps its database in the old volume: dump it first.",
    },
};

/// Two projects whose instances get one Supabase `project_id`.
pub(super) struct SharedProjectId<'a> {
    pub name: &'a str,
    pub other: &'a str,
    pub id: String,
}

impl Violation for SharedProjectId<'_> {
    const RULE: &'static Rule = &SHARED_PROJECT_ID;

    fn message(&self) -> String {
        format!(
            "{} and {} both get the Supabase project_id {}: their instances would share containers and the \
             database volume",
            Code(self.name),
            Code(self.other),
            Code(&self.id)
        )
    }

    fn help(&self) -> String {
        "rename one of the two projects (dump a running stack's database first: its volume follows the id)".to_owned()
    }
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let instances = cx.policy.instances_per_block();
    // id -> the key and name of the first project that takes it.
    let mut taken: FxHashMap<String, (ProjectKey<'_>, &str)> = FxHashMap::default();
    let mut seen_keys: FxHashMap<ProjectKey<'_>, ()> = FxHashMap::default();
    let blocks_by_key = cx.registry.live_blocks_by_key(cx.policy);
    for project in cx.registry.projects.iter().filter(|p| p.common.is_live()) {
        let key = project.common.key();
        if seen_keys.insert(key.clone(), ()).is_some() {
            continue;
        }
        let name = project.common.name.as_str();
        let blocks = blocks_by_key.get(&key).map_or(&[][..], Vec::as_slice);
        let additional = blocks.iter().skip(1).map(|&b| Some(b));
        let ids = std::iter::once(None)
            .chain(additional)
            .flat_map(|block| (1..=instances).map(move |instance| project_id(name, block, instance)));
        let mut reported = false;
        for id in ids {
            match taken.get(&id) {
                Some((other_key, other_name)) if *other_key != key && !reported => {
                    reported = true;
                    let shared = SharedProjectId { name, other: other_name, id };
                    out.push(Diagnostic::of(project.at.span.clone(), shared));
                }
                Some(_) => {}
                None => {
                    taken.insert(id, (key.clone(), name));
                }
            }
        }
    }
}
