//! What the pictures of the registry show: each block's state, one block's
//! instances, and the entries outside the project blocks.

use crate::allocate::BlockMap;
use crate::policy::Policy;
use crate::ports::PortRange;
use crate::registry::{ProjectKey, Registry, RowRef};
use crate::status::Status;

/// The state a block is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockState {
    /// No row touches it.
    Free,
    /// Held by a project with that status.
    Held(Status),
    /// Held by a project whose status cell holds no known status (`actve`).
    Unknown,
    /// Claimed only by instance rows of a project that holds no block here
    /// (or is not registered at all).
    Stray,
    /// Rows of more than one project hold it.
    Conflict,
}

impl BlockState {
    /// `free`, `conflict`, or the status word.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockState::Free => "free",
            BlockState::Held(status) => status.as_str(),
            BlockState::Unknown => "unknown",
            BlockState::Stray => "stray",
            BlockState::Conflict => "conflict",
        }
    }
}

/// One block of the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockView {
    /// Block number.
    pub block: u32,
    /// Its ports.
    pub range: PortRange,
    /// How it is drawn.
    pub state: BlockState,
    /// Names of the projects whose live rows touch it, as written; when no live
    /// row does, those of the retired rows (who held it last).
    pub projects: Vec<String>,
}

impl BlockView {
    /// Who holds the block, in words: `reserved by api`, `conflict: api, web`,
    /// `stray instance rows of ghost`, `free`.
    pub fn holding(&self) -> String {
        let names = self.projects.join(", ");
        match self.state {
            BlockState::Free => "free".to_owned(),
            BlockState::Held(status) => format!("{status} by {names}"),
            BlockState::Unknown => format!("held by {names}, whose status is not a known one"),
            BlockState::Stray => format!("stray instance rows of {names}, which holds no block here"),
            BlockState::Conflict => format!("conflict: {names}"),
        }
    }

    /// What an instance slot of the block that no instance row claims is:
    /// free in a free block or a retired one (`free (archived)`); otherwise
    /// taken, by the holders [`BlockView::holding`] names once for the block.
    pub fn unclaimed_slot(&self) -> String {
        match self.state {
            BlockState::Free => "free".to_owned(),
            BlockState::Held(status) if !status.is_live() => format!("free ({status})"),
            _ => "taken (no instance row)".to_owned(),
        }
    }
}

/// Every block of the policy, in order.
pub fn blocks(registry: &Registry, policy: &Policy) -> Vec<BlockView> {
    blocks_held(registry, policy, &BlockMap::new(registry, policy))
}

/// Every block of the policy, in order, with who holds each already known.
pub fn blocks_held(registry: &Registry, policy: &Policy, map: &BlockMap) -> Vec<BlockView> {
    (0..policy.block_count)
        .filter_map(|block| {
            let range = policy.block_range(block)?;
            let project_rows = registry.projects.iter().filter(|p| p.ports(policy).any(|r| r.overlaps(range)));
            let instance_rows = registry.instances.iter().filter(|i| i.common.ranges.iter().any(|r| r.overlaps(range)));
            // (key, name, status, status unreadable, is a projects row)
            let touching: Vec<(ProjectKey<'_>, &str, Option<Status>, bool, bool)> = project_rows
                .map(|p| (&p.common, true))
                .chain(instance_rows.map(|i| (&i.common, false)))
                .map(|(c, project)| (c.key(), c.name.as_str(), c.status, unreadable_status(c), project))
                .collect();
            let holders = map.holders(block);
            let live = |s: &Option<Status>| s.is_none_or(Status::is_live);
            let state = match holders {
                [] => touching.last().and_then(|t| t.2).map_or(BlockState::Free, BlockState::Held),
                [holder] => {
                    let row = touching.iter().find(|t| t.0 == *holder && t.4 && live(&t.2));
                    match row {
                        None => BlockState::Stray,
                        Some(t) if t.3 => BlockState::Unknown,
                        Some(t) => BlockState::Held(t.2.unwrap_or(Status::Active)),
                    }
                }
                _ => BlockState::Conflict,
            };
            let mut projects: Vec<String> = Vec::new();
            // Each project once, by key: a set, as a block may have thousands of rows.
            let mut named: rustc_hash::FxHashSet<ProjectKey<'_>> = rustc_hash::FxHashSet::default();
            // The live rows' projects; a block no live row touches names the
            // retired ones (who held it last). A retired row holds no ports,
            // so it is never named beside a live holder.
            let any_live = touching.iter().any(|t| live(&t.2));
            for (_, name, ..) in touching.iter().filter(|t| live(&t.2) == any_live) {
                if named.insert(ProjectKey::of(name)) {
                    projects.push((*name).to_owned());
                }
            }
            Some(BlockView { block, range, state, projects })
        })
        .collect()
}

/// Whether a row's status cell holds text that is no known status.
fn unreadable_status(common: &crate::registry::Common) -> bool {
    common.status.is_none() && common.status_text.as_deref().is_some_and(|t| !crate::ports::is_placeholder(t))
}

/// One instance slot of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotView {
    /// Instance number.
    pub instance: u32,
    /// Its ports.
    pub range: PortRange,
    /// The policy's purpose of the instance.
    pub purpose: &'static str,
    /// Instance rows that claim it: project, status, branch, where.
    pub rows: Vec<SlotRow>,
}

/// An instance row shown in a slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotRow {
    /// The project named by the row.
    pub project: String,
    /// Its status, when known.
    pub status: Option<Status>,
    /// Branch or environment.
    pub branch: String,
    /// Where the row is.
    pub at: RowRef,
}

