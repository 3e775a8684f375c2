//! `portreg`: check, query and edit a team's `ports.md` from a terminal or CI.

#![warn(clippy::too_many_lines)]

mod against;
mod args;
mod check;
mod clock;
mod commands;
mod diff;
mod edit_commands;
mod emergency;
mod git;
mod git_setup;
mod input;
mod lease;
mod limits;
mod listing;
mod live;
#[cfg(target_os = "linux")]
mod live_proc;
mod lock;
mod merge_driver;
mod out;
mod output;
mod prune;
mod report;
mod review;
mod snippets;
mod stale;
mod usage;
mod worktree;
mod write;

use std::process::ExitCode;

use clap::Parser;
use out::Out;

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
    let mut out = Out::new();
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return clap_message(&error, &mut out),
    };
    let result = commands::run(cli, &mut out).and_then(|outcome| out.flush().map(|()| outcome));
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Found) => ExitCode::from(1),
        Err(Failure(message)) => {
            out.discard();
            out::stderr_line(&format!("portreg: {message}"));
            ExitCode::from(2)
        }
    }
}

/// Prints clap's help, version or usage error as plain text, on the stream and
/// with the exit code clap gives it.
fn clap_message(error: &clap::Error, out: &mut Out) -> ExitCode {
    let text = error.render().to_string();
    let code = u8::try_from(error.exit_code()).unwrap_or(2);
    if error.use_stderr() {
        out::stderr_text(&text);
        return ExitCode::from(code);
    }
    match out.text(&text).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::from(code),
        Err(Failure(message)) => {
            out::stderr_line(&format!("portreg: {message}"));
            ExitCode::from(2)
        }
    }
}
