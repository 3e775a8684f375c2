//! Lines of a document as CommonMark counts them: a line ends at LF, CRLF or a
//! lone CR. Byte offsets to lines, for the edges that show lines to people.

use std::borrow::Cow;

/// Line starts of a document, to turn byte offsets into 1-based lines and columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `source`.
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0];
        let bytes = source.as_bytes();
        for (i, &byte) in bytes.iter().enumerate() {
            let ends_line = byte == b'\n' || (byte == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        Self { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// The 1-based line and 1-based column (in characters) of byte `offset`.
    pub fn line_column(&self, source: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let column = source.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    /// Byte offset of the start of 1-based `line`, if the document has it.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    /// Number of lines, counting the (empty) line after a final line ending.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether the index has no line; never, since an empty document has one.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

/// The offset of the first byte of the line holding `offset`.
pub fn line_start(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset].iter().rposition(|&b| b == b'\n' || b == b'\r').map_or(0, |i| i + 1)
}

/// The offset of the line ending (or the end of the document) of the line holding `offset`.
pub fn line_end(source: &str, offset: usize) -> usize {
    source.as_bytes()[offset..].iter().position(|&b| b == b'\n' || b == b'\r').map_or(source.len(), |i| offset + i)
}

/// The offset of the first byte after the line ending at `end` (`end` itself at the end of the document).
pub fn after_line_ending(source: &str, end: usize) -> usize {
    match source.as_bytes().get(end..end + 2) {
        Some(b"\r\n") => end + 2,
        _ if end < source.len() => end + 1,
        _ => end,
    }
}

/// `end` moved back over the one line ending (LF, CRLF or a lone CR) that
/// ends there, if any: never over the empty lines before it, so a pass over
/// every line stays linear.
pub fn trim_line_ending(source: &str, end: usize) -> usize {
    let bytes = &source.as_bytes()[..end];
    match bytes {
        [.., b'\r', b'\n'] => end - 2,
        [.., b'\n' | b'\r'] => end - 1,
        _ => end,
    }
}

/// The line ending the document is written with: that of its first line, or `\n`.
pub fn line_ending_of(source: &str) -> &'static str {
    ending_at(source, line_end(source, 0))
}

/// The line ending that starts at byte `end`: `\r\n`, `\r` or `\n` (also for no ending).
pub fn ending_at(source: &str, end: usize) -> &'static str {
    match source.as_bytes().get(end..).unwrap_or_default() {
        [b'\r', b'\n', ..] => "\r\n",
        [b'\r', ..] => "\r",
        _ => "\n",
    }
}

/// What makes `c` a character that must never reach a terminal, a script or a config file as it is, or `None` when any may:
/// control characters (C0 with tab, CR and LF, DEL, C1), bidirectional
/// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the
/// bidirectional marks (U+200E LRM, U+200F RLM, U+061C ALM: invisible, and
/// they reorder the text around them), the line and paragraph separators
/// (line ends to YAML 1.1 and JavaScript) and the noncharacters YAML refuses.
/// Joiners (U+200C, U+200D) are not among them: emoji and scripts need them.
pub fn unsafe_kind(c: char) -> Option<&'static str> {
    match c {
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Some("a bidirectional control"),
        '\u{200E}' | '\u{200F}' | '\u{061C}' => Some("a bidirectional mark"),
        '\u{2028}' | '\u{2029}' => Some("a line separator"),
        '\u{FFFE}' | '\u{FFFF}' => Some("a noncharacter"),
        c if c.is_control() => Some("a control character"),
        _ => None,
    }
}

/// `U+001B, a control character`: an unsafe character for a message.
pub fn describe_unsafe(c: char) -> String {
    format!("U+{:04X}, {}", u32::from(c), unsafe_kind(c).unwrap_or("a control character"))
}

/// The first unsafe character of `text`, with its place counted in characters from 1.
pub fn first_unsafe(text: &str) -> Option<(usize, char)> {
    text.chars().enumerate().find(|&(_, c)| is_unsafe_char(c)).map(|(i, c)| (i + 1, c))
}

