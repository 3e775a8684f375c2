//! Which entry a checkout is: the project whose Path holds a directory, and
//! the instance whose Branch/Environment names a branch; and the instance a
//! new lease takes. Pure: the caller asks git where it is and on which branch.

use crate::allocate::{free_instances, InstanceSlot};
use crate::code_span::Code;
use crate::policy::Policy;
use crate::registry::{InstanceEntry, ProjectEntry, ProjectKey, Registry};

/// A Path cell as a directory to compare: `~` read as `home`, no trailing slash.
fn normalise(cell: &str, home: Option<&str>) -> Option<String> {
    let cell = cell.trim();
    let expanded = match (cell.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => format!("{home}{rest}"),
        (Some(_), _) => return None,
        (None, _) => cell.to_owned(),
    };
    let trimmed = expanded.trim_end_matches('/');
    (trimmed.starts_with('/') && !trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Whether `dir` is `path` or inside it.
fn holds(path: &str, dir: &str) -> bool {
    dir == path || dir.strip_prefix(path).is_some_and(|rest| rest.starts_with('/'))
}

/// The live project whose Path is the deepest one holding a directory of
/// `dirs` (absolute paths, the first the most telling), `~` in a Path read
/// as `home`.
pub fn project_at<'a>(registry: &'a Registry, dirs: &[&str], home: Option<&str>) -> Option<&'a ProjectEntry> {
    dirs.iter().find_map(|dir| {
        let dir = dir.trim_end_matches('/');
        registry
            .projects
            .iter()
            .filter(|p| p.common.is_live())
            .filter_map(|p| Some((normalise(p.path.as_deref()?, home)?, p)))
            .filter(|(path, _)| holds(path, dir))
            .max_by_key(|(path, _)| path.len())
            .map(|(_, p)| p)
    })
}

/// The first live instance row of `project` whose Branch/Environment is `branch`.
pub fn instance_for_branch<'a>(registry: &'a Registry, project: &str, branch: &str) -> Option<&'a InstanceEntry> {
    let key = ProjectKey::of(project);
    registry.instances.iter().find(|i| {
        i.common.is_live() && i.common.key() == key && i.branch.as_deref().is_some_and(|b| b.trim() == branch.trim())
    })
}

/// The instance number a lease of `project` takes: instance 1 of a block
/// for the default branch, when free; for any other branch (or when 1 is
/// taken) the policy's feature-branch slots first, then the others, never
/// instance 1 for another branch. A slot whose number a row of the project
/// (an archived one, say) has in that block is skipped, so numbers stay
/// unique. `Err` says why there is none.
pub fn lease_instance(
    registry: &Registry,
    policy: &Policy,
    project: &str,
    default_branch: bool,
) -> Result<u32, String> {
    let free = free_instances(registry, policy, project).map_err(|e| e.to_string())?;
    let key = ProjectKey::of(project);
    let numbered = |slot: &InstanceSlot| {
        registry.instances.iter().any(|i| {
            i.common.key() == key
                && i.number == Some(slot.instance)
                && i.common.ranges.first().is_none_or(|r| policy.block_of(r.start) == Some(slot.block))
        })
    };
    let open: Vec<InstanceSlot> = free.iter().copied().filter(|s| !numbered(s)).collect();
    let feature =
        |s: &&InstanceSlot| policy.purpose(s.instance).is_some_and(|p| p.to_ascii_lowercase().contains("feature"));
    let chosen = if default_branch { open.iter().find(|s| s.instance == 1) } else { None }
        .or_else(|| open.iter().find(feature))
        .or_else(|| open.iter().find(|s| s.instance != 1));
    match chosen {
        Some(slot) => Ok(slot.instance),
        None if free.iter().any(|s| s.instance != 1 || default_branch) => Err(format!(
            "the free slots of {project} have numbers that other rows of it hold (archived ones, say): \
             delete or reuse those rows", project = Code(project)
        )),
        None if default_branch => Err(crate::allocate::AllocError::ProjectFull(project.to_owned()).to_string()),
        None => Err(format!(
            "every slot of {project} but instance 1 (kept for the default branch) is taken; reserve an additional block", project = Code(project)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;

    const DOC: &str = "| Project | Block | Path | Status |\n|---|---|---|---|\n\
                       | api | Block 1 | ~/src/api/ | active |\n| old | Block 2 | /srv/src | archived |\n\
                       | src | Block 3 | /home/u/src | active |\n\n\
                       | Project | Instance | Ports | Branch/Environment |\n|---|---|---|---|\n\
                       | api | 1 | 30100-30109 | main |\n| api | 2 | 30110-30119 | feature/x |\n";

    #[test]
    fn finds_the_deepest_live_project_holding_a_directory() {
        let registry = Registry::parse(DOC, &Policy::default());
        let name = |dirs: &[&str]| project_at(&registry, dirs, Some("/home/u")).map(|p| p.common.name.to_string());
        assert_eq!(name(&["/home/u/src/api/cli"]).as_deref(), Some("api"));
        assert_eq!(name(&["/home/u/src/apiary"]).as_deref(), Some("src"));
        assert_eq!(name(&["/tmp/wt", "/home/u/src/api"]).as_deref(), Some("api"));
        assert_eq!(name(&["/srv/src"]), None);
        assert_eq!(project_at(&registry, &["/home/u/src/api"], None).map(|p| p.common.name.as_str()), Some("src"));
    }

    #[test]
    fn a_lease_takes_instance_1_for_the_default_branch_and_feature_slots_for_others() {
        let policy = Policy::default();
        let doc = "| Project | Block | Ports |\n|---|---|---|\n| api | Block 1 | 30100-30199 |\n\n\
                   | Project | Instance | Ports | Status | Branch/Environment |\n|---|---|---|---|---|\n\
                   | api | 3 | 30120-30129 | archived | old |\n";
        let registry = Registry::parse(doc, &policy);
        assert_eq!(lease_instance(&registry, &policy, "api", true), Ok(1));
        assert_eq!(lease_instance(&registry, &policy, "api", false), Ok(4));
    }

    #[test]
    fn finds_the_instance_of_a_branch() {
        let registry = Registry::parse(DOC, &Policy::default());
        assert_eq!(instance_for_branch(&registry, "API", "feature/x").and_then(|i| i.number), Some(2));
        assert!(instance_for_branch(&registry, "api", "feature/y").is_none());
    }
}
