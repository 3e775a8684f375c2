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
    /// Whether the focused field takes the project the command names.
    pub named: bool,
}

/// A section to go to from a finding, with the project its command names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Where to go.
    pub pointer: Pointer,
    /// The project to put in the focused field, when the command names one.
    pub name: Option<String>,
}

/// The commands the app does itself, and where.
const COMMANDS: [(&str, Pointer); 8] = [
    (
        "reserve",
        Pointer {
            tab: Tab::Register,
            focus: "[data-testid=\"reserve-name\"]",
            label: "Reserve a block under Register",
            named: true,
        },
    ),
    (
        "add-instance",
        Pointer {
            tab: Tab::Register,
            focus: "[data-testid=\"instance-project\"]",
            label: "Add the instance under Register",
            named: true,
        },
    ),
    (
        "set-status",
        Pointer {
            tab: Tab::Register,
            focus: "[data-testid=\"status-project\"]",
            label: "Change the status under Register",
            named: true,
        },
    ),
    (
        "next",
        Pointer {
            tab: Tab::Register,
            focus: "[data-testid=\"reserve-block\"]",
            label: "See the free blocks under Register",
            named: false,
        },
    ),
    (
        "migrate",
        Pointer { tab: Tab::Export, focus: "#migration-title", label: "Plan the move under Export", named: false },
    ),
    (
        "env",
        Pointer {
            tab: Tab::Export,
            focus: "[data-testid=\"snippet-project\"]",
            label: "Get the snippets under Export",
            named: true,
        },
    ),
    (
        "emergency",
        Pointer {
            tab: Tab::Review,
            focus: "[data-testid=\"emergency-project\"]",
            label: "Record emergency ports under Review",
            named: true,
        },
    ),
    (
        "usage",
        Pointer {
            tab: Tab::Usage,
            focus: "[data-testid=\"listing-input\"]",
            label: "Paste a listing under Usage",
            named: false,
        },
    ),
];

/// The sections that do what the commands named in `help` do, each once, in
/// the order the help names them, with the project the first command of each
/// names.
pub fn pointers(help: &str) -> Vec<Link> {
    let mut found: Vec<Link> = Vec::new();
    for (at, _) in help.match_indices("portreg ") {
        let rest = &help[at + "portreg ".len()..];
        let word = rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).next().unwrap_or("");
        let pointer = COMMANDS.iter().find(|(command, _)| *command == word).map(|(_, p)| *p);
        if let Some(pointer) = pointer.filter(|p| !found.iter().any(|link| link.pointer == *p)) {
            let name = if pointer.named { first_argument(&rest[word.len()..]) } else { None };
            found.push(Link { pointer, name });
        }
    }
    found
}

/// The first argument of a command as a shell reads it (a plain word, or
/// one in single quotes, after `--`), unless it is a placeholder such as
/// `NAME` or is written in a way this does not read (`$'…'`).
fn first_argument(rest: &str) -> Option<String> {
    let rest = rest.trim_start_matches(' ');
    let rest = rest.strip_prefix("-- ").unwrap_or(rest);
    let mut word = String::new();
    let mut chars = rest.chars().peekable();
    match chars.peek() {
        Some('\'') => {
            // 'it'\''s': quoted runs, each quote written as '\''.
            loop {
                chars.next();
                loop {
                    match chars.next()? {
                        '\'' => break,
                        c => word.push(c),
                    }
                }
                if !rest_starts(&mut chars, "\\''") {
                    break;
                }
                word.push('\'');
            }
        }
        Some(c) if !c.is_whitespace() && !"`)$-".contains(*c) => {
            word.extend(chars.take_while(|c| !c.is_whitespace() && !"`),;'\"".contains(*c)));
        }
        _ => return None,
    }
    let placeholder = word.chars().all(|c| c.is_ascii_uppercase());
    (!word.is_empty() && !placeholder).then_some(word)
}

/// Whether `chars` go on with `text`, past which they are moved (a quote
/// opening the next run is left for the caller).
fn rest_starts(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, text: &str) -> bool {
    let ahead: String = chars.clone().take(text.chars().count()).collect();
    if ahead != text {
        return false;
    }
    // Past the backslash and the escaped quote; the run's opening quote stays.
    chars.nth(text.chars().count() - 2);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_to_the_sections_of_the_commands_named() {
        let labels = |help: &str| pointers(help).iter().map(|l| l.pointer.label).collect::<Vec<_>>();
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

    #[test]
    fn names_the_project_the_command_names() {
        let names = |help: &str| pointers(help).into_iter().map(|l| l.name).collect::<Vec<_>>();
        assert_eq!(names("register it (`portreg reserve ghost`)"), [Some("ghost".to_owned())]);
        assert_eq!(names("`portreg set-status 'my app' active`"), [Some("my app".to_owned())]);
        assert_eq!(names("`portreg add-instance 'it'\\''s' --instance 2`"), [Some("it's".to_owned())]);
        assert_eq!(names("`portreg env -- '-x' --format toml`"), [Some("-x".to_owned())]);
        assert_eq!(names("`portreg emergency NAME`"), [None]);
        assert_eq!(names("`portreg reserve $'a\\x1bb'`"), [None]);
        assert_eq!(names("`portreg reserve 'unclosed`"), [None]);
        assert_eq!(names("`portreg reserve`"), [None]);
        // The free blocks and the migration plan take no project.
        assert_eq!(names("`portreg next` or `portreg migrate api`"), [None, None]);
    }
}
