//! A big document edited a part at a time: a browser's text area holding
//! megabytes takes longer than a frame for each keystroke, so an editor
//! holds whole lines of up to [`PART_BYTES`] and [`crate::merge_typed_in`]
//! puts what is typed there back into the document.

use std::ops::Range;

use crate::text::{after_line_ending, line_end, line_start};

/// Bytes a part holds at most; a single longer line is a part of its own.
pub const PART_BYTES: usize = 256 * 1024;

/// Whole lines of a document, bytes `start..end`, the first of them line
/// `first_line` (counted from 0). A part other than the document's last
/// ends before its last line's ending: that ending belongs to no part, so
/// what is typed at a part's end stays on its last line, as it looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Part {
    /// The first byte: a line's start.
    pub start: usize,
    /// The byte after the last: a line's end (its ending not included), or
    /// the document's end.
    pub end: usize,
    /// The line the part starts on, counted from 0.
    pub first_line: usize,
}

impl Part {
    /// The part's bytes.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Whether the part is all of `text`.
    pub fn is_whole(&self, text: &str) -> bool {
        self.start == 0 && self.end == text.len()
    }

    /// How many lines the part holds.
    pub fn lines(&self, text: &str) -> usize {
        text.get(self.range()).map_or(1, |shown| 1 + breaks(shown))
    }

    /// Whether the part is one of `text`: within it, starting at a line's
    /// start and ending at a line's end, and its first line counted right.
    pub fn fits(&self, text: &str) -> bool {
        self.start <= self.end
            && self.end <= text.len()
            && is_line_start(text, self.start)
            && (self.end == text.len() || is_line_end(text, self.end))
            && self.first_line == breaks(&text[..self.start])
    }

    /// The part from the line holding byte `at` on, as many lines as fit in
    /// [`PART_BYTES`]; one near the end starts earlier, so that the last
    /// part is as full as the others. All of a document that fits.
    pub fn starting_at(text: &str, at: usize) -> Part {
        let last = line_start_from(text, text.len().saturating_sub(PART_BYTES));
        let start = start_of_line(text, at).min(last);
        let mut end = line_end(text, start);
        while end < text.len() {
            let next = line_end(text, after_line_ending(text, end));
            if next - start > PART_BYTES {
                break;
            }
            end = next;
        }
        Part { start, end, first_line: breaks(&text[..start]) }
    }

    /// The part that shows byte `at` with some lines before it.
    pub fn around(text: &str, at: usize) -> Part {
        let line = start_of_line(text, at);
        let part = Part::starting_at(text, line.saturating_sub(PART_BYTES / 8));
        if part.end < at.min(text.len()) {
            return Part::starting_at(text, line);
        }
        part
    }

    /// The part from line `line` (counted from 0) on, or the last part when
    /// the document has fewer lines.
    pub fn at_line(text: &str, line: usize) -> Part {
        Part::starting_at(text, nth_line_start(text, line))
    }

    /// The lines before the part, up to its first: `None` at the document's start.
    pub fn earlier(&self, text: &str) -> Option<Part> {
        if self.start == 0 || !self.fits(text) {
            return None;
        }
        let before = start_of_line(text, self.start - 1);
        let limit = line_end(text, before);
        let from = line_start_from(text, self.start.saturating_sub(PART_BYTES)).min(before);
        let mut part = Part::starting_at(text, from);
        part.end = part.end.min(limit);
        Some(part)
    }

    /// The lines after the part: `None` at the document's end.
    pub fn later(&self, text: &str) -> Option<Part> {
        if self.end >= text.len() || !self.fits(text) {
            return None;
        }
        Some(Part::starting_at(text, after_line_ending(text, self.end)))
    }

    /// The part after typing in it turned a document of `before` bytes into
    /// `text`: the same lines with what was typed, so that what the editor
    /// shows does not move. Where that is no part of `text` (a break typed
    /// at its edge changed the line ending beside it), the lines from its
    /// start.
    pub fn after_typing(&self, before: usize, text: &str) -> Part {
        let end = (self.end + text.len()).checked_sub(before);
        let typed = end.map(|end| Part { end, ..*self });
        match typed {
            Some(part) if part.fits(text) => part,
            _ => Part::starting_at(text, self.start.min(text.len())),
        }
    }
}

/// Bytes of line `line` (counted from 0) of `text`, its ending left out;
/// the last line when there are fewer.
pub fn line_bytes(text: &str, line: usize) -> Range<usize> {
    let start = nth_line_start(text, line);
    start..line_end(text, start)
}

/// Line breaks in `text`: LF, CRLF and a lone CR each end a line.
fn breaks(text: &str) -> usize {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))).count()
}

/// Whether a line starts at byte `at`.
fn is_line_start(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    match at.checked_sub(1).and_then(|i| bytes.get(i)) {
        None => at == 0,
        Some(b'\n') => true,
        Some(b'\r') => bytes.get(at) != Some(&b'\n'),
        Some(_) => false,
    }
}

/// Whether a line ends at byte `at`: a line ending starts there.
fn is_line_end(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    matches!(bytes.get(at), Some(b'\n' | b'\r')) && !(at > 0 && bytes[at - 1] == b'\r' && bytes[at] == b'\n')
}

/// The start of the line holding byte `at` (the end of `text` past it).
fn start_of_line(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    // The LF of a CRLF belongs to the line the CR ends.
    if at > 0 && text.as_bytes()[at - 1] == b'\r' && text.as_bytes().get(at) == Some(&b'\n') {
        at -= 1;
    }
    line_start(text, at)
}

/// The first line start at or after byte `at`.
fn line_start_from(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    if is_line_start(text, at) {
        at
    } else {
        after_line_ending(text, line_end(text, at))
    }
}

