//! portreg's core: read a team's `ports.md`, check it against the port policy,
//! find free blocks and instances, and look ports up.
//!
//! # A document is the unit of work
//! [`Document`] owns a registry's text, the policy it is read against, the
//! [`Registry`] read from it and what is derived once. Its methods check,
//! look up, edit and export; an edit returns an [`ops::Change`], and applying
//! it gives a new [`Document`] (or an [`edit::InvalidEdit`] when the change was
//! made for another text).
//!
//! # Round trip
//! The document is never re-rendered. [`Registry::parse`] keeps the byte range
//! of every table, row and cell and no copy of the text; edits are
//! [`TextEdit`]s on the original bytes, applied with [`edit::apply`]. An
//! unedited document is written back byte for byte, line endings, trailing
//! spaces and all.
//!
//! # Merging
//! [`merge::merge`] merges two versions of a registry made from one base,
//! entry by entry, as git's merge driver for `ports.md` does; a block two
//! branches both gave away is a collision, left as a conflict or moved to a
//! block free on both sides. [`worktree`] finds the project of a directory and
//! the instance of a branch. Both are pure: the caller runs git.
//!
//! # Limitations
//! - A table row is one line, as in GFM. Rows inside containers (block quotes,
//!   list items) are read, but their container prefix is not part of the row.
//! - Cell text drops inline markup: emphasis marks go, links keep their text,
//!   code keeps its content. Inline HTML is kept as written, as text.
//!
//! # Example
//! ```
//! use portreg_core::{check, Date, Policy};
//!
//! let doc = "| Project | Ports |\n|---|---|\n| api | 30500-30599 |\n| web | 30550-30649 |\n";
//! let found = check(doc, &Policy::default(), Date::parse("2025-01-01").unwrap());
//! let codes: Vec<&str> = found.iter().map(|d| d.code()).collect();
//! assert_eq!(codes, ["B101", "B102"]);
//! ```

#![warn(clippy::too_many_lines)]

pub mod allocate;
mod code_span;
mod date;
mod document;
pub mod edit;
pub mod export;
pub mod lookup;
pub mod markdown;
pub mod merge;
pub mod ops;
pub mod order;
pub mod overview;
pub mod part;
mod policy;
mod ports;
pub mod registry;
pub mod review;
pub mod rules;
pub mod share;
mod status;
mod suggestion;
mod text;
pub mod usage;
pub mod worktree;

pub use allocate::{next_free_block, next_free_instance, AllocError, BlockMap, InstanceSlot};
pub use code_span::{spans, Code, Span};
/// Short text stored inline: the cell values of registry rows.
pub use compact_str::CompactString;
pub use date::Date;
pub use document::Document;
pub use edit::TextEdit;
pub use lookup::{lookup, PortInfo, Zone};
pub use policy::{Policy, ReservedKind, ReservedRange, Role, Service, Slot, DEFAULT_PURPOSES, DEFAULT_SERVICES};
pub use ports::{format_ranges, parse_ports_cell, parse_range_list, BareNumber, PortRange, PortsCell, MAX_PORT};
pub use registry::Registry;
pub use rules::{check, Applicability, Diagnostic, Fix, Rule, Severity, Summary, RULES};
pub use status::Status;
pub use text::{
    describe_unsafe, is_unsafe_char, merge_typed, merge_typed_in, shell_word, unsafe_kind, visible, LineIndex,
};
