//! A listing's lines with their byte ranges, and the whitespace-separated
//! fields of a line. Lines end at LF, CRLF or a lone CR.

use std::ops::Range;

/// One line of a listing, without its line ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// The text.
    pub text: &'a str,
    /// Where it starts in the listing.
    pub start: usize,
    /// Its 1-based number.
    pub number: usize,
}

impl<'a> Line<'a> {
    /// Its bytes in the listing.
    pub fn range(&self) -> Range<usize> {
        self.start..self.start + self.text.len()
    }

    /// Its whitespace-separated fields.
    pub fn fields(&self) -> Vec<&'a str> {
        self.text.split_whitespace().collect()
    }
}

/// The lines of `text`, one at a time (a listing of line endings alone
/// costs no memory per line).
pub(crate) fn split(text: &str) -> impl Iterator<Item = Line<'_>> + Clone {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut number = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = bytes[start..].iter().position(|&b| b == b'\n' || b == b'\r').map_or(text.len(), |i| start + i);
        let line = Line { text: &text[start..end], start, number: number + 1 };
        number += 1;
        start = if bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n') { end + 2 } else { end + 1 };
        Some(line)
    })
}

/// `text` parsed as a decimal number, digits only.
pub(crate) fn number<T: std::str::FromStr>(text: &str) -> Option<T> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_ending_ends_a_line() {
        let text = "a\nb\r\nc\rd";
        let lines: Vec<(&str, usize, usize)> = split(text).map(|l| (l.text, l.start, l.number)).collect();
        assert_eq!(lines, [("a", 0, 1), ("b", 2, 2), ("c", 5, 3), ("d", 7, 4)]);
        assert_eq!(split("\r\r\n").count(), 2);
        assert_eq!(split("a\n").count(), 1);
        assert_eq!(split("").count(), 0);
    }

    #[test]
    fn numbers_are_digits_only() {
        assert_eq!(number::<u32>("30000"), Some(30000));
        assert_eq!(number::<u32>("+1"), None);
        assert_eq!(number::<u32>("99999999999"), None);
        assert_eq!(number::<u32>(""), None);
    }
}
