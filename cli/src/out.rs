//! Standard output and standard error, written without ever panicking.
//!
//! A reader that closes the pipe early (`portreg check | head -1`) switches
//! standard output off quietly: the command runs to its end and exits with its
//! own status, as if everything had been read. Any other failed write to
//! standard output is a [`Failure`] (exit 2). A failed write to standard error
//! is ignored: there is nowhere left to say it.

use std::borrow::Cow;
use std::io::{self, ErrorKind, IsTerminal, Write};

use portreg_core::is_unsafe_char;

use crate::input::io_reason;
use crate::output::escape;
use crate::Failure;

/// Bytes gathered before they are handed to standard output.
const BUFFER: usize = 64 * 1024;

/// The program's standard output (buffered) and standard error.
#[derive(Debug, Default)]
pub struct Out {
    /// Written but not yet handed to standard output.
    buffer: Vec<u8>,
    /// Standard output is gone (closed pipe or failed write): writes are dropped.
    gone: bool,
    /// Standard output is a terminal: a document is shown, not handed on.
    terminal: bool,
}

impl Out {
    /// Nothing written yet.
    pub fn new() -> Self {
        Self { terminal: io::stdout().is_terminal(), ..Self::default() }
    }

    /// Writes a document or a diff of one: as it is into a pipe or a file
    /// (for `patch`, `git apply` or a redirect, byte for byte), and with
    /// [`escape_document`] on a terminal, so no text of the registry acts on
    /// the terminal (clears it, moves the cursor over a line, sets its title).
    pub fn document(&mut self, text: &str) -> Result<(), Failure> {
        if self.terminal {
            self.raw(escape_document(text).as_bytes())
        } else {
            self.raw(text.as_bytes())
        }
    }

    /// Writes `bytes` as they are: a document, a diff, JSON.
    pub fn raw(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        if self.gone {
            return Ok(());
        }
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= BUFFER {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes text for people, each line escaped ([`escape`]); its line
    /// breaks are kept.
    pub fn text(&mut self, text: &str) -> Result<(), Failure> {
        self.raw(escape_lines(text).as_bytes())
    }

    /// Writes one line of text for people, escaped ([`escape`]), and a newline.
    pub fn line(&mut self, line: &str) -> Result<(), Failure> {
        self.raw(escape(line).as_bytes())?;
        self.raw(b"\n")
    }

    /// Hands what was written to standard output. A closed pipe ends output
    /// quietly; another failure is reported once.
    pub fn flush(&mut self) -> Result<(), Failure> {
        let bytes = std::mem::take(&mut self.buffer);
        if self.gone {
            return Ok(());
        }
        let mut stdout = io::stdout().lock();
        match stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
            Ok(()) => Ok(()),
            Err(error) => {
                self.gone = true;
                if error.kind() == ErrorKind::BrokenPipe {
                    Ok(())
                } else {
                    Err(Failure(format!("cannot write to standard output: {}", io_reason(&error))))
                }
            }
        }
    }

    /// Writes `line`, escaped, and a newline on standard error, after what
    /// standard output holds so far, so the two keep their order on a terminal.
    pub fn note(&mut self, line: &str) -> Result<(), Failure> {
        self.flush()?;
        stderr_line(line);
        Ok(())
    }

    /// Drops what standard output still holds (after a failure).
    pub fn discard(&mut self) {
        self.buffer.clear();
    }
}

/// Writes `line`, escaped ([`escape`]), and a newline on standard error; a
/// failure is ignored.
pub fn stderr_line(line: &str) {
    stderr_bytes(format!("{}\n", escape(line)).as_bytes());
}

/// Writes text of several lines on standard error, each line escaped; a
/// failure is ignored.
pub fn stderr_text(text: &str) {
    stderr_bytes(escape_lines(text).as_bytes());
}

/// Writes `bytes` on standard error at once; a failure is ignored.
fn stderr_bytes(bytes: &[u8]) {
    let _ = io::stderr().lock().write_all(bytes);
}

/// `text` as a terminal shows it harmlessly: each character [`escape`] escapes
/// is written as its escape, but for the document's own layout: line breaks,
/// tabs and the CR of a CRLF line ending stay as they are.
pub fn escape_document(text: &str) -> Cow<'_, str> {
    let layout = |i: usize, c: char| c == '\n' || c == '\t' || (c == '\r' && text[i + 1..].starts_with('\n'));
    let acts = |(i, c): (usize, char)| is_unsafe_char(c) && !layout(i, c);
    if !text.char_indices().any(acts) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, c) in text.char_indices() {
        if acts((i, c)) {
            out.push_str(&escape(c.encode_utf8(&mut [0; 4])));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` with each line escaped ([`escape`]) and its line breaks kept.
fn escape_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for piece in text.split_inclusive('\n') {
        match piece.strip_suffix('\n') {
            Some(line) => {
                out.push_str(&escape(line));
                out.push('\n');
            }
            None => out.push_str(&escape(piece)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_document;

    #[test]
    fn a_document_keeps_its_layout_and_shows_what_a_terminal_would_act_on() {
        assert_eq!(escape_document("| a\t| b |\r\n| c |\n"), "| a\t| b |\r\n| c |\n");
        assert_eq!(escape_document("x\ry\r\n\u{1b}[2J\u{202e}z\r"), "x\\ry\r\n\\u{1b}[2J\\u{202e}z\\r");
        assert_eq!(escape_document("é 👩\u{200d}💻"), "é 👩\u{200d}💻");
    }
}
