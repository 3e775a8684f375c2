//! Config snippets for one instance of a project, and migration plans for
//! legacy projects. Every export is plain text built from the policy and the
//! registry; nothing is read from or written to disk here.

mod compose;
mod env;
mod migrate;
mod scripts;
mod supabase;

pub use compose::compose_ports;
pub use env::{env_example, env_file};
pub use migrate::{migration_plan, MigrationPlan, PortMove};
pub use scripts::{check_ports_script, ports_script};
pub use supabase::supabase_config;

use std::fmt;

use crate::allocate::AllocError;
use crate::policy::{Policy, Service};
use crate::ports::PortRange;
use crate::registry::Registry;

/// One instance of a project, with everything exports need to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstancePorts {
    /// Project name as registered.
    pub project: String,
    /// Its block.
    pub block: u32,
    /// The block's ports.
    pub block_range: PortRange,
    /// Instance number, 1-based.
    pub instance: u32,
    /// The instance's ports.
    pub range: PortRange,
    /// The policy's purpose of the instance.
    pub purpose: String,
    /// The services, each with its port.
    pub services: Vec<(Service, u32)>,
}

impl InstancePorts {
    /// The port of the service with `key` (`frontend`, `database`…).
    pub fn port(&self, key: &str) -> Option<u32> {
        self.services.iter().find(|(s, _)| s.key == key).map(|&(_, port)| port)
    }

    /// A one-line description: `api, instance 1 (Development/Main): 30500-30509, block 5`.
    pub fn describe(&self) -> String {
        format!(
            "{}, instance {} ({}): {}, block {} ({})",
            self.project, self.instance, self.purpose, self.range, self.block, self.block_range
        )
    }

    /// A name safe for identifiers: lowercase letters, digits and dashes.
    pub fn slug(&self) -> String {
        let mut slug = String::new();
        for c in self.project.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        let slug = slug.trim_end_matches('-');
        if slug.is_empty() {
            "project".to_owned()
        } else {
            slug.to_owned()
        }
    }
}

/// Why an export could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The project or its block could not be found.
    Alloc(AllocError),
    /// The chosen block is not one of the project's.
    NotProjectBlock {
        /// The project.
        project: String,
        /// The block asked for.
        block: u32,
    },
    /// The project holds no ports outside the project blocks, so there is
    /// nothing to migrate.
    NothingToMigrate(String),
    /// More legacy ports than a block has.
    TooManyPorts(usize),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Alloc(error) => error.fmt(f),
            ExportError::NotProjectBlock { project, block } => write!(f, "block {block} is not a block of `{project}`"),
            ExportError::NothingToMigrate(project) => {
                write!(f, "`{project}` holds no legacy, system or Supabase default ports to migrate")
            }
            ExportError::TooManyPorts(n) => write!(f, "{n} legacy ports do not fit in one block"),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<AllocError> for ExportError {
    fn from(error: AllocError) -> Self {
        ExportError::Alloc(error)
    }
}

/// Instance `instance` (1 by default) of `project`, in its first live block
/// or in `block` when given.
pub fn instance_ports(
    registry: &Registry,
    policy: &Policy,
    project: &str,
    instance: Option<u32>,
    block: Option<u32>,
) -> Result<InstancePorts, ExportError> {
    let Some(row) = registry.project_rows(project).next() else {
        return Err(AllocError::UnknownProject(project.to_owned()).into());
    };
    let blocks = registry.blocks_of(project, policy);
    let block = match block {
        Some(b) if blocks.contains(&b) => b,
        Some(b) => return Err(ExportError::NotProjectBlock { project: row.common.name.to_string(), block: b }),
        None => *blocks.first().ok_or_else(|| AllocError::NoBlock(row.common.name.to_string()))?,
    };
    let instance = instance.unwrap_or(1);
    policy.instance_range(block, instance).ok_or(AllocError::InstanceOutOfRange(instance))?;
    Ok(for_slot(policy, &row.common.name, block, instance))
}

/// The instance ports of any slot, registered or planned.
pub fn for_slot(policy: &Policy, project: &str, block: u32, instance: u32) -> InstancePorts {
    let block_range = policy.block_range(block).unwrap_or(PortRange::single(0));
    let range = policy.instance_range(block, instance).unwrap_or(block_range);
    InstancePorts {
        project: project.to_owned(),
        block,
        block_range,
        instance,
        range,
        purpose: policy.purpose(instance).unwrap_or("instance").to_owned(),
        services: policy.services.iter().map(|s| (*s, range.start + s.offset)).collect(),
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    /// Instance 2 of `my-project` in block 5, as the policy's examples have it.
    pub fn my_project() -> InstancePorts {
        for_slot(&Policy::default(), "my-project", 5, 2)
    }
}
