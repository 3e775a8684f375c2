//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use portreg_core::rules::Patterns;
use portreg_core::{Date, Status};

use crate::limits;

/// Check, query and edit a team's port registry (ports.md) against its port policy.
#[derive(Debug, Parser)]
#[command(name = "portreg", version, about, propagate_version = true, after_help = limits::help_note())]
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

/// Output format of `check`: the two of every command, and the formats CI
/// services read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Lines for people and CI logs.
    Text,
    /// One JSON object per registry, for tools.
    Json,
    /// GitHub Actions workflow commands: an annotation per finding.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML: a test case per rule and registry.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
}

/// Which rules report: `--select` and `--ignore`, each repeatable and each
/// a comma-separated list of codes or prefixes of codes.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SelectArgs {
    /// Report only these rules: codes (B104) or prefixes (I, B1), comma-separated.
    #[arg(long, value_name = "CODES", value_parser = parse_patterns)]
    pub select: Vec<String>,
    /// Never report these rules: codes or prefixes, comma-separated.
    #[arg(long, value_name = "CODES", value_parser = parse_patterns)]
    pub ignore: Vec<String>,
}

/// A `--select` or `--ignore` value, kept as written once it names only known rules.
fn parse_patterns(text: &str) -> Result<String, String> {
    Patterns::parse(text).map(|_| text.to_owned()).map_err(|unknown| unknown.to_string())
}

/// A pasted listing of what listens, and whether it shows everything.
#[derive(Debug, Clone, clap::Args)]
pub struct ListingArgs {
    /// A listing (`-` for standard input): lsof, ss, netstat, docker ps,
    /// Get-NetTCPConnection, netsh excludedportrange or /proc/net/tcp output.
    #[arg(long, value_name = "PATH")]
    pub listing: Option<PathBuf>,
    /// The listing shows every listener of the machine (not filtered,
    /// IPv4 and IPv6, every user's): also report entries nothing listens
    /// on (U606). Without it only the live machine's reading is whole.
    #[arg(long, requires = "listing")]
    pub whole: bool,
}

/// Where an edited registry goes: back into the file (atomically) by default.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct WriteArgs {
    /// Print the edited document instead of writing the file.
    #[arg(long, conflicts_with = "diff")]
    pub stdout: bool,
    /// Print the changed lines as a unified diff instead of writing the file.
    #[arg(long)]
    pub diff: bool,
}

impl WriteArgs {
    /// Whether the result goes back into the file (neither printed nor diffed).
    pub fn writes_back(self) -> bool {
        !self.stdout && !self.diff
    }
}

/// Which config snippet `env` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Snippet {
    /// `.env` lines.
    Env,
    /// `.env.example` with comments.
    EnvExample,
    /// `supabase/config.toml` port settings.
    Toml,
    /// docker compose `ports:` lists.
    Compose,
    /// `scripts/ports.sh`, `scripts/check-ports.sh` and `scripts/next-instance.sh`.
    Scripts,
    /// `scripts/ports.sh` alone.
    PortsSh,
    /// `scripts/check-ports.sh` alone.
    CheckPortsSh,
    /// `scripts/next-instance.sh` alone.
    NextInstanceSh,
    /// The app's `.env.local`: `DATABASE_URL`, `SUPABASE_URL`, `NEXT_PUBLIC_SUPABASE_URL`, `VITE_SUPABASE_URL`.
    AppEnv,
    /// Next.js `package.json` scripts (`next dev` ignores `PORT` in `.env`).
    Next,
    /// `vite.config.ts` with `strictPort`.
    Vite,
    /// An Express server on the API port.
    Express,
    /// The uvicorn command of a FastAPI app on the API port.
    Fastapi,
}

