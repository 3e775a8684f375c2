//! Config snippets for one instance of a project, and migration plans for
//! legacy projects. Every export is plain text built from the policy and the
//! registry; nothing is read from or written to disk here.
//!
//! Names reach exports only where they cannot become code: in comments, with
//! line ends, control characters and bidirectional controls and marks (the
//! characters of [`crate::unsafe_kind`]) written as a visible `\u{..}`
//! escape, and in identifiers reduced to the characters their format allows.
//! [`instance_ports`] and [`migration_plan`] refuse a project whose name
//! holds such a character, so that the registry gets fixed.

mod compose;
mod env;
mod frameworks;
mod migrate;
mod project_id;
mod scripts;
mod supabase;
pub mod supabase_cli;

pub use compose::compose_ports;
pub use env::{env_example, env_file, Assignment};
pub use frameworks::{app_env, express_server, fastapi_command, next_scripts, vite_config};
pub(crate) use migrate::held_blocks;
pub(crate) use migrate::plan_in_file;
pub use migrate::{migration_plan, MigrationPlan, PortMove};
pub use project_id::{name_hash, project_id, sanitized_by_cli, slug, PROJECT_ID_MAX};
pub use scripts::{check_ports_script, next_instance_script, ports_script};
pub use supabase::supabase_config;

use crate::code_span::Code;
use std::borrow::Cow;
use std::fmt;

pub(crate) use crate::text::visible;
use crate::text::{describe_unsafe, first_unsafe};

use crate::allocate::AllocError;
use crate::policy::{Policy, Role, Service};
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
    /// Whether the block is one of the project's additional blocks (not its
    /// first): its instances' ids then name the block.
    pub additional: bool,
    /// Whether the instance runs a local Supabase stack: then the stack binds
    /// the database, Supabase, analytics, pooler and +9 (its shadow database)
    /// ports itself, and +9 is not handed out as auxiliary.
    pub supabase: bool,
}

impl InstancePorts {
    /// The port of the service that plays `role`.
    pub fn port(&self, role: Role) -> Option<u32> {
        self.services.iter().find(|(s, _)| s.role == role).map(|&(_, port)| port)
    }

    /// The same instance, with or without a Supabase stack.
    pub fn with_supabase(mut self, supabase: bool) -> Self {
        self.supabase = supabase;
        self
    }

    /// The Supabase `project_id` and Compose project name of the instance.
    pub fn project_id(&self) -> String {
        project_id(&self.project, self.additional.then_some(self.block), self.instance)
    }

    /// The variable that carries `service`'s port: its own, except +9 under
    /// a Supabase stack, which is the shadow database's.
    pub fn variable(&self, service: &Service) -> Cow<'static, str> {
        match self.taken_by_stack(service) {
            Some(cli) if service.role == Role::Auxiliary => Cow::Owned(cli.variable()),
            _ => identifier(service.env_var),
        }
    }

    /// What `service`'s port is, as a person reads it: `Frontend Dev Server`,
    /// or `Supabase shadow database (was Reserved/Auxiliary)` under a stack.
    pub fn label(&self, service: &Service) -> String {
        match self.taken_by_stack(service) {
            Some(_) if service.role == Role::Auxiliary => {
                format!(
                    "Supabase shadow database (supabase db diff), not free for other use; {}",
                    visible(service.name)
                )
            }
            _ => visible(service.name).into_owned(),
        }
    }

    /// The Supabase CLI port that takes `service`'s, when the instance runs a stack.
    pub fn taken_by_stack(&self, service: &Service) -> Option<&'static supabase_cli::CliPort> {
        self.supabase.then(|| supabase_cli::cli_port_for(service.role)).flatten()
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
        slug(&self.project)
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
    /// The project to migrate already holds a block: its legacy ports go
    /// into that block (a plan into a new one would leave it behind with
    /// its instances, and no command records an instance in a second block).
    HoldsBlock {
        /// The project.
        project: String,
        /// Its first live block.
        block: u32,
        /// Its ports outside the project blocks.
        legacy: Vec<PortRange>,
    },
    /// A row of the project lists ports in the project blocks and outside
    /// them: the move retires rows whole, so it would retire block ports too.
    MixedRow {
        /// The project.
        project: String,
        /// Its ports outside the project blocks.
        legacy: Vec<PortRange>,
    },
    /// The registry edit the plan makes was refused.
    Edit(crate::ops::EditError),
    /// The project's name holds a character no export writes (a control
    /// character, a bidirectional override, isolate or mark, a line
    /// separator: see [`crate::unsafe_kind`]): the registry must be fixed.
    UnsafeName {
        /// The name as registered.
        project: String,
        /// The first such character.
        character: char,
        /// Its place in the name, counted in characters from 1.
        position: usize,
    },
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Alloc(error) => error.fmt(f),
            ExportError::NotProjectBlock { project, block } => {
                write!(f, "block {block} is not a block of {}", Code(&visible(project)))
            }
            ExportError::NothingToMigrate(project) => {
                write!(f, "{} holds no legacy, system or Supabase default ports to migrate", Code(&visible(project)))
            }
            ExportError::TooManyPorts(n) => write!(f, "{n} legacy ports do not fit in one block"),
            ExportError::HoldsBlock { project, block, legacy } => write!(
                f,
                "{} already holds block {block}: move its ports {} into free ports of that block, then retire the \
                 rows that list them",
                Code(&visible(project)),
                crate::ports::format_ranges(legacy),
            ),
            ExportError::MixedRow { project, legacy } => write!(
                f,
                "a row of {} lists ports in the project blocks and its ports {} outside them: split it into a \
                 row for its block and a legacy row first",
                Code(&visible(project)),
                crate::ports::format_ranges(legacy),
            ),
            ExportError::Edit(error) => error.fmt(f),
            ExportError::UnsafeName { project, character, position } => write!(
                f,
                "the name {} holds {}, at character {position}; exports never write it: fix the name in the registry",
                Code(&visible(project)),
                describe_unsafe(*character),
            ),
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
/// or in `block` when given. A name that holds a character no export writes
/// is refused ([`ExportError::UnsafeName`]).
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
    check_name(&row.common.name)?;
    let blocks = registry.blocks_of(project, policy);
    let block = match block {
        Some(b) if blocks.contains(&b) => b,
        Some(b) => return Err(ExportError::NotProjectBlock { project: row.common.name.to_string(), block: b }),
        None => *blocks.first().ok_or_else(|| AllocError::NoBlock(row.common.name.to_string()))?,
    };
    let instance = instance.unwrap_or(1);
    policy.instance_range(block, instance).ok_or(AllocError::InstanceOutOfRange(instance))?;
    let mut ports = for_slot(policy, &row.common.name, block, instance);
    ports.additional = blocks.first() != Some(&block);
    Ok(ports)
}

