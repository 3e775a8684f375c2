//! What is listening on a machine, read from the listing a tool printed:
//! `lsof`, `ss`, `netstat` (Linux, macOS, Windows), `docker ps`, PowerShell's
//! `Get-NetTCPConnection`, Windows `netsh … excludedportrange` and Linux's
//! `/proc/net/tcp`. The format is recognised by itself, a listing may hold
//! several (each after its own header), and text that is none of them is an
//! error, never "nothing listens".
//!
//! Only TCP listening sockets count: UDP sockets and connections are passed
//! over. Every listener keeps the byte range of its line in the listing.

mod address;
mod docker;
mod lines;
mod lsof;
mod netsh;
mod netstat;
mod netstat_windows;
mod powershell;
mod proc_net;
mod prompt;
mod section;
mod ss;

use crate::code_span::Code;
use std::fmt;
use std::ops::Range;

pub use address::Bind;

use crate::ports::PortRange;

/// A command that prints a listing portreg reads, on one system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListingCommand {
    /// A short key for the system (`linux`).
    pub id: &'static str,
    /// The system, as people name it.
    pub system: &'static str,
    /// The command, as typed.
    pub command: &'static str,
}

/// The commands that print a listing portreg reads, one per system: what
/// `portreg usage --help` and the app's Usage section show.
pub const LISTING_COMMANDS: [ListingCommand; 5] = [
    ListingCommand { id: "linux", system: "Linux", command: "sudo ss -ltnp" },
    ListingCommand { id: "macos", system: "macOS", command: "sudo lsof -iTCP -sTCP:LISTEN -P -n" },
    ListingCommand {
        id: "windows",
        system: "Windows (PowerShell)",
        command: "Get-NetTCPConnection -State Listen | Select-Object LocalAddress,LocalPort,OwningProcess,\
                  @{Name='Process';Expression={(Get-Process -Id $_.OwningProcess).ProcessName}}",
    },
    ListingCommand {
        id: "windows-excluded",
        system: "Windows: ports it keeps for itself",
        command: "netsh interface ipv4 show excludedportrange protocol=tcp",
    },
    ListingCommand { id: "docker", system: "Docker", command: "docker ps" },
];

/// The largest listing read, in bytes. A busy machine's `lsof` is well under 1 MiB.
pub const MAX_LISTING_BYTES: usize = 16 * 1024 * 1024;

/// The most listeners a listing may name (`docker ps` ranges count each port).
pub const MAX_LISTENERS: usize = 200_000;

/// The most unreadable lines a listing keeps; the rest are counted.
pub const MAX_UNREADABLE_KEPT: usize = 100;

/// The tool a listing (or a part of it) comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `lsof -i -P -n`, with or without its header (`| grep LISTEN`).
    Lsof,
    /// `ss -ltnp`, `ss -tulpn`.
    Ss,
    /// Linux `netstat -an` (`-tlnp`).
    NetstatLinux,
    /// macOS `netstat -an` / `-anv`.
    NetstatMac,
    /// Windows `netstat -ano`.
    NetstatWindows,
    /// `docker ps`: its PORTS column.
    Docker,
    /// PowerShell `Get-NetTCPConnection -State Listen`.
    PowerShell,
    /// `netsh interface ipv4 show excludedportrange protocol=tcp`.
    Netsh,
    /// Linux `/proc/net/tcp` and `/proc/net/tcp6`.
    ProcNet,
}

impl Format {
    /// The tool that prints it, as people know it: its name, not one way
    /// of running it (`ss -ltnp` and `ss -tulpn` are both `ss`).
    pub fn command(self) -> &'static str {
        match self {
            Format::Lsof => "lsof",
            Format::Ss => "ss",
            Format::NetstatLinux => "netstat (Linux)",
            Format::NetstatMac => "netstat (macOS)",
            Format::NetstatWindows => "netstat (Windows)",
            Format::Docker => "docker ps",
            Format::PowerShell => "Get-NetTCPConnection",
            Format::Netsh => "netsh interface ipv4 show excludedportrange",
            Format::ProcNet => "/proc/net/tcp",
        }
    }

    /// Whether the format shows every TCP listener of the machine, so that
    /// a registered port missing from it is really idle. `docker ps` shows
    /// containers only and `netsh` no listener at all.
    pub fn shows_all_listeners(self) -> bool {
        !matches!(self, Format::Docker | Format::Netsh)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.command())
    }
}

