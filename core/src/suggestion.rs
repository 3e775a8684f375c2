//! Commands suggested to people (in a finding's help, a note), built so
//! that they run as written, or not given when portreg would refuse them.

use crate::code_span::Code;
use crate::ops::MAX_VALUE_CHARS;
use crate::text::{describe_unsafe, first_unsafe, shell_word, shell_word_bytes, visible};

/// A `portreg` command shown to people, in a finding's help or a note,
/// built so that it runs as written: every argument a [`shell_word`], a
/// `--` before the positional arguments when one starts with `-` (the
/// options then go before it), `--option=VALUE` for a value that starts
/// with `-`, and `./` before a file name that starts with `-`. A command
/// portreg would refuse (a project name or branch holding an unsafe
/// character, see [`unsafe_kind`], or an empty project name) is never
/// written: [`Suggestion::command`] gives the [`Refusal`] instead, which
/// says what to do first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    subcommand: &'static str,
    /// Each argument as written, and what it is.
    arguments: Vec<(Place, String)>,
    refusal: Option<Refusal>,
}

/// Why a suggested command is not written: portreg refuses what it would pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A project name that holds an unsafe character: every command refuses
    /// it, and the registry's cell is a P007 error.
    Name {
        /// The name, as the registry has it.
        name: String,
        /// Its first unsafe character.
        character: char,
    },
    /// A branch that holds an unsafe character, which portreg never records.
    Branch {
        /// The branch, as git has it.
        branch: String,
        /// Its first unsafe character.
        character: char,
    },
    /// No project name at all.
    EmptyName,
    /// A name or branch longer than any command takes.
    TooLong {
        /// `name` or `branch`.
        what: &'static str,
        /// Its length in characters.
        chars: usize,
    },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Name { name, character } => write!(
                f,
                "the name {} holds {}, which no portreg command takes: remove the character from the cell (P007)",
                Code(&visible(name)),
                describe_unsafe(*character)
            ),
            Refusal::Branch { branch, character } => write!(
                f,
                "the branch {} holds {}, which portreg never records: rename the branch without it \
                 (`git branch -m`)",
                Code(&visible(branch)),
                describe_unsafe(*character)
            ),
            Refusal::EmptyName => f.write_str("the row names no project: write the project's name in the cell"),
            Refusal::TooLong { what, chars } => write!(
                f,
                "the {what} has {chars} characters, and no portreg command takes more than {MAX_VALUE_CHARS}: \
                 shorten it first"
            ),
        }
    }
}

impl Suggestion {
    /// `portreg SUBCOMMAND`, with no argument yet.
    pub fn new(subcommand: &'static str) -> Self {
        Self { subcommand, arguments: Vec::new(), refusal: None }
    }

    /// A project name as the next positional argument.
    pub fn name(mut self, name: &str) -> Self {
        if name.is_empty() {
            self.refuse(Refusal::EmptyName);
        } else if let Some((_, character)) = first_unsafe(name) {
            self.refuse(Refusal::Name { name: name.to_owned(), character });
        } else if name.chars().count() > MAX_VALUE_CHARS {
            self.refuse(Refusal::TooLong { what: "name", chars: name.chars().count() });
        }
        self.positional(name, shell_word(name).into_owned())
    }

    /// A word such as a status as the next positional argument.
    pub fn word(self, word: &str) -> Self {
        self.positional(word, shell_word(word).into_owned())
    }

    /// The positional argument `text`, written `word`.
    fn positional(mut self, text: &str, word: String) -> Self {
        let place = if text.starts_with('-') && text != "-" { Place::Dashed } else { Place::Positional };
        self.arguments.push((place, word));
        self
    }

    /// A file as the next positional argument, by its bytes (a name need not
    /// be UTF-8): `-` is standard input, and any other name that starts with
    /// `-` gets `./` before it, so that it reads as a file.
    pub fn file(mut self, file: &[u8]) -> Self {
        let word = if file == b"-" {
            "-".to_owned()
        } else if file.starts_with(b"-") {
            shell_word_bytes(&[b"./", file].concat()).into_owned()
        } else {
            shell_word_bytes(file).into_owned()
        };
        self.arguments.push((Place::Positional, word));
        self
    }

    /// The registry `file` as the next positional argument ([`Suggestion::file`]),
    /// when there is one: `None` leaves portreg's default registry to the command.
    pub fn registry(self, file: Option<&[u8]>) -> Self {
        match file {
            Some(file) => self.file(file),
            None => self,
        }
    }

    /// An option with no value, such as `--write`.
    pub fn flag(mut self, flag: &'static str) -> Self {
        self.arguments.push((Place::Option, flag.to_owned()));
        self
    }

    /// An option and its value: `--option VALUE`, or `--option=VALUE` for a
    /// value that starts with `-`.
    pub fn option(mut self, option: &'static str, value: &str) -> Self {
        let written = match shell_word(value) {
            word if value.starts_with('-') => format!("{option}={word}"),
            word => format!("{option} {word}"),
        };
        self.arguments.push((Place::Option, written));
        self
    }

    /// `--branch BRANCH`, refused for a branch holding an unsafe character.
    pub fn branch(mut self, branch: &str) -> Self {
        if let Some((_, character)) = first_unsafe(branch) {
            self.refuse(Refusal::Branch { branch: branch.to_owned(), character });
        } else if branch.chars().count() > MAX_VALUE_CHARS {
            self.refuse(Refusal::TooLong { what: "branch", chars: branch.chars().count() });
        }
        self.option("--branch", branch)
    }

    /// A project name the command takes without naming it (`portreg lease`
    /// finds it by the worktree's path): checked as [`Suggestion::name`], not written.
    pub fn implied_name(mut self, name: &str) -> Self {
        let checked = Suggestion::new(self.subcommand).name(name);
        if let Some(refusal) = checked.refusal {
            self.refuse(refusal);
        }
        self
    }

    /// A branch the command records without naming it (`portreg lease`
    /// records the worktree's): checked as [`Suggestion::branch`], not written.
    pub fn implied_branch(mut self, branch: &str) -> Self {
        let checked = Suggestion::new(self.subcommand).branch(branch);
        if let Some(refusal) = checked.refusal {
            self.refuse(refusal);
        }
        self
    }

    /// Keeps the first reason the command would be refused.
    fn refuse(&mut self, refusal: Refusal) {
        self.refusal.get_or_insert(refusal);
    }

    /// The command as bash runs it, or why portreg would refuse it.
    pub fn command(&self) -> Result<String, Refusal> {
        if let Some(refusal) = &self.refusal {
            return Err(refusal.clone());
        }
        let mut out = format!("portreg {}", self.subcommand);
        let mut push = |word: &str| {
            out.push(' ');
            out.push_str(word);
        };
        if !self.arguments.iter().any(|(place, _)| *place == Place::Dashed) {
            self.arguments.iter().for_each(|(_, word)| push(word));
        } else {
            let options = self.arguments.iter().filter(|(place, _)| *place == Place::Option);
            options.for_each(|(_, word)| push(word));
            push("--");
            self.arguments.iter().filter(|(place, _)| *place != Place::Option).for_each(|(_, word)| push(word));
        }
        Ok(out)
    }
}

/// What an argument of a [`Suggestion`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// An option, with its value.
    Option,
    /// A positional argument.
    Positional,
    /// A positional argument that starts with `-`: it needs a `--` before it.
    Dashed,
}