/// The instance ports of any slot, registered or planned. The name is taken
/// as it is: exports escape what [`instance_ports`] would refuse.
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
        additional: false,
        supabase: true,
    }
}

/// Refuses a project name that holds a character no export may write.
fn check_name(name: &str) -> Result<(), ExportError> {
    match first_unsafe(name) {
        Some((position, character)) => Err(ExportError::UnsafeName { project: name.to_owned(), character, position }),
        None => Ok(()),
    }
}

/// `text` as a shell, dotenv and compose variable name: ASCII letters, digits
/// and `_`, not starting with a digit; any other character becomes `_`.
pub(crate) fn identifier<'a>(text: &'a str) -> Cow<'a, str> {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    if text.chars().all(word) && text.starts_with(|c: char| !c.is_ascii_digit()) {
        return Cow::Borrowed(text);
    }
    let head = if text.starts_with(|c: char| c.is_ascii_digit()) || text.is_empty() { "_" } else { "" };
    Cow::Owned(head.chars().chain(text.chars().map(|c| if word(c) { c } else { '_' })).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_escapes_line_ends_controls_and_overrides() {
        assert_eq!(visible("my-project"), Cow::Borrowed("my-project"));
        assert_eq!(
            visible("a\nb\r\tc\u{1b}[0m\u{202e}d\u{2028}\u{85}🚀"),
            "a\\u{a}b\\u{d}\\u{9}c\\u{1b}[0m\\u{202e}d\\u{2028}\\u{85}🚀"
        );
    }

    #[test]
    fn identifiers_keep_word_characters() {
        assert_eq!(identifier("FRONTEND_PORT"), Cow::Borrowed("FRONTEND_PORT"));
        assert_eq!(identifier("A;B=$(x)"), "A_B___x_");
        assert_eq!(identifier("9X"), "_9X");
        assert_eq!(identifier(""), "_");
    }

    #[test]
    fn unsafe_names_are_refused_with_the_character_and_its_place() {
        let error = check_name("api\ntouch pwned").unwrap_err();
        assert_eq!(error, ExportError::UnsafeName { project: "api\ntouch pwned".into(), character: '\n', position: 4 });
        let message = error.to_string();
        assert!(message.contains("`api\\u{a}touch pwned` holds U+000A, a control character, at character 4"));
        assert!(message.contains("fix the name in the registry"));
        assert_eq!(check_name("my-project 🚀 'quoted' $(x)"), Ok(()));
        assert!(matches!(check_name("\u{2067}x"), Err(ExportError::UnsafeName { character: '\u{2067}', .. })));
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
