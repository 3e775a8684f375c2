//! The status vocabulary of registry rows.

use std::fmt;

/// A row's status. Cells are read case-insensitively.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Block held for a project that has not started using it.
    Reserved,
    /// In use.
    Active,
    /// Not in use now, still held.
    Inactive,
    /// Uses ports from before the policy; to be migrated.
    Legacy,
    /// A temporary assignment made in an emergency.
    Emergency,
    /// Being retired; takes part in no conflict.
    Deprecated,
    /// Retired; takes part in no conflict.
    Archived,
}

impl Status {
    /// Every status, in the order the policy lists them.
    pub const ALL: [Status; 7] = [
        Status::Reserved,
        Status::Active,
        Status::Inactive,
        Status::Legacy,
        Status::Emergency,
        Status::Deprecated,
        Status::Archived,
    ];

    /// The word as the registry writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Reserved => "reserved",
            Status::Active => "active",
            Status::Inactive => "inactive",
            Status::Legacy => "legacy",
            Status::Emergency => "emergency",
            Status::Deprecated => "deprecated",
            Status::Archived => "archived",
        }
    }

    /// Reads a status cell: its first word, ignoring case and any leading emoji.
    pub fn parse(text: &str) -> Option<Status> {
        let word =
            text.trim_start_matches(|c: char| !c.is_alphanumeric()).split(|c: char| !c.is_alphanumeric()).next()?;
        Status::ALL.into_iter().find(|s| s.as_str().eq_ignore_ascii_case(word))
    }

    /// Whether the row holds its ports: every status but deprecated and archived.
    pub fn is_live(self) -> bool {
        !matches!(self, Status::Deprecated | Status::Archived)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_case_insensitively_with_decorations() {
        assert_eq!(Status::parse("Active"), Some(Status::Active));
        assert_eq!(Status::parse("✅ active"), Some(Status::Active));
        assert_eq!(Status::parse("ARCHIVED (2024)"), Some(Status::Archived));
        assert_eq!(Status::parse("paused"), None);
        assert_eq!(Status::parse(""), None);
    }
}
