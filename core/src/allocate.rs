//! Finding free blocks and free instance slots.

use crate::code_span::Code;
use std::fmt;

use rustc_hash::FxHashSet;

use crate::policy::Policy;
use crate::ports::PortRange;
use crate::registry::{ProjectKey, Registry};

/// Who holds each project block: the keys of the projects whose live
/// rows (projects or instances) touch it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockMap {
    holders: Vec<Vec<ProjectKey<'static>>>,
}

impl BlockMap {
    /// Maps every live claim of `registry` onto the blocks of `policy`.
    pub fn new<'a>(registry: &'a Registry, policy: &Policy) -> Self {
        let mut holders = vec![Vec::new(); policy.block_count as usize];
        let mut seen: FxHashSet<(u32, ProjectKey<'a>)> = FxHashSet::default();
        // Rows of one project usually follow each other: skip the set for a repeat of the last claim.
        let mut last: Option<(u32, ProjectKey<'a>)> = None;
        let mut claim = |key: ProjectKey<'a>, range: PortRange| {
            for block in policy.blocks_touched(range) {
                let claimed = (block, key.clone());
                if last.as_ref() != Some(&claimed) && seen.insert(claimed.clone()) {
                    holders[block as usize].push(key.clone().into_owned());
                }
                last = Some(claimed);
            }
        };
        for project in registry.projects.iter().filter(|p| p.common.is_live()) {
            project.ports(policy).for_each(|range| claim(project.common.key(), range));
        }
        for instance in registry.instances.iter().filter(|i| i.common.is_live()) {
            instance.common.ranges.iter().for_each(|&range| claim(instance.common.key(), range));
        }
        Self { holders }
    }

    /// The projects holding `block`, by key.
    pub fn holders(&self, block: u32) -> &[ProjectKey<'static>] {
        self.holders.get(block as usize).map_or(&[], Vec::as_slice)
    }

    /// Whether no live row touches `block`.
    pub fn is_free(&self, block: u32) -> bool {
        self.holders(block).is_empty()
    }

    /// Whether `block` is free or held only by `project`.
    pub fn is_free_for(&self, block: u32, project: &str) -> bool {
        let key = ProjectKey::of(project);
        self.holders(block).iter().all(|h| *h == key)
    }

    /// Every free block, lowest first.
    pub fn free_blocks(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.holders.len() as u32).filter(|&b| self.is_free(b))
    }

    /// The lowest free block.
    pub fn next_free(&self) -> Option<u32> {
        (0..self.holders.len() as u32).find(|&b| self.is_free(b))
    }

    /// Number of blocks some live row touches.
    pub fn used(&self) -> u32 {
        self.holders.iter().filter(|h| !h.is_empty()).count() as u32
    }
}

/// The lowest block no live row touches.
pub fn next_free_block(registry: &Registry, policy: &Policy) -> Option<u32> {
    BlockMap::new(registry, policy).next_free()
}

/// A free instance slot of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstanceSlot {
    /// The project's block that holds it.
    pub block: u32,
    /// The instance number, 1-based.
    pub instance: u32,
    /// Its ports.
    pub range: PortRange,
}

/// Why no instance slot could be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllocError {
    /// No row of the registry names the project.
    UnknownProject(String),
    /// The project has rows but no live block in the project range.
    NoBlock(String),
    /// Every slot of every block of the project is taken.
    ProjectFull(String),
    /// The requested instance number is not 1…10.
    InstanceOutOfRange(u32),
    /// The requested instance is already registered.
    InstanceTaken {
        /// The project.
        project: String,
        /// The instance number.
        instance: u32,
    },
    /// Every project block is held.
    NoFreeBlock,
    /// The requested block is held by another project.
    BlockTaken(u32),
    /// The requested block is not one of the policy's.
    NoSuchBlock(u32),
}

impl fmt::Display for AllocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AllocError::UnknownProject(name) => write!(f, "no project {name} in the registry", name = Code(name)),
            AllocError::NoBlock(name) => write!(f, "{name} holds no block in the project range", name = Code(name)),
            AllocError::ProjectFull(name) => {
                write!(f, "every instance slot of {name} is taken; reserve an additional block", name = Code(name))
            }
            AllocError::InstanceOutOfRange(n) => write!(f, "instance {n} is not 1-10"),
            AllocError::InstanceTaken { project, instance } => {
                write!(f, "instance {instance} of {project} is already registered", project = Code(project))
            }
            AllocError::NoFreeBlock => write!(f, "every project block is taken"),
            AllocError::BlockTaken(block) => write!(f, "block {block} is already taken"),
            AllocError::NoSuchBlock(block) => write!(f, "there is no block {block}"),
        }
    }
}

impl std::error::Error for AllocError {}

/// The slots of `project`'s blocks that no live instance row claims, in order.
pub fn free_instances(registry: &Registry, policy: &Policy, project: &str) -> Result<Vec<InstanceSlot>, AllocError> {
    if registry.project_rows(project).next().is_none() {
        return Err(AllocError::UnknownProject(project.to_owned()));
    }
    let blocks = registry.blocks_of(project, policy);
    if blocks.is_empty() {
        return Err(AllocError::NoBlock(project.to_owned()));
    }
    let claimed: Vec<PortRange> = registry
        .instances
        .iter()
        .filter(|i| i.common.is_live())
        .flat_map(|i| i.common.ranges.iter().copied())
        .collect();
    let slots = blocks.into_iter().flat_map(|block| {
        (1..=policy.instances_per_block()).filter_map(move |instance| {
            let range = policy.instance_range(block, instance)?;
            Some(InstanceSlot { block, instance, range })
        })
    });
    Ok(slots.filter(|slot| !claimed.iter().any(|c| c.overlaps(slot.range))).collect())
}

/// The first free instance slot of `project`.
pub fn next_free_instance(registry: &Registry, policy: &Policy, project: &str) -> Result<InstanceSlot, AllocError> {
    free_instances(registry, policy, project)?
        .into_iter()
        .next()
        .ok_or_else(|| AllocError::ProjectFull(project.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
| Project | Block | Ports | Status |
|---|---|---|---|
| a | Block 0 | 30000-30099 | active |
| b | Block 1 | 30100-30199 | archived |
| c | Block 2 | 30200-30299 | reserved |

| Project | Instance | Ports | Status |
|---|---|---|---|
| a | 1 | 30000-30009 | active |
| a | 3 | 30020-30029 | active |
| a | 2 | 30010-30019 | deprecated |
";

    #[test]
    fn archived_blocks_are_free_again() {
        let policy = Policy::default();
        let registry = Registry::parse(DOC, &policy);
        let map = BlockMap::new(&registry, &policy);
        assert_eq!(map.next_free(), Some(1));
        assert_eq!(map.used(), 2);
        assert!(map.is_free_for(2, "C"));
        assert!(!map.is_free_for(2, "a"));
    }

    #[test]
    fn next_instance_skips_live_claims() {
        let policy = Policy::default();
        let registry = Registry::parse(DOC, &policy);
        let slot = next_free_instance(&registry, &policy, "a").unwrap();
        assert_eq!((slot.block, slot.instance, slot.range), (0, 2, PortRange::new(30010, 30019)));
        assert_eq!(free_instances(&registry, &policy, "a").unwrap().len(), 8);
        assert_eq!(next_free_instance(&registry, &policy, "zzz"), Err(AllocError::UnknownProject("zzz".into())));
        assert_eq!(next_free_instance(&registry, &policy, "b"), Err(AllocError::NoBlock("b".into())));
    }
}
