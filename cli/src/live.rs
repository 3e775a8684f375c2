//! What listens on this machine, read without root: on Linux from
//! `/proc/net/tcp` and `/proc/net/tcp6`, with process names and pids from
//! `/proc/*/fd` where this user may look; elsewhere from
//! `lsof -iTCP -sTCP:LISTEN -P -n`. What could not be seen is said.

use portreg_core::usage::{self, Format, Listing};

use crate::listing::read_limited;
use crate::Failure;

/// The live machine's listeners and what could not be seen.
pub struct Live {
    /// Where they were read from, for messages.
    pub source: &'static str,
    /// The listing read.
    pub listing: Listing,
    /// What could not be seen, as sentences.
    pub notes: Vec<String>,
}

/// Reads the live machine.
#[cfg(target_os = "linux")]
pub fn read() -> Result<Live, Failure> {
    let mut notes = Vec::new();
    let mut text = String::new();
    for path in ["/proc/net/tcp", "/proc/net/tcp6"] {
        match std::fs::File::open(path) {
            Ok(file) => text.push_str(&read_limited(file, path)?),
            Err(e) => notes
                .push(format!("{path} could not be read ({}): its sockets are not shown", crate::input::io_reason(&e))),
        }
    }
    let mut listing = match usage::parse(&text) {
        Ok(listing) => listing,
        Err(usage::ListingError::Empty | usage::ListingError::NoListeners { .. }) => {
            Listing { formats: vec![Format::ProcNet], ..Listing::default() }
        }
        Err(error) => return Err(Failure(format!("/proc/net/tcp: {error}"))),
    };
    // /proc/net/tcp and tcp6 show every socket of this network namespace, whoever owns it.
    listing.whole = notes.is_empty();
    let hidden = crate::live_proc::name_processes(&mut listing);
    let unnamed = listing.listeners.iter().filter(|l| l.pid.is_none()).count();
    if unnamed > 0 && hidden > 0 {
        notes.push(format!(
            "{unnamed} listeners belong to processes this user may not look at ({hidden} processes hidden): \
             run as root to name them"
        ));
    }
    Ok(Live { source: "/proc/net/tcp", listing, notes })
}

/// Reads the live machine.
#[cfg(not(target_os = "linux"))]
pub fn read() -> Result<Live, Failure> {
    let output =
        std::process::Command::new("lsof").args(["-iTCP", "-sTCP:LISTEN", "-P", "-n"]).output().map_err(|e| {
            Failure(format!("cannot run lsof ({}); pass a listing with --listing", crate::input::io_reason(&e)))
        })?;
    let text = read_limited(&output.stdout[..], "lsof's output")?;
    let listing = match usage::parse(&text) {
        Ok(listing) => listing,
        // lsof prints nothing (and exits 1) when nothing listens.
        Err(usage::ListingError::Empty | usage::ListingError::NoListeners { .. }) => {
            Listing { formats: vec![Format::Lsof], ..Listing::default() }
        }
        Err(error) => return Err(Failure(format!("lsof: {error}"))),
    };
    let notes =
        vec!["lsof without root shows this user's processes only: run with sudo to see every listener; entries \
         nothing listens on (U606) are not reported"
            .to_owned()];
    Ok(Live { source: "lsof -iTCP -sTCP:LISTEN -P -n", listing, notes })
}
