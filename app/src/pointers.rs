//! Where in the app a finding's help is done. Rules write their help for
//! the command line (`portreg reserve NAME`); the app points to its own
//! section that does the same, next to the help.

use crate::tabs::Tab;
use portreg_core::Span;

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
        Pointer {
            tab: Tab::Export,
            focus: "[data-testid=\"migration-project\"]",
            label: "Plan the move under Export",
            named: true,
        },
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
/// names. A command is one the help shows in backticks, so a name that reads
/// like a command inside one is never taken for one.
pub fn pointers(help: &str) -> Vec<Link> {
    let mut found: Vec<Link> = Vec::new();
    for part in portreg_core::spans(help) {
        let Span::Code(quoted) = part else { continue };
        let Some(rest) = quoted.strip_prefix("portreg ") else { continue };
        let word = rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).next().unwrap_or("");
        let pointer = COMMANDS.iter().find(|(command, _)| *command == word).map(|(_, p)| *p);
        if let Some(pointer) = pointer.filter(|p| !found.iter().any(|link| link.pointer == *p)) {
            let name = if pointer.named { project_argument(&rest[word.len()..]) } else { None };
            found.push(Link { pointer, name });
        }
    }
    found
}

/// The project a command names, as a shell reads its arguments: the word after `--` when there is one, else the first
/// word, unless that is an option, the placeholder `NAME`, or written in a
/// way this does not read (`$'…'`).
fn project_argument(rest: &str) -> Option<String> {
    let words = shell_words(rest)?;
    let name = match words.iter().position(|w| w == "--") {
        Some(dashes) => words.get(dashes + 1)?,
        None => words.first().filter(|w| !w.starts_with('-'))?,
    };
    (!name.is_empty() && name != "NAME").then(|| name.clone())
}

/// The words of a command line: plain words and words in single quotes (a
/// quote written `'\''`); `None` for anything else.
fn shell_words(line: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.next_if(|c| *c == ' ').is_some() {}
        match chars.peek() {
            None => return Some(words),
            Some('$' | '"' | '\\') => return None,
            _ => {}
        }
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            match c {
                ' ' => break,
                '\'' => {
                    chars.next();
                    loop {
                        match chars.next()? {
                            '\'' => break,
                            c => word.push(c),
                        }
                    }
                }
                // '\'' : an escaped quote between two quoted runs.
                '\\' => {
                    chars.next();
                    word.push(chars.next()?);
                }
                c => {
                    chars.next();
                    word.push(c);
                }
            }
        }
        words.push(word);
    }
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
        let name = |n: &str| vec![Some(n.to_owned())];
        assert_eq!(names("register it (`portreg reserve ghost`)"), name("ghost"));
        assert_eq!(names("`portreg set-status 'my app' active`"), name("my app"));
        assert_eq!(names("`portreg add-instance 'it'\\''s' --instance 2`"), name("it's"));
        assert_eq!(names("`portreg env -- '-x' --format toml`"), name("-x"));
        assert_eq!(names("`portreg set-status --instance 2 -- '-x' active`"), name("-x"));
        assert_eq!(names("`portreg env web,api --format toml`"), name("web,api"));
        assert_eq!(names("`portreg env API --format toml`"), name("API"));
        assert_eq!(names("`portreg emergency NAME`"), [None]);
        assert_eq!(names("`portreg reserve $'a\\x1bb'`"), [None]);
        assert_eq!(names("`portreg reserve 'unclosed`"), [None]);
        assert_eq!(names("`portreg reserve`"), [None]);
        // A name with backticks, quoted as core quotes it: between longer fences.
        let quoted = format!("register it: {}", portreg_core::Code("portreg reserve 'a`b``c'"));
        assert_eq!(names(&quoted), name("a`b``c"));
        assert_eq!(names("`portreg set-status --instance 2`"), [None]);
        // The free blocks take no project; the migration plan is of the one named.
        assert_eq!(names("`portreg next` or `portreg migrate api`"), [None, Some("api".to_owned())]);
        // A name that reads like a command is no command.
        assert_eq!(names("`portreg reserve 'typo portreg set-status beta'`").len(), 1);
    }
}