/// A TCP socket listening on a host port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listener {
    /// The host port.
    pub port: u32,
    /// The address it is bound to.
    pub bind: Bind,
    /// The process (or container) name, as the listing wrote it.
    pub process: Option<String>,
    /// The process id, when the listing shows it.
    pub pid: Option<u32>,
    /// Whether it is a container's published port (`docker ps`).
    pub container: bool,
    /// The socket's inode (`/proc/net/tcp`), to find its process.
    pub inode: Option<u64>,
    /// The bytes of its line in the listing.
    pub source: Range<usize>,
}

impl Listener {
    /// What [`Listener::who`] says of a listener with no name and no pid.
    pub const UNKNOWN: &'static str = "an unknown process";

    /// `node (pid 41234)`, `pid 41234`, `container web`, or `unknown process`.
    pub fn who(&self) -> String {
        let name = self.process.as_deref().filter(|n| !n.is_empty());
        match (name, self.pid) {
            (Some(name), _) if self.container => format!("container {name}", name = Code(name)),
            (Some(name), Some(pid)) => format!("{name} (pid {pid})", name = Code(name)),
            (Some(name), None) => format!("{name}", name = Code(name)),
            (None, Some(pid)) => format!("pid {pid}"),
            (None, None) => Self::UNKNOWN.to_owned(),
        }
    }
}

/// A range of ports Windows keeps for itself (`netsh … excludedportrange`):
/// nothing else can bind them on that machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excluded {
    /// The ports.
    pub range: PortRange,
    /// Whether an administrator added it (marked `*`), rather than a service
    /// such as Hyper-V or Docker.
    pub administered: bool,
    /// The bytes of its line in the listing.
    pub source: Range<usize>,
}

/// A line of a listing that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The line's 1-based number in the listing.
    pub line: usize,
    /// The bytes of the line.
    pub source: Range<usize>,
    /// Why, as a short phrase.
    pub reason: String,
}

/// What a listing says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// The formats found, in the order they came.
    pub formats: Vec<Format>,
    /// Every TCP listener, by port (in listing order within a port), each
    /// socket once however often the listing repeats it.
    pub listeners: Vec<Listener>,
    /// Windows' excluded port ranges.
    pub excluded: Vec<Excluded>,
    /// Lines of a recognised format that could not be read: the first
    /// [`MAX_UNREADABLE_KEPT`] of them.
    pub unreadable: Vec<Unreadable>,
    /// How many lines could not be read, those not kept included.
    pub unreadable_count: usize,
    /// Whether the listing is known to show every TCP listener of its
    /// machine. [`parse`] never sets it: the text cannot tell, since
    /// `lsof -i :30000`, `ss 'sport = :30230'`, `| grep 3001` and a lone
    /// `/proc/net/tcp6` look like any other listing. The caller sets it when
    /// it read the machine itself or the user says the listing is whole.
    pub whole: bool,
}

impl Listing {
    /// The listeners on ports of `range`.
    pub fn within(&self, range: PortRange) -> &[Listener] {
        let start = self.listeners.partition_point(|l| l.port < range.start);
        let end = self.listeners.partition_point(|l| l.port <= range.end);
        self.listeners.get(start..end).unwrap_or_default()
    }

    /// The ports of `range` nothing else can bind on the listing's machine:
    /// those something listens on and those Windows excludes, ascending.
    pub fn taken_ports(&self, range: PortRange) -> Vec<u32> {
        let mut ports: Vec<u32> = self.within(range).iter().map(|l| l.port).collect();
        for excluded in self.excluded.iter().filter_map(|e| e.range.intersection(range)) {
            ports.extend(excluded.start..=excluded.end);
        }
        crate::order::sort_dedup(&mut ports);
        ports
    }

