//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use portreg_core::Date;

/// Check, query and edit a team's port registry (ports.md) against its port policy.
#[derive(Debug, Parser)]
#[command(name = "portreg", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Output format of commands that report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Lines for people and CI logs.
    Text,
    /// One JSON object, for tools.
    Json,
}

/// The registry file argument. Without one: `$PORTREG_REGISTRY`, `./ports.md`,
/// then `~/_ai/ports.md`; `-` reads standard input.
#[derive(Debug, Clone, clap::Args)]
pub struct RegistryArg {
    /// The registry (`-` for standard input).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// A subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the registry against the policy. Exit 0: no error; 1: errors; 2: unreadable.
    Check {
        /// The registry.
        #[command(flatten)]
        registry: RegistryArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The day to judge dates by (YYYY-MM-DD); the system date by default.
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<Date>,
    },
    /// What a port is under the policy and, with a registry, who holds it.
    Lookup {
        /// The port, 1-65535.
        port: u64,
        /// A registry to find the port's holders in.
        #[arg(long, value_name = "FILE")]
        registry: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// The next free block, or the next free instance of a project.
    Next {
        /// The registry.
        #[command(flatten)]
        registry: RegistryArg,
        /// Find the project's next free instance instead of a block.
        #[arg(long, value_name = "NAME")]
        project: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// The rule catalog, or one rule's documentation.
    Rules {
        /// A rule code, such as B101.
        code: Option<String>,
    },
}
