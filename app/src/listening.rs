//! The listing pasted in the Usage section, read once: what listens on
//! which port, for the findings, the block grid and the block detail.

use portreg_core::usage::{self, Listener, Listing};
use portreg_core::PortRange;

use crate::analysis::megabytes;

/// The largest listing the app reads; a listing is far smaller.
pub const MAX_LISTING_BYTES: usize = 2 * 1024 * 1024;

/// The pasted listing as read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Listening {
    /// Nothing pasted.
    #[default]
    None,
    /// Not a listing the app reads, with why.
    Refused(String),
    /// Read.
    Read(Box<Listing>),
}

impl Listening {
    /// Reads `text`, a listing or nothing.
    pub fn of(text: &str) -> Self {
        if text.trim().is_empty() {
            return Listening::None;
        }
        if text.len() > MAX_LISTING_BYTES {
            return Listening::Refused(format!(
                "This listing is {}; the app reads listings up to {}.",
                megabytes(text.len()),
                megabytes(MAX_LISTING_BYTES)
            ));
        }
        match usage::parse(text) {
            Ok(listing) => Listening::Read(Box::new(listing)),
            Err(error) => Listening::Refused(format!("{error}.")),
        }
    }

    /// The listing, when one was read.
    pub fn listing(&self) -> Option<&Listing> {
        match self {
            Listening::Read(listing) => Some(listing),
            _ => None,
        }
    }

    /// The listeners on ports of `range`, by port.
    pub fn within(&self, range: PortRange) -> &[Listener] {
        self.listing().map_or(&[], |l| l.within(range))
    }

    /// Who listens on `port`, in words (`` `node` (pid 7) ``), each once; empty when nobody.
    pub fn who(&self, port: u32) -> String {
        let mut names: Vec<String> = Vec::new();
        for listener in self.within(PortRange::single(port)) {
            let who = listener.who();
            if !names.contains(&who) {
                names.push(who);
            }
        }
        names.join(", ")
    }
}
