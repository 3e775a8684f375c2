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

/// The lines of `text`.
pub(crate) fn split(text: &str) -> Vec<Line<'_>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(Line { text: &text[start..i], start, number: lines.len() + 1 });
                start = i + 1;
            }
            b'\r' => {
                lines.push(Line { text: &text[start..i], start, number: lines.len() + 1 });
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < text.len() {
        lines.push(Line { text: &text[start..], start, number: lines.len() + 1 });
    }
    lines
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
        let lines: Vec<(&str, usize)> = split(text).iter().map(|l| (l.text, l.start)).collect();
        assert_eq!(lines, [("a", 0), ("b", 2), ("c", 5), ("d", 7)]);
        assert_eq!(split("\r\r\n").len(), 2);
        assert!(split("").is_empty());
    }

    #[test]
    fn numbers_are_digits_only() {
        assert_eq!(number::<u32>("30000"), Some(30000));
        assert_eq!(number::<u32>("+1"), None);
        assert_eq!(number::<u32>("99999999999"), None);
        assert_eq!(number::<u32>(""), None);
    }
}