/// Where line `line` (counted from 0) starts, or the last line when there are fewer.
fn nth_line_start(text: &str, line: usize) -> usize {
    let mut start = 0;
    for _ in 0..line {
        let end = line_end(text, start);
        if end == text.len() {
            break;
        }
        start = after_line_ending(text, end);
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` numbered lines of 50 bytes joined by `eol`.
    fn numbered(n: usize, eol: &str) -> String {
        (0..n).map(|i| format!("line {i:06} {}", "x".repeat(40))).collect::<Vec<_>>().join(eol)
    }

    #[test]
    fn a_document_that_fits_is_one_part() {
        for text in ["", "a", "a\n", "a\r\nb", &numbered(100, "\n")] {
            let part = Part::starting_at(text, 0);
            assert!(part.is_whole(text), "{text:?}");
            assert_eq!(Part::around(text, text.len()), part);
            assert_eq!(Part::at_line(text, 99_999), part);
            assert_eq!((part.earlier(text), part.later(text)), (None, None));
        }
    }

    #[test]
    fn parts_end_before_their_last_line_ending() {
        let text = numbered(20_000, "\r\n");
        let first = Part::starting_at(&text, 0);
        assert!(first.end - first.start <= PART_BYTES);
        assert_eq!(&text[first.end..first.end + 2], "\r\n");
        let second = first.later(&text).unwrap();
        assert_eq!(second.start, first.end + 2);
        assert_eq!(second.first_line, first.first_line + first.lines(&text));
        assert_eq!(second.earlier(&text), Some(first));
    }

    #[test]
    fn the_last_part_is_full() {
        let text = numbered(20_000, "\n");
        let last = Part::at_line(&text, 19_999);
        assert_eq!(last.end, text.len());
        assert!(text.len() - last.start <= PART_BYTES && text.len() - last.start > PART_BYTES - 60);
        assert!(last.fits(&text));
    }

    #[test]
    fn lines_are_found_by_number() {
        let text = "a\r\nbb\rccc\n";
        assert_eq!([line_bytes(text, 0), line_bytes(text, 1), line_bytes(text, 2)], [0..1, 3..5, 6..9]);
        assert_eq!(line_bytes(text, 3), 10..10);
        assert_eq!(line_bytes(text, 99), 10..10);
    }

    #[test]
    fn a_line_longer_than_a_part_is_a_part_of_its_own() {
        let text = format!("a\n{}\nb", "y".repeat(PART_BYTES * 2));
        let part = Part::around(&text, PART_BYTES);
        assert_eq!(&text[part.range()], "y".repeat(PART_BYTES * 2));
        assert_eq!(part.first_line, 1);
    }

    #[test]
    fn around_a_byte_holds_it() {
        let text = numbered(20_000, "\r");
        for at in [0, 1, 300_000, 600_000, text.len() - 1, text.len()] {
            let part = Part::around(&text, at);
            assert!(part.start <= at && at <= part.end + 1, "{at}: {part:?}");
            assert!(part.fits(&text));
        }
    }

    #[test]
    fn typing_keeps_the_part_on_its_lines() {
        let text = numbered(20_000, "\n");
        let part = Part::starting_at(&text, 500_000);
        let typed = format!("{}zz{}", &text[..part.start + 3], &text[part.start + 3..]);
        let after = part.after_typing(text.len(), &typed);
        assert_eq!((after.start, after.end), (part.start, part.end + 2));
        // A CRLF made at the part's edge: the part is read again from its start.
        let text = "a\rb\nc";
        let part = Part { start: 0, end: 3, first_line: 0 };
        let typed = "a\r\r\nc";
        assert!(part.after_typing(text.len(), typed).fits(typed));
    }

    /// 32 cases of megabytes each unless `PROPTEST_CASES` says otherwise.
    fn config() -> proptest::test_runner::Config {
        match std::env::var_os("PROPTEST_CASES") {
            Some(_) => proptest::test_runner::Config::default(),
            None => proptest::test_runner::Config::with_cases(32),
        }
    }

    proptest::proptest! {
        #![proptest_config(config())]
        /// Walking a document part by part, forwards and back, covers it in
        /// order, with no line left out (the last part, as full as the
        /// others, may show again lines of the one before): each part fits
        /// and holds at most PART_BYTES or one line.
        #[test]
        fn parts_cover_the_document(
            lines in proptest::collection::vec(("[a-z]{0,60}", proptest::sample::select(vec!["\n", "\r\n", "\r"])), 0..40),
            scale in 1usize..2500,
        ) {
            let text: String = lines.iter().map(|(line, eol)| format!("{}{eol}", line.repeat(scale))).collect();
            let mut part = Part::starting_at(&text, 0);
            let mut parts = vec![part];
            while let Some(next) = part.later(&text) {
                proptest::prop_assert!(next.start > part.start && next.end > part.end);
                proptest::prop_assert!(next.start <= after_line_ending(&text, part.end));
                part = next;
                parts.push(part);
            }
            proptest::prop_assert_eq!(part.end, text.len());
            for part in &parts {
                proptest::prop_assert!(part.fits(&text));
                proptest::prop_assert!(part.end - part.start <= PART_BYTES || part.lines(&text) == 1);
            }
            let mut back = *parts.last().unwrap();
            while let Some(earlier) = back.earlier(&text) {
                proptest::prop_assert!(earlier.fits(&text) && earlier.end < back.start);
                proptest::prop_assert_eq!(after_line_ending(&text, earlier.end), back.start);
                back = earlier;
            }
            proptest::prop_assert_eq!(back.start, 0);
        }
    }
}
