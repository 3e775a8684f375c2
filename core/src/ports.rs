//! Port ranges and the cells that hold them.

use crate::code_span::Code;
use std::fmt;

/// The highest TCP/UDP port.
pub const MAX_PORT: u32 = 65535;

/// An inclusive range of ports, `start..=end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PortRange {
    /// First port.
    pub start: u32,
    /// Last port, inclusive.
    pub end: u32,
}

impl PortRange {
    /// The range `start..=end`.
    pub const fn new(start: u32, end: u32) -> Self {
        Self { start, end }
    }

    /// A range of one port.
    pub const fn single(port: u32) -> Self {
        Self { start: port, end: port }
    }

    /// Number of ports in the range.
    pub fn len(&self) -> u32 {
        self.end - self.start + 1
    }

    /// Never true: a range holds at least one port. Present for clippy's sake.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Whether `port` is in the range.
    pub fn contains(&self, port: u32) -> bool {
        (self.start..=self.end).contains(&port)
    }

    /// Whether all of `other` is in the range.
    pub fn covers(&self, other: PortRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two ranges share a port.
    pub fn overlaps(&self, other: PortRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// The ports both ranges hold.
    pub fn intersection(&self, other: PortRange) -> Option<PortRange> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start <= end).then_some(PortRange { start, end })
    }
}

impl fmt::Display for PortRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}-{}", self.start, self.end)
        }
    }
}

/// Formats ranges as a comma-separated list, the way a registry cell holds them.
pub fn format_ranges(ranges: &[PortRange]) -> String {
    let parts: Vec<String> = ranges.iter().map(PortRange::to_string).collect();
    parts.join(", ")
}

/// What a block or ports cell holds, decided by its content, not its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortsCell {
    /// Nothing, or a placeholder such as `-`, `TBD` or `n/a`.
    Empty,
    /// A block label: `Block N`, or a bare number below 100 in a Block column.
    Block(u32),
    /// One or more ranges: `N-M` (hyphen or en dash), `N`, or a comma list of those.
    Ranges(Vec<PortRange>),
    /// Text that is none of the above, with the reason.
    Invalid(String),
}

/// What a bare number such as `80` means in a cell: a block under a "Block"
/// header, a port under a "Ports" header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BareNumber {
    /// The cell is in a Block column: `7` is block 7.
    Block,
    /// The cell is in a Ports column: `80` is port 80.
    Port,
}

/// Reads a block or ports cell. `block_count` bounds block numbers; `bare`
/// says what a bare number is.
pub fn parse_ports_cell(text: &str, bare: BareNumber, block_count: u32) -> PortsCell {
    let text = text.trim();
    if is_placeholder(text) {
        return PortsCell::Empty;
    }
    if let Some(rest) = strip_prefix_ignore_case(text, "block") {
        let number = rest.trim_start_matches([' ', '#', '\u{a0}']).trim();
        return match number.parse::<u32>() {
            Ok(n) if n < block_count => PortsCell::Block(n),
            Ok(n) => PortsCell::Invalid(format!("block {n} is past the last block {}", block_count - 1)),
            Err(_) => PortsCell::Invalid(format!("{text} is not a block number", text = Code(text))),
        };
    }
    if let (BareNumber::Block, Ok(n)) = (bare, text.parse::<u32>()) {
        if n < block_count {
            return PortsCell::Block(n);
        }
    }
    match parse_range_list(text) {
        Ok(ranges) => PortsCell::Ranges(ranges),
        Err(reason) => PortsCell::Invalid(reason),
    }
}

/// Whether a cell holds no value: empty, a dash, or a placeholder word.
pub fn is_placeholder(text: &str) -> bool {
    const PLACEHOLDERS: [&str; 12] = ["", "-", "--", "—", "–", "n/a", "na", "none", "tbd", "?", "…", "..."];
    let text = text.trim();
    // No placeholder is longer than four bytes; most cells are.
    text.len() <= 4 && PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(text))
}

