//! `portreg`: check, query and edit a team's `ports.md` from a terminal or CI.

mod args;
mod commands;
mod edit_commands;
mod input;
mod output;
mod write;

use std::process::ExitCode;

use clap::Parser;

/// Exit status of a command: no error found, an error found, or the call failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done; nothing wrong (warnings and infos allowed).
    Clean,
    /// Done, and an error was found or the request was refused.
    Found,
}

/// A failure to run at all: unreadable input, a wrong call, a failed write. Exit 2.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(error: E) -> Self {
        Failure(error.to_string())
    }
}

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Found) => ExitCode::from(1),
        Err(Failure(message)) => {
            eprintln!("portreg: {message}");
            ExitCode::from(2)
        }
    }
}
