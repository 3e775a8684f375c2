//! Where in the app a finding's help is done. Rules write their help for
//! the command line (`portreg reserve NAME`); the app points to its own
//! section that does the same, next to the help.

use crate::tabs::Tab;

/// A section of the app that does what a command of the help does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pointer {
    /// The tab with the form or the output.
    pub tab: Tab,
    /// The element focused once the tab is shown.
    pub focus: &'static str,
    /// What the button says.
    pub label: &'static str,
}

/// The commands the app does itself, and where.
const COMMANDS: [(&str, Pointer); 8] = [
    (
        "reserve",
        Pointer {
            tab: Tab::Register,
            focus: "[data-testid=\"reserve-name\"]",
            label: "Reserve a block under Register",
        },
    ),
    (
        "add-instance",
        Pointer {
            tab: Tab::Register,
            focus: "[data-testid=\"instance-project\"]",
            label: "Add the instance under Register",
        },
    ),
    (
        "set-status",
        Pointer {
            tab: Tab::Register,
            focus: "[data-testid=\"status-project\"]",
            label: "Change the status under Register",
        },
    ),
    (
        "next",
        Pointer {
            tab: Tab::Register,
            focus: "[data-testid=\"reserve-block\"]",
            label: "See the free blocks under Register",
        },
    ),
    ("migrate", Pointer { tab: Tab::Export, focus: "#migration-title", label: "Plan the move under Export" }),
    (
        "env",
        Pointer {
            tab: Tab::Export,
            focus: "[data-testid=\"snippet-project\"]",
            label: "Get the snippets under Export",
        },
    ),
    (
        "emergency",
        Pointer {
            tab: Tab::Review,
            focus: "[data-testid=\"emergency-project\"]",
            label: "Record emergency ports under Review",
        },
    ),
    (
        "usage",
        Pointer { tab: Tab::Usage, focus: "[data-testid=\"listing-input\"]", label: "Paste a listing under Usage" },
    ),
];

/// The sections that do what the commands named in `help` do, each once, in
/// the order the help names them.
pub fn pointers(help: &str) -> Vec<Pointer> {
    let mut found: Vec<Pointer> = Vec::new();
    for (at, _) in help.match_indices("portreg ") {
        let rest = &help[at + "portreg ".len()..];
        let word = rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).next().unwrap_or("");
        let pointer = COMMANDS.iter().find(|(command, _)| *command == word).map(|(_, p)| *p);
        if let Some(pointer) = pointer.filter(|p| !found.contains(p)) {
            found.push(pointer);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_to_the_sections_of_the_commands_named() {
        let labels = |help: &str| pointers(help).iter().map(|p| p.label).collect::<Vec<_>>();
        assert_eq!(
            labels("correct the name, or register the project first: `portreg reserve ghost`"),
            ["Reserve a block under Register"]
        );
        assert_eq!(
            labels("give Supabase its ports (`portreg env api --format toml`)"),
            ["Get the snippets under Export"]
        );
        assert_eq!(
            labels("record one (`portreg emergency NAME`) or `portreg emergency X`"),
            ["Record emergency ports under Review"]
        );
        assert!(labels("run `portreg check --against main` again").is_empty());
        assert!(labels("no command here").is_empty());
    }
}
