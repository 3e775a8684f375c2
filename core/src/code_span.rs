//! Quotes in messages, as CommonMark writes code spans: a quote sits between
//! runs of backticks longer than any run it holds, so a name with a backtick
//! in it is quoted whole and read back whole, by a person or by the app.

use std::fmt;

/// `text` written as a code span: between runs of one backtick more than the
/// longest run it holds, with a space inside each fence when it starts or
/// ends with a backtick (or with a space at both ends), which readers drop.
/// Empty text, which no code span holds, is written as a span of one space.
#[derive(Debug, Clone, Copy)]
pub struct Code<'a>(pub &'a str);

impl fmt::Display for Code<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        if text.is_empty() {
            return f.write_str("` `");
        }
        let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest + 1);
        let spaced = text.starts_with(' ') && text.ends_with(' ') && text.bytes().any(|b| b != b' ');
        let pad = if text.starts_with('`') || text.ends_with('`') || spaced { " " } else { "" };
        write!(f, "{fence}{pad}{text}{pad}{fence}")
    }
}

/// A part of a message: running text, or the text of a code span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span<'a> {
    /// Text outside code spans (a run of backticks nothing closes included).
    Text(&'a str),
    /// What a code span quotes, without its fences.
    Code(&'a str),
}

/// The parts of `message` as CommonMark reads its code spans: a run of
/// backticks opens a span that the next run of as many closes; a run that
/// nothing closes is text. One space inside each fence is dropped when both
/// are there and the span is not all spaces. Linear in the message's length.
pub fn spans(message: &str) -> Vec<Span<'_>> {
    let runs = backtick_runs(message);
    // For each run, the next run after it of the same length (a table by
    // length, no longer than the longest run).
    let mut next_alike = vec![None; runs.len()];
    let longest = runs.iter().map(|(start, end)| end - start).max().unwrap_or(0);
    let mut last_of_length: Vec<Option<usize>> = vec![None; longest + 1];
    for (i, &(start, end)) in runs.iter().enumerate().rev() {
        next_alike[i] = last_of_length[end - start].replace(i);
    }
    let (mut parts, mut text_from, mut i) = (Vec::new(), 0, 0);
    while let Some(&(open_start, open_end)) = runs.get(i) {
        let Some(close) = next_alike[i] else {
            i += 1;
            continue;
        };
        let (close_start, close_end) = runs[close];
        if text_from < open_start {
            parts.push(Span::Text(&message[text_from..open_start]));
        }
        parts.push(Span::Code(unpad(&message[open_end..close_start])));
        text_from = close_end;
        i = close + 1;
    }
    if text_from < message.len() {
        parts.push(Span::Text(&message[text_from..]));
    }
    parts
}

/// The byte ranges of the runs of backticks in `message`, in order.
fn backtick_runs(message: &str) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (at, _) in message.match_indices('`') {
        match runs.last_mut() {
            Some(run) if run.1 == at => run.1 = at + 1,
            _ => runs.push((at, at + 1)),
        }
    }
    runs
}

/// A span's text without the one space each fence may hold.
fn unpad(text: &str) -> &str {
    match text.strip_prefix(' ').and_then(|t| t.strip_suffix(' ')) {
        Some(inner) if text.bytes().any(|b| b != b' ') => inner,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> Vec<Span<'_>> {
        let written = format!("a {} b", Code(text));
        let parts = spans(&written).into_iter().map(|p| format!("{p:?}")).collect::<Vec<_>>();
        assert_eq!(
            parts,
            [r#"Text("a ")"#.to_owned(), format!("Code({text:?})"), r#"Text(" b")"#.to_owned()],
            "{written}"
        );
        spans(text)
    }

    #[test]
    fn a_quote_reads_back_whole_whatever_backticks_it_holds() {
        for text in ["web", "a`b", "`x", "x`", "``", "a``b`c", " x ", "a b", "`", "x` `y"] {
            round_trip(text);
        }
        assert_eq!(Code("a`b").to_string(), "``a`b``");
        assert_eq!(Code("`x").to_string(), "`` `x ``");
        assert_eq!(Code("plain").to_string(), "`plain`");
        assert_eq!(
            spans(&format!("no {} here ``x``", Code(""))),
            [Span::Text("no "), Span::Code(" "), Span::Text(" here "), Span::Code("x")]
        );
    }

    #[test]
    fn an_unclosed_run_is_text() {
        assert_eq!(spans("it's `open"), [Span::Text("it's `open")]);
        assert_eq!(spans("``a` b``"), [Span::Code("a` b")]);
        assert_eq!(spans("`a`` b `c`"), [Span::Code("a`` b "), Span::Text("c`")]);
        assert_eq!(spans(""), []);
    }

    #[test]
    fn a_message_with_many_unmatched_runs_is_read_in_one_pass() {
        // Runs of 1, 2, 3… backticks, none closed: each opener would scan the rest.
        let message: String = (1..3000).map(|n| format!("{}x", "`".repeat(n))).collect();
        assert!(spans(&message).iter().all(|p| matches!(p, Span::Text(_))));
    }
}