fn parse_status(text: &str) -> Result<Status, String> {
    Status::parse(text)
        .filter(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
        .ok_or_else(|| "expected reserved, active, inactive, legacy, emergency, deprecated or archived".to_owned())
}

fn parse_range(text: &str) -> Result<portreg_core::PortRange, String> {
    match portreg_core::parse_range_list(text)?.as_slice() {
        [range] => Ok(*range),
        _ => Err("expected one port range, such as 40000-40009".to_owned()),
    }
}

/// How large a registry may be, for `--help`.
fn registry_limit() -> String {
    format!("at most {} MiB", limits::MAX_REGISTRY_MIB)
}

/// Help of the registry argument.
fn registry_help() -> String {
    format!("The registry (`-` for standard input), {}", registry_limit())
}

/// The registry file argument. Without one: `$PORTREG_REGISTRY`, `./ports.md`,
/// then `~/_ai/ports.md`; `-` reads standard input.
#[derive(Debug, Clone, clap::Args)]
pub struct RegistryArg {
    /// The registry (`-` for standard input), within the size limit.
    #[arg(value_name = "FILE", help = registry_help())]
    pub file: Option<PathBuf>,
}

/// The registries `check` reads: none for the default registry, `-` for
/// standard input, or several files.
#[derive(Debug, Clone, clap::Args)]
pub struct RegistryFiles {
    /// The registries (`-` for standard input), each within the size limit.
    #[arg(value_name = "FILE", help = format!("The registries (`-` for standard input), each {}", registry_limit()))]
    pub files: Vec<PathBuf>,
}

/// A subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check registries against the policy. Exit 0: no error; 1: errors; 2: unreadable.
    Check {
        /// The registries.
        #[command(flatten)]
        registries: RegistryFiles,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Which rules report.
        #[command(flatten)]
        selection: SelectArgs,
        /// The day to judge dates by (YYYY-MM-DD); the system date by default.
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<Date>,
        /// Also check the registry as it would be after merging with this git
        /// ref (such as origin/main): a block taken on both sides is G701.
        #[arg(long, value_name = "REF")]
        against: Option<String>,
    },
    /// What a port is under the policy and, with a registry, who holds it.
    Lookup {
        /// The port, 1-65535.
        port: u64,
        /// A registry to find the port's holders in, within the size limit.
        #[arg(long, value_name = "FILE", help = format!("A registry to find the port's holders in, {}", registry_limit()))]
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
    /// Reserve a block for a new project (the next free one, or --block).
    Reserve {
        /// The project's name.
        name: String,
        /// The registry.
        #[command(flatten)]
        registry: RegistryArg,
        /// Where the project lives.
        #[arg(long, default_value = "")]
        path: String,
        /// Who to ask about it.
        #[arg(long, default_value = "")]
        owner: String,
        /// A chosen block (0-99) instead of the next free one.
        #[arg(long)]
        block: Option<u32>,
        /// Give a project that already holds a block another one.
        #[arg(long)]
        additional: bool,
        /// The date to write (YYYY-MM-DD); the system date by default.
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<Date>,
        /// Where the result goes.
        #[command(flatten)]
        output: WriteArgs,
    },
    /// Input a new instance of a project (the next free slot, or --instance).
    AddInstance {
        /// The project, as registered.
        project: String,
        /// The registry.
        #[command(flatten)]
        registry: RegistryArg,
        /// A chosen instance number (1-10).
        #[arg(long)]
        instance: Option<u32>,
        /// The purpose; the policy's purpose of the instance by default.
        #[arg(long)]
        purpose: Option<String>,
        /// Branch or environment.
        #[arg(long, default_value = "")]
        branch: String,
        /// Status of the new row.
        #[arg(long, default_value = "active", value_parser = parse_status)]
        status: Status,
        /// Where the result goes.
        #[command(flatten)]
        output: WriteArgs,
    },
    /// Change the status of a project's rows, or of one instance.
    SetStatus {
        /// The project, as registered.
        name: String,
        /// reserved, active, inactive, legacy, emergency, deprecated or archived.
        #[arg(value_parser = parse_status)]
        status: Status,
        /// The registry.
        #[command(flatten)]
        registry: RegistryArg,
        /// Change only this instance's rows.
        #[arg(long)]
        instance: Option<u32>,
        /// Change only the projects row with exactly these ports (such as an
        /// emergency row: 40000-40009). Without it, emergency rows keep their
        /// status unless all rows are emergency ones or STATUS is archived.
        #[arg(long, value_name = "RANGE", conflicts_with = "instance", value_parser = parse_range)]
        ports: Option<portreg_core::PortRange>,
        /// The date to write on projects rows (YYYY-MM-DD); the system date by default.
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<Date>,
        /// Where the result goes.
        #[command(flatten)]
        output: WriteArgs,
    },
    /// Apply the safe automatic fixes the checker offers (and the unsafe ones with --unsafe-fixes).
    #[command(
        mut_arg("select", |a| a.help("Apply only the fixes of these rules: codes (B104) or prefixes (I, B1), comma-separated")),
        mut_arg("ignore", |a| a.help("Never apply the fixes of these rules: codes or prefixes, comma-separated"))
    )]
    Fix {
        /// The registry.
        #[command(flatten)]
        registry: RegistryArg,
        /// The day to judge dates by (YYYY-MM-DD); the system date by default.
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<Date>,
        /// Also apply unsafe fixes: those that change the ports of a live
        /// project (its configs and running services keep the old ones).
        #[arg(long)]
        unsafe_fixes: bool,
        /// Which rules' fixes apply.
        #[command(flatten)]
        selection: SelectArgs,
        /// Where the result goes.
        #[command(flatten)]
        output: WriteArgs,
    },
    /// Align the columns of the registry tables.
    Fmt {
        /// The registry.
        #[command(flatten)]
        registry: RegistryArg,
        /// Only report whether the file is formatted (exit 1 when it is not).
        #[arg(long, conflicts_with_all = ["stdout", "diff"])]
        check: bool,
        /// Where the result goes.
        #[command(flatten)]
        output: WriteArgs,
    },
    /// Config snippets for an instance of a project. Without PROJECT: the
    /// project whose Path holds this git worktree, and the instance of its branch.
    Env {
        /// The project, as registered; the one whose Path holds this worktree by default.
        project: Option<String>,
        /// The registry.
        #[command(flatten)]
        registry: RegistryArg,
        /// Instance number (1-10); without PROJECT the instance of the branch, else 1.
        #[arg(long)]
        instance: Option<u32>,
        /// The branch whose instance to show; the worktree's own by default.
        #[arg(long, conflicts_with = "instance")]
        branch: Option<String>,
        /// One of the project's blocks; its first by default.
        #[arg(long)]
        block: Option<u32>,
        /// What to print.
        #[arg(long, value_enum, default_value_t = Snippet::Env)]
        format: Snippet,
        /// The instance runs no local Supabase stack: +9 is auxiliary, and
        /// neither the Supabase CLI's variables nor its services are written.
        #[arg(long)]
        no_supabase: bool,
    },
    /// Plan the move of a legacy project into a block (prints the plan; --write edits the registry).
    Migrate {
        /// The project, as registered.
        project: String,
        /// The registry.
        #[command(flatten)]
        registry: RegistryArg,
        /// A chosen free block instead of the next free one.
        #[arg(long)]
        block: Option<u32>,
        /// The date to write (YYYY-MM-DD); the system date by default.
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<Date>,
        /// Apply the plan's registry edits instead of printing the plan.
        #[arg(long)]
        write: bool,
        /// With --write: where the result goes.
        #[command(flatten)]
        output: WriteArgs,
    },
    /// What is listening, checked against the registry (rules U6xx): the
    /// live machine, or a pasted listing. Exit 0: no error; 1: errors; 2: unreadable.
    #[command(after_help = crate::usage::listing_commands_help())]
    Usage {
        /// The registry.
        #[command(flatten)]
        registry: RegistryArg,
        /// A listing to read instead of the live machine.
        #[command(flatten)]
        listing: ListingArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The day to judge dates by (YYYY-MM-DD); the system date by default.
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<Date>,
    },
    /// Record free emergency ports (40000 and up) for a project, and print the plan to move back.
    Emergency {
        /// The project that needs them.
        name: String,
        /// The registry.
        #[command(flatten)]
        registry: RegistryArg,
        /// How many consecutive ports (1-100).
        #[arg(long, default_value_t = 10)]
        ports: u32,
        /// Where the project lives.
        #[arg(long, default_value = "")]
        path: String,
        /// Who to ask about it.
        #[arg(long, default_value = "")]
        owner: String,
        /// A listing (`-` for standard input) whose listening ports are not handed out.
        #[arg(long, value_name = "PATH")]
        listing: Option<PathBuf>,
        /// The date to write (YYYY-MM-DD); the system date by default.
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<Date>,
        /// Where the result goes.
        #[command(flatten)]
        output: WriteArgs,
    },
    /// The policy's regular review: what to archive, deprecated entries, old
    /// emergency assignments, blocks left, and with a listing what does not match use.
    Review {
        /// The registry.
        #[command(flatten)]
        registry: RegistryArg,
        /// A listing to check assignments against use.
        #[command(flatten)]
        listing: ListingArgs,
        /// List emergency assignments older than this many days.
        #[arg(long, value_name = "DAYS", default_value_t = portreg_core::review::EMERGENCY_DAYS)]
        emergency_days: i64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The day to judge dates by (YYYY-MM-DD); the system date by default.
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<Date>,
    },
    /// The rule catalog, or one rule's documentation.
    Rules {
        /// A rule code, such as B101.
        code: Option<String>,
    },
    /// Git's merge driver for the registry (`%O %A %B %P`): merges by entry
    /// into OURS. Exit 0: merged; 1: conflicts left; 2: not merged.
    MergeDriver {
        /// The common ancestor (git's %O).
        base: PathBuf,
        /// Ours (git's %A); receives the result.
        ours: PathBuf,
        /// Theirs (git's %B).
        theirs: PathBuf,
        /// The registry's path in the repository (git's %P), for messages.
        path: Option<String>,
        /// What to do when both sides took one block or slot.
        #[arg(long, value_enum, default_value_t = ResolveArg::Conflict)]
        resolve: ResolveArg,
        /// The length of conflict markers (git's %L; 7 unless the
        /// conflict-marker-size attribute says more).
        #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u16).range(7..=1000))]
        marker_size: u16,
    },
    /// Install the merge driver for the registry in its git repository
    /// (.gitattributes and the repository's git config).
    GitSetup {
        /// The registry.
        #[command(flatten)]
        registry: RegistryArg,
        /// What the driver does when both sides took one block or slot.
        #[arg(long, value_enum, default_value_t = ResolveArg::Conflict)]
        resolve: ResolveArg,
    },
    /// Give this git worktree an instance of its project (the one its branch
    /// has, or the next free slot) and print its ports.
    Lease {
        /// The registry.
        #[command(flatten)]
        registry: RegistryArg,
        /// The branch to lease for; the worktree's own by default.
        #[arg(long)]
        branch: Option<String>,
        /// What to print.
        #[arg(long, value_enum, default_value_t = Snippet::Env)]
        format: Snippet,
        /// The instance runs no local Supabase stack (as for `env`).
        #[arg(long)]
        no_supabase: bool,
    },
    /// Archive the instance rows of this project whose branch a merge commit
    /// brought into the default branch, checked out nowhere, deleted or not (a
    /// branch git cannot tell was merged is left alone, and said so).
    Prune {
        /// The registry.
        #[command(flatten)]
        registry: RegistryArg,
        /// Say what would be archived, and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// What the merge driver does when both sides took one block or slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResolveArg {
    /// Conflict markers around the colliding rows, for a person.
    Conflict,
    /// Move theirs' new project to a block free on both sides.
    Move,
}

impl From<ResolveArg> for portreg_core::merge::Resolve {
    fn from(arg: ResolveArg) -> Self {
        match arg {
            ResolveArg::Conflict => Self::Conflict,
            ResolveArg::Move => Self::Move,
        }
    }
}