/// Whether `c` must never reach a terminal, a script or a config file as it is (see [`unsafe_kind`]).
pub fn is_unsafe_char(c: char) -> bool {
    unsafe_kind(c).is_some()
}

/// `text` with each character that must never be written as it is shown as its `\u{..}`
/// escape, for comments and messages: the result is one line and holds no
/// control character.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| unsafe_kind(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match unsafe_kind(c) {
            Some(_) => out.extend(c.escape_unicode()),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` for a message: unsafe characters written as `\u{..}` escapes and
/// anything past `max` characters cut with an ellipsis and the full length.
pub fn quote(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count == max {
            out.push_str(&format!("… ({} characters)", text.chars().count()));
            break;
        }
        out.push_str(&visible(c.encode_utf8(&mut [0; 4])));
    }
    out
}

/// `text` as one shell word that the shell reads back as `text`: as it is
/// when it holds only characters no shell treats specially, else in single
/// quotes (a quote inside written `'\''`). Text with a character that is
/// never shown as it is ([`unsafe_kind`]: a control character, a
/// bidirectional control or mark) is written in ANSI-C quotes, `$'…'`, with
/// such characters as the `\xHH` escapes of their UTF-8 bytes, which bash
/// and zsh read back as the characters in any locale:
/// the command shows what it does and still works as written (a NUL, which
/// no argument can hold, is left out). For commands shown to people.
pub fn shell_word(text: &str) -> Cow<'_, str> {
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ':' | '@' | '+' | ',' | '=');
    if !text.is_empty() && text.chars().all(plain) && !text.starts_with('-') {
        return Cow::Borrowed(text);
    }
    if !text.chars().any(is_unsafe_char) {
        return Cow::Owned(format!("'{}'", text.replace('\'', "'\\''")));
    }
    Cow::Owned(ansi_c_quoted(text.as_bytes()))
}

/// `bytes` (a file name, which need not be UTF-8) as one shell word that
/// bash reads back as those very bytes: [`shell_word`] for UTF-8, else in
/// ANSI-C quotes, `$'…'`, with each byte that is no UTF-8 text (and each
/// unsafe character) as its `\xHH` escape. For commands shown to people.
pub fn shell_word_bytes(bytes: &[u8]) -> Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return shell_word(text);
    }
    Cow::Owned(ansi_c_quoted(bytes))
}

/// `bytes` in ANSI-C quotes, `$'…'`: backslash and quote escaped, each
/// unsafe character and each byte that is no UTF-8 text as `\xHH` escapes
/// (bash reads `\xHH` in any locale, `\uXXXX` only in a UTF-8 one), and a
/// NUL left out (no shell word can hold one; bash drops it from a script too).
fn ansi_c_quoted(bytes: &[u8]) -> String {
    let mut out = String::from("$'");
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\0' => {}
                '\\' | '\'' => {
                    out.push('\\');
                    out.push(c);
                }
                c if is_unsafe_char(c) => {
                    c.encode_utf8(&mut [0; 4]).bytes().for_each(|b| out.push_str(&format!("\\x{b:02x}")))
                }
                c => out.push(c),
            }
        }
        chunk.invalid().iter().for_each(|b| out.push_str(&format!("\\x{b:02x}")));
    }
    out.push('\'');
    out
}

/// The document after a person typed in a view of it whose line endings are
/// all `\n` (as a browser's text area shows them): `typed` is that view
/// after the change. The unchanged head and tail keep their own bytes, line
/// endings included, and new line breaks take the document's line ending, so
/// typing in a CRLF or lone-CR document keeps it so.
pub fn merge_typed(document: &str, typed: &str) -> String {
    merge_typed_in(document, 0..document.len(), typed)
}

/// [`merge_typed`] for a view of bytes `part` of the document only (a big
/// document is edited a part at a time): `typed` is that part's view after
/// the change, and the bytes around the part stay as they are. The part
/// starts and ends on character boundaries and never between the CR and LF
/// of a CRLF; a part that does not is taken as the whole document.
pub fn merge_typed_in(document: &str, part: std::ops::Range<usize>, typed: &str) -> String {
    let splits_crlf = |at: usize| document[..at].ends_with('\r') && document[at..].starts_with('\n');
    let part = match document.get(part.clone()) {
        Some(_) if !splits_crlf(part.start) && !splits_crlf(part.end) => part,
        _ => 0..document.len(),
    };
    let shown = &document[part.clone()];
    let view = to_lf(shown);
    if view == typed {
        return document.to_owned();
    }
    let head = common_prefix(&view, typed);
    let tail = common_suffix(&view[head..], &typed[head..]);
    let inserted = &typed[head..typed.len() - tail];
    let ending = line_ending_of(document);
    let mut middle = if ending == "\n" { inserted.to_owned() } else { inserted.replace('\n', ending) };
    let start = part.start + original_offset(shown, head);
    let mut end = part.start + original_offset(shown, view.len() - tail);
    // A lone CR before an LF would read as one CRLF: where the change would
    // make one, its break is written so that the breaks stay as many.
    if document[..start].ends_with('\r') {
        if middle.starts_with('\n') {
            middle.replace_range(..1, "\r\n");
        } else if middle.is_empty() && document[end..].starts_with('\n') {
            middle.push_str("\r\n");
            end += 1;
        }
    }
    if middle.ends_with('\r') && document[end..].starts_with('\n') {
        middle.push('\n');
    }
    format!("{}{middle}{}", &document[..start], &document[end..])
}

/// `text` with CRLF and lone CR written as LF.
fn to_lf(text: &str) -> std::borrow::Cow<'_, str> {
    if text.as_bytes().contains(&b'\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Bytes compared at once by [`common_prefix`] and [`common_suffix`] before
/// they go byte by byte: a keystroke in a 2 MB document compares it all.
const CHUNK: usize = 256;

/// Bytes of the longest common prefix, on a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let max = x.len().min(y.len());
    let mut len = 0;
    while len + CHUNK <= max && x[len..len + CHUNK] == y[len..len + CHUNK] {
        len += CHUNK;
    }
    while len < max && x[len] == y[len] {
        len += 1;
    }
    // Equal bytes up to a character's start are equal characters, in both.
    while !a.is_char_boundary(len) {
        len -= 1;
    }
    len
}

/// Bytes of the longest common suffix, on a character boundary.
fn common_suffix(a: &str, b: &str) -> usize {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let max = x.len().min(y.len());
    let mut len = 0;
    while len + CHUNK <= max && x[x.len() - len - CHUNK..x.len() - len] == y[y.len() - len - CHUNK..y.len() - len] {
        len += CHUNK;
    }
    while len < max && x[x.len() - len - 1] == y[y.len() - len - 1] {
        len += 1;
    }
    while !a.is_char_boundary(a.len() - len) {
        len -= 1;
    }
    len
}

/// The offset in `document` of byte `offset` of its LF view: a CRLF counts as
/// one byte of the view, and an offset inside it falls before the CR.
fn original_offset(document: &str, offset: usize) -> usize {
    if !document.as_bytes().contains(&b'\r') {
        return offset.min(document.len());
    }
    let bytes = document.as_bytes();
    let (mut view, mut at) = (0, 0);
    while view < offset && at < bytes.len() {
        at += if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') { 2 } else { 1 };
        view += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_offsets_to_lines() {
        let source = "ab\r\ncd\n\né";
        let index = LineIndex::new(source);
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(3), 1);
        assert_eq!(index.line(4), 2);
        assert_eq!(index.line(7), 3);
        assert_eq!(index.line(8), 4);
        assert_eq!(index.line_column(source, 5), (2, 2));
        assert_eq!(index.line_start(4), Some(8));
    }

    #[test]
    fn a_lone_cr_ends_a_line() {
        let source = "a\rb\r\nc\rd";
        let index = LineIndex::new(source);
        assert_eq!(index.len(), 4);
        assert_eq!([index.line(2), index.line(5), index.line(7)], [2, 3, 4]);
        assert_eq!(line_start(source, 6), 5);
        assert_eq!(line_end(source, 2), 3);
        assert_eq!(after_line_ending(source, 3), 5);
        assert_eq!(after_line_ending(source, 6), 7);
        assert_eq!(line_ending_of(source), "\r");
        assert_eq!(line_ending_of("x\r\ny"), "\r\n");
        assert_eq!(line_ending_of("x"), "\n");
    }

    proptest::proptest! {
        /// Whatever is typed, the document reads as typed, and its unchanged
        /// head and tail keep their bytes.
        #[test]
        fn typing_gives_what_was_typed(
            document in "[ab\r\né]{0,30}",
            cut in 0usize..40,
            removed in 0usize..6,
            inserted in "[ab\né]{0,6}",
        ) {
            let view = to_lf(&document);
            let mut start = cut.min(view.len());
            while !view.is_char_boundary(start) { start -= 1; }
            let mut end = (start + removed).min(view.len());
            while !view.is_char_boundary(end) { end += 1; }
            let typed = format!("{}{inserted}{}", &view[..start], &view[end..]);
            let merged = merge_typed(&document, &typed);
            proptest::prop_assert_eq!(to_lf(&merged), typed);
            let head = original_offset(&document, start);
            proptest::prop_assert!(merged.starts_with(&document[..head]) || head > 0 && document.as_bytes()[head - 1] == b'\r');
        }
    }

    proptest::proptest! {
        /// Typing in a part of the document (as a big one is edited) gives
        /// what typing in the whole would: the document reads as typed, the
        /// bytes before the part stay, and so do those after it (but for the
        /// LF a lone CR typed at its end takes, so the breaks stay as many).
        #[test]
        fn typing_in_a_part_is_typing_in_the_whole(
            document in "[ab\r\né]{0,30}",
            bounds in (0usize..40, 0usize..40),
            cut in 0usize..40,
            removed in 0usize..6,
            inserted in "[ab\né]{0,6}",
        ) {
            let boundary = |mut at: usize| {
                at = at.min(document.len());
                while !document.is_char_boundary(at) || document[..at].ends_with('\r') && document[at..].starts_with('\n') {
                    at -= 1;
                }
                at
            };
            let (from, to) = (boundary(bounds.0.min(bounds.1)), boundary(bounds.0.max(bounds.1)));
            let shown = to_lf(&document[from..to]);
            let mut start = cut.min(shown.len());
            while !shown.is_char_boundary(start) { start -= 1; }
            let mut end = (start + removed).min(shown.len());
            while !shown.is_char_boundary(end) { end += 1; }
            let typed = format!("{}{inserted}{}", &shown[..start], &shown[end..]);
            let merged = merge_typed_in(&document, from..to, &typed);
            let whole = format!("{}{typed}{}", to_lf(&document[..from]), to_lf(&document[to..]));
            proptest::prop_assert_eq!(to_lf(&merged), whole);
            proptest::prop_assert!(merged.starts_with(&document[..from]));
            let after = if document[to..].starts_with('\n') { to + 1 } else { to };
            proptest::prop_assert!(merged.ends_with(&document[after..]));
        }
    }

    proptest::proptest! {
        /// The common head and tail of long texts, compared a chunk at a
        /// time, are those found a character at a time.
        #[test]
        fn common_ends_of_long_texts_are_whole_characters(
            base in "[aé€\n]{200,400}",
            at in 0usize..2000,
            inserted in "[aé€]{0,3}",
        ) {
            let a = base.repeat(3);
            let mut at = at.min(a.len());
            while !a.is_char_boundary(at) { at -= 1; }
            let b = format!("{}{inserted}{}", &a[..at], &a[at..]);
            let prefix = a.char_indices().zip(b.chars()).find(|((_, x), y)| x != y).map_or(a.len().min(b.len()), |((i, _), _)| i);
            let suffix: usize = a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum();
            proptest::prop_assert_eq!(common_prefix(&a, &b), prefix);
            proptest::prop_assert_eq!(common_suffix(&a, &b), suffix);
        }
    }

    #[test]
    fn typing_keeps_the_documents_line_endings() {
        assert_eq!(merge_typed("a\r\nb\r\n", "a\nbc\n"), "a\r\nbc\r\n");
        assert_eq!(merge_typed("a\rb\r", "a\nx\nb\n"), "a\rx\rb\r");
        assert_eq!(merge_typed("a\r\nb\nc", "a\nb\nc!"), "a\r\nb\nc!");
        assert_eq!(merge_typed("é\r\n", "é\n"), "é\r\n");
        assert_eq!(merge_typed("x\r\ny", "y"), "y");
        assert_eq!(merge_typed("", "new\ntext"), "new\ntext");
        // In a part: the bytes around it stay, and a part that would split a CRLF is the whole.
        assert_eq!(merge_typed_in("a\r\nb\r\nc", 3..4, "bb"), "a\r\nbb\r\nc");
        assert_eq!(merge_typed_in("a\r\nb", 2..4, "x"), merge_typed("a\r\nb", "x"));
        assert_eq!(merge_typed_in("ab", 5..9, "x"), "x");
    }

    #[test]
    fn shell_words_read_back_as_written() {
        assert_eq!(shell_word("my-app"), "my-app");
        assert_eq!(shell_word("it's $(x)"), "'it'\\''s $(x)'");
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("-rf"), "'-rf'");
        assert_eq!(shell_word("RTL\u{202e}evil"), "$'RTL\\xe2\\x80\\xaeevil'");
        assert_eq!(shell_word("a'b\\\u{1b}"), "$'a\\'b\\\\\\x1b'");
        assert_eq!(shell_word("RLM\u{200f}x"), "$'RLM\\xe2\\x80\\x8fx'");
        assert_eq!(shell_word("\u{61c}\u{200e}"), "$'\\xd8\\x9c\\xe2\\x80\\x8e'");
        // A joiner is text (emoji sequences need it): quoted, not escaped.
        assert_eq!(shell_word("👩\u{200d}💻"), "'👩\u{200d}💻'");
    }

    #[test]
    fn bidirectional_marks_are_unsafe_and_joiners_are_not() {
        for (c, kind) in [
            ('\u{200e}', "a bidirectional mark"),
            ('\u{200f}', "a bidirectional mark"),
            ('\u{61c}', "a bidirectional mark"),
            ('\u{202e}', "a bidirectional control"),
            ('\u{2067}', "a bidirectional control"),
        ] {
            assert_eq!(unsafe_kind(c), Some(kind), "{c:?}");
        }
        assert_eq!(describe_unsafe('\u{200f}'), "U+200F, a bidirectional mark");
        assert_eq!(describe_unsafe('\u{61c}'), "U+061C, a bidirectional mark");
        assert_eq!(first_unsafe("abc\u{200f}d"), Some((4, '\u{200f}')));
        assert_eq!(visible("a\u{200e}b\u{61c}"), "a\\u{200e}b\\u{61c}");
        assert_eq!(quote("\u{200f}x", 80), "\\u{200f}x");
        for c in ['\u{200b}', '\u{200c}', '\u{200d}', '\u{feff}', 'א', 'ع'] {
            assert_eq!(unsafe_kind(c), None, "{c:?}");
        }
    }

    #[test]
    fn quotes_control_characters_and_long_text() {
        assert_eq!(quote("a\u{1b}[2Jb\r", 80), "a\\u{1b}[2Jb\\u{d}");
        assert_eq!(quote("abcdef", 3), "abc… (6 characters)");
        assert!(is_unsafe_char('\u{202e}') && is_unsafe_char('\u{7f}') && !is_unsafe_char('é'));
    }
}