    /// Whether the listing shows every listener of its machine: it is
    /// [`whole`](Listing::whole) and some part of it is of a format that
    /// lists every listener.
    pub fn shows_all_listeners(&self) -> bool {
        self.whole && self.formats.iter().any(|f| f.shows_all_listeners())
    }
}

/// Why a text is not a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListingError {
    /// Nothing but blank lines.
    Empty,
    /// Larger than [`MAX_LISTING_BYTES`], or more listeners than [`MAX_LISTENERS`].
    TooLarge,
    /// No line is the header or a row of a known format.
    Unrecognised {
        /// The first line that is not blank, shortened.
        first_line: String,
    },
    /// A listing of sockets with no listening socket in it: `ss -tnp`
    /// without `-l`, `netstat -tn` ("w/o servers"). Read as is, it would say
    /// that nothing listens on any port.
    NoListeners {
        /// The first format found.
        format: Format,
    },
    /// The format was recognised, but not one of its rows could be read.
    NothingReadable {
        /// The format.
        format: Format,
        /// Why the first row could not be read.
        reason: String,
    },
}

impl fmt::Display for ListingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListingError::Empty => f.write_str("the listing is empty"),
            ListingError::TooLarge => write!(
                f,
                "the listing is larger than {} MiB or names more than {MAX_LISTENERS} ports",
                MAX_LISTING_BYTES / 1024 / 1024
            ),
            ListingError::Unrecognised { first_line } => write!(
                f,
                "not a listing portreg reads (lsof, ss, netstat, docker ps, Get-NetTCPConnection, netsh \
                 excludedportrange, /proc/net/tcp); it starts {first_line}",
                first_line = Code(first_line)
            ),
            ListingError::NoListeners { format } => write!(
                f,
                "the {format} listing shows no listening socket (`ss` and `netstat` list connections only \
                 without -l or -a): list again with `ss -ltnp`, `netstat -an` or `lsof -iTCP -sTCP:LISTEN -P -n`"
            ),
            ListingError::NothingReadable { format, reason } => {
                write!(f, "no row of the {format} listing could be read: {reason}")
            }
        }
    }
}

/// What a row of a listing holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Row {
    /// Listening sockets (a `docker ps` row can publish several).
    Listeners(Vec<Listener>),
    /// An excluded port range.
    Excluded(Excluded),
    /// The process of the row before (`netstat -anob`'s `[node.exe]` line).
    Owner(String),
    /// A note on the row before (`netstat -anob`'s service name, or `Can not
    /// obtain ownership information`).
    Note,
    /// Nothing that counts: a connection, a UDP socket, a separator, a note.
    Nothing,
}

/// Reads `text`, whatever listing it is.
pub fn parse(text: &str) -> Result<Listing, ListingError> {
    if text.len() > MAX_LISTING_BYTES {
        return Err(ListingError::TooLarge);
    }
    if text.trim().is_empty() {
        return Err(ListingError::Empty);
    }
    let mut listing = section::read(lines::split(text))?;
    if listing.listeners.len() > MAX_LISTENERS {
        return Err(ListingError::TooLarge);
    }
    let lists_other = listing.formats.iter().any(|f| !f.shows_all_listeners());
    if listing.listeners.is_empty() && !lists_other {
        let format = listing.formats.first().copied().unwrap_or(Format::Lsof);
        return Err(ListingError::NoListeners { format });
    }
    crate::order::sort_by_key(&mut listing.listeners, |l| u64::from(l.port));
    // The same line twice (a listing pasted twice, a repeated header) is one listener; an IPv4
    // and an IPv6 socket on one port are two lines, so two listeners.
    let mut seen = rustc_hash::FxHashSet::default();
    // (A `docker ps` row publishes a port on IPv4 and IPv6 from one line: those are kept.)
    listing.listeners.retain(|l| {
        if l.container {
            return true;
        }
        let line = text.get(l.source.clone()).unwrap_or("").trim();
        seen.insert((l.port, line, l.bind.to_string(), l.process.clone(), l.pid))
    });
    Ok(listing)
}