/// The ten instance slots of `block` with the rows that claim each.
pub fn block_slots(registry: &Registry, policy: &Policy, block: u32) -> Vec<SlotView> {
    (1..=policy.instances_per_block())
        .filter_map(|instance| {
            let range = policy.instance_range(block, instance)?;
            let rows = registry
                .instances
                .iter()
                .filter(|i| i.common.ranges.iter().any(|r| r.overlaps(range)))
                .map(|i| SlotRow {
                    project: i.common.name.to_string(),
                    status: i.common.status,
                    branch: i.branch.as_deref().unwrap_or_default().to_owned(),
                    at: i.at.clone(),
                })
                .collect();
            Some(SlotView { instance, range, purpose: policy.purpose(instance).unwrap_or("instance"), rows })
        })
        .collect()
}

/// A projects-table entry outside the project blocks, for the port map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideEntry {
    /// Project name.
    pub project: String,
    /// The range outside the blocks.
    pub range: PortRange,
    /// The row's status.
    pub status: Option<Status>,
    /// Where the row is.
    pub at: RowRef,
}

/// Every range of a projects row that lies outside the project blocks.
pub fn outside_entries(registry: &Registry, policy: &Policy) -> Vec<OutsideEntry> {
    let space = policy.project_space();
    registry
        .projects
        .iter()
        .flat_map(|p| {
            p.ports(policy).filter(move |r| !space.covers(*r)).map(move |range| OutsideEntry {
                project: p.common.name.to_string(),
                range,
                status: p.common.status,
                at: p.at.clone(),
            })
        })
        .collect()
}

/// The live projects that hold ports outside the project blocks, each once,
/// in document order: the projects a migration plan is for.
pub fn legacy_projects(registry: &Registry, policy: &Policy) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for entry in outside_entries(registry, policy).into_iter().filter(|e| e.status.is_none_or(Status::is_live)) {
        if !names.iter().any(|n| ProjectKey::of(n) == ProjectKey::of(&entry.project)) {
            names.push(entry.project);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_follow_holders_and_statuses() {
        let doc = "| Project | Block | Status |\n|---|---|---|\n| a | 0 | active |\n| b | 1 | reserved |\n\
                   | c | 1 | active |\n| d | 2 | archived |\n| e | 3 | legacy |\n";
        let policy = Policy::default();
        let views = blocks(&Registry::parse(doc, &policy), &policy);
        let states: Vec<&str> = views.iter().take(5).map(|v| v.state.as_str()).collect();
        assert_eq!(states, ["active", "conflict", "archived", "legacy", "free"]);
        assert_eq!(views[1].projects, ["b", "c"]);
        assert_eq!(views[1].unclaimed_slot(), "taken (no instance row)");
        assert_eq!(views[2].unclaimed_slot(), "free (archived)");
        assert_eq!(views.len(), 100);
    }

    #[test]
    fn a_retired_row_is_named_only_where_no_live_row_is() {
        let doc = "| Project | Ports | Status |\n|---|---|---|\n| g | 30700-30799 | active |\n\
                   | g2 | 30700-30799 | archived |\n| old | 30800-30899 | deprecated |\n| older | 30800-30899 | archived |\n";
        let policy = Policy::default();
        let views = blocks(&Registry::parse(doc, &policy), &policy);
        assert_eq!((views[7].state.as_str(), &views[7].projects[..]), ("active", &["g".to_owned()][..]));
        assert_eq!(views[8].projects, ["old", "older"]);
        assert_eq!(views[8].state.as_str(), "archived");
    }

    #[test]
    fn a_misspelt_status_and_a_stray_instance_are_not_drawn_as_held() {
        let doc = "| Project | Block | Status |\n|---|---|---|\n| a | 0 | actve |\n| b | 1 | reserved |\n\n\
                   | Project | Instance | Ports |\n|---|---|---|\n| ghost | 1 | 30200-30209 |\n";
        let policy = Policy::default();
        let views = blocks(&Registry::parse(doc, &policy), &policy);
        let states: Vec<&str> = views.iter().take(4).map(|v| v.state.as_str()).collect();
        assert_eq!(states, ["unknown", "reserved", "stray", "free"]);
        assert_eq!(views[1].holding(), "reserved by b");
        assert_eq!(views[1].unclaimed_slot(), "taken (no instance row)");
        assert_eq!(views[2].unclaimed_slot(), "taken (no instance row)");
        assert_eq!(views[2].holding(), "stray instance rows of ghost, which holds no block here");
        assert_eq!(views[3].unclaimed_slot(), "free");
    }

    #[test]
    fn legacy_projects_are_the_live_ones_outside_the_blocks() {
        let doc = "| Project | Ports | Status |\n|---|---|---|\n| old | 3000 | legacy |\n| OLD | 8000 | legacy |\n\
                   | gone | 3001 | archived |\n| new | 30000-30099 | active |\n";
        let policy = Policy::default();
        assert_eq!(legacy_projects(&Registry::parse(doc, &policy), &policy), ["old"]);
    }

    #[test]
    fn slots_list_their_rows() {
        let doc = "| Project | Block |\n|---|---|\n| a | 0 |\n\n| Project | Instance | Ports | Branch |\n|---|---|---|---|\n| a | 2 | 30010-30019 | ci |\n";
        let policy = Policy::default();
        let slots = block_slots(&Registry::parse(doc, &policy), &policy, 0);
        assert_eq!(slots.len(), 10);
        assert!(slots[0].rows.is_empty());
        assert_eq!(slots[1].rows[0].branch, "ci");
        assert_eq!(slots[1].purpose, "Test/CI");
    }
}