/// Reads `N-M` (also `N – M` or `N to M`), `N`, or a comma-separated list of
/// those. Notes in parentheses are ignored: `3000 (web), 8000 (api)`.
pub fn parse_range_list(text: &str) -> Result<Vec<PortRange>, String> {
    let text = without_notes(text);
    if !text.contains(',') {
        return parse_range(text.trim()).map(|range| vec![range]);
    }
    text.split(',').map(|part| parse_range(part.trim())).collect()
}

/// `text` without parenthesised notes.
fn without_notes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('(') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.into()
}

fn parse_range(part: &str) -> Result<PortRange, String> {
    if part.is_empty() {
        return Err("empty item in the port list".to_owned());
    }
    let separator = match part.find(['-', '–', '—']) {
        Some(at) => Some((at, part[at..].chars().next().map_or(1, char::len_utf8))),
        None => part.find(" to ").map(|at| (at, 4)),
    };
    let (start, end) = match separator {
        Some((at, len)) => (part[..at].trim(), part[at + len..].trim()),
        None => (part, part),
    };
    let start = parse_port(start, part)?;
    let end = parse_port(end, part)?;
    if start > end {
        return Err(format!("{part} starts after it ends", part = Code(part)));
    }
    Ok(PortRange { start, end })
}

fn parse_port(digits: &str, whole: &str) -> Result<u32, String> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{whole} is not a port or a port range", whole = Code(whole)));
    }
    match digits.parse::<u32>() {
        Ok(0) => Err("port 0 is not a usable port".to_owned()),
        Ok(port) if port <= MAX_PORT => Ok(port),
        _ => Err(format!("{digits} is past the last port {MAX_PORT}")),
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(text: &str) -> PortsCell {
        parse_ports_cell(text, BareNumber::Block, 100)
    }

    #[test]
    fn reads_ranges_single_ports_and_lists() {
        assert_eq!(ranges("30500-30599"), PortsCell::Ranges(vec![PortRange::new(30500, 30599)]));
        assert_eq!(ranges(" 30500 – 30599 "), PortsCell::Ranges(vec![PortRange::new(30500, 30599)]));
        assert_eq!(
            ranges("3000, 8000, 54321-54323"),
            PortsCell::Ranges(vec![PortRange::single(3000), PortRange::single(8000), PortRange::new(54321, 54323)])
        );
    }

    #[test]
    fn ignores_notes_and_reads_to() {
        assert_eq!(
            ranges("3000 (web), 8000 (api)"),
            PortsCell::Ranges(vec![PortRange::single(3000), PortRange::single(8000)])
        );
        assert_eq!(ranges("30500-30599 (Block 5)"), PortsCell::Ranges(vec![PortRange::new(30500, 30599)]));
        assert_eq!(ranges("30500 to 30599"), PortsCell::Ranges(vec![PortRange::new(30500, 30599)]));
    }

    #[test]
    fn reads_block_labels_and_bare_block_numbers() {
        assert_eq!(ranges("Block 5"), PortsCell::Block(5));
        assert_eq!(ranges("block #12"), PortsCell::Block(12));
        assert_eq!(ranges("7"), PortsCell::Block(7));
        assert_eq!(ranges("100"), PortsCell::Ranges(vec![PortRange::single(100)]));
        assert!(matches!(ranges("Block 100"), PortsCell::Invalid(_)));
    }

    #[test]
    fn a_bare_number_in_a_ports_column_is_a_port() {
        assert_eq!(parse_ports_cell("80", BareNumber::Port, 100), PortsCell::Ranges(vec![PortRange::single(80)]));
        assert_eq!(parse_ports_cell("Block 8", BareNumber::Port, 100), PortsCell::Block(8));
    }

    #[test]
    fn placeholders_are_empty() {
        for text in ["", " ", "-", "—", "TBD", "n/a"] {
            assert_eq!(ranges(text), PortsCell::Empty, "{text:?}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_port() {
        for text in ["30599-30500", "70000", "0-10", "abc", "30500-", "3000,,3001", "30500 till 30599"] {
            assert!(matches!(ranges(text), PortsCell::Invalid(_)), "{text:?}");
        }
    }
}
