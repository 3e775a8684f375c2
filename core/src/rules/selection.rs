//! Which rules report: `--select` and `--ignore` patterns, and the
//! `<!-- portreg: ignore CODES -->` directives a registry carries itself.
//!
//! A pattern is a rule code (`B104`) or a prefix of codes: a family letter
//! (`I`) or more (`B1`). A directive on a line of its own ignores its codes in
//! the whole document; one written in a table row (in a notes cell, say)
//! ignores them on that row only.

use std::fmt;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};

use super::{Diagnostic, RULES};

/// The word that starts a directive inside an HTML comment.
pub const DIRECTIVE: &str = "portreg: ignore";

/// Rule codes or prefixes of codes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patterns(Vec<String>);

/// A pattern that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPattern(pub String);

impl fmt::Display for UnknownPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` names no rule; use a code such as B104 or a family letter such as I", self.0)
    }
}

impl std::error::Error for UnknownPattern {}

impl Patterns {
    /// Reads a comma- or space-separated list. Each item must name at least one rule.
    pub fn parse(list: &str) -> Result<Self, UnknownPattern> {
        let items = list.split([',', ' ', '\t']).map(str::trim).filter(|p| !p.is_empty());
        let patterns = items
            .map(|item| {
                let pattern = item.to_ascii_uppercase();
                let known = RULES.iter().any(|r| r.code.starts_with(&pattern));
                if known {
                    Ok(pattern)
                } else {
                    Err(UnknownPattern(item.to_owned()))
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self(patterns))
    }

    /// Whether no pattern is given.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether a pattern matches `code`.
    pub fn matches(&self, code: &str) -> bool {
        self.0.iter().any(|p| code.starts_with(p.as_str()))
    }
}

/// The rules asked for: all when `select` is empty, less those `ignore` matches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only these (every rule when empty).
    pub select: Patterns,
    /// Never these.
    pub ignore: Patterns,
}

impl Selection {
    /// Whether findings of `code` are reported.
    pub fn allows(&self, code: &str) -> bool {
        (self.select.is_empty() || self.select.matches(code)) && !self.ignore.matches(code)
    }

    /// `findings` without those this selection leaves out.
    pub fn filter(&self, findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
        findings.into_iter().filter(|d| self.allows(d.code())).collect()
    }
}

/// The ignore directives of a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directives {
    /// Codes ignored in the whole document.
    pub document: Patterns,
    /// Codes ignored on one line: the line's bytes and the patterns.
    pub lines: Vec<(Range<usize>, Patterns)>,
    /// Directives naming a code no rule has: where, and the pattern.
    pub unknown: Vec<(Range<usize>, String)>,
    /// `<!-- portreg … -->` comments that are no directive portreg reads.
    pub malformed: Vec<Range<usize>>,
}

impl Directives {
    /// Finds the directives of `source`: HTML comments, as blocks or inline,
    /// never text in code.
    pub fn of(source: &str) -> Self {
        let mut found = Directives::default();
        // Most documents have no directive: read them once only (a project may well be named portreg).
        let opens_directive = |(at, _): (usize, &str)| strip_word(source[at + 4..].trim_start(), "portreg").is_some();
        if !source.match_indices("<!--").any(opens_directive) {
            return found;
        }
        // A byte-order mark is not part of the first line (as for tables).
        let body = source.strip_prefix('\u{feff}').unwrap_or(source);
        let bom = source.len() - body.len();
        for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
            let range = range.start + bom..range.end + bom;
            let (html, inline) = match &event {
                Event::Html(html) => (html, false),
                Event::InlineHtml(html) => (html, true),
                _ => continue,
            };
            let list = match read_comment(html) {
                Comment::NotOurs => continue,
                Comment::Malformed => {
                    found.malformed.push(range);
                    continue;
                }
                Comment::Directive(list) => list,
            };
            let mut patterns = Patterns::default();
            for item in list.split([',', ' ', '\t']).filter(|p| !p.is_empty()) {
                match Patterns::parse(item) {
                    Ok(Patterns(mut one)) => patterns.0.append(&mut one),
                    Err(UnknownPattern(name)) => found.unknown.push((range.clone(), name)),
                }
            }
            if inline {
                let line = crate::text::line_start(source, range.start)..crate::text::line_end(source, range.start);
                found.lines.push((line, patterns));
            } else {
                found.document.0.extend(patterns.0);
            }
        }
        found
    }

    /// Whether a finding of `code` about bytes `span` is ignored.
    pub fn ignores(&self, code: &str, span: &Range<usize>) -> bool {
        self.document.matches(code)
            || self.lines.iter().any(|(line, p)| line.start <= span.start && span.start <= line.end && p.matches(code))
    }
}

/// What an HTML comment says to portreg.
enum Comment<'a> {
    /// Not a comment to portreg.
    NotOurs,
    /// `portreg: ignore CODES`, with the codes.
    Directive(&'a str),
    /// Starts with `portreg` but is no directive portreg reads.
    Malformed,
}

/// Reads `<!-- portreg: ignore CODES -->`: `portreg` in any case, a colon,
/// `ignore`, then at least one code, with any spacing.
fn read_comment(html: &str) -> Comment<'_> {
    let Some(inner) = html.trim().strip_prefix("<!--").and_then(|t| t.trim_end().strip_suffix("-->")) else {
        return Comment::NotOurs;
    };
    let inner = inner.trim();
    let Some(rest) = strip_word(inner, "portreg") else { return Comment::NotOurs };
    if rest.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_') {
        return Comment::NotOurs;
    }
    let Some(rest) = rest.trim_start().strip_prefix(':') else { return Comment::Malformed };
    match strip_word(rest.trim_start(), "ignore") {
        Some(list) if list.starts_with(char::is_whitespace) && !list.trim().is_empty() => {
            Comment::Directive(list.trim())
        }
        _ => Comment::Malformed,
    }
}

/// `text` after `word`, matched without regard to ASCII case.
fn strip_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let head = text.get(..word.len())?;
    head.eq_ignore_ascii_case(word).then(|| &text[word.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_codes_or_prefixes_of_codes() {
        let patterns = Patterns::parse("b104, I ,P00").unwrap();
        assert!(patterns.matches("B104") && patterns.matches("I302") && patterns.matches("P001"));
        assert!(!patterns.matches("B101"));
        assert_eq!(Patterns::parse("X9"), Err(UnknownPattern("X9".into())));
        let selection = Selection { select: Patterns::parse("B").unwrap(), ignore: Patterns::parse("B104").unwrap() };
        assert!(selection.allows("B101") && !selection.allows("B104") && !selection.allows("I301"));
    }

    #[test]
    fn directives_apply_to_the_document_or_to_their_row() {
        let doc = "<!-- portreg: ignore B104 -->\n\n| Project | Ports | Notes |\n|---|---|---|\n\
                   | a | 3000 | old <!-- portreg: ignore R202, Q1 --> |\n\n```\n<!-- portreg: ignore I -->\n```\n";
        let directives = Directives::of(doc);
        assert!(directives.document.matches("B104") && !directives.document.matches("I301"));
        let row = doc.find("| a |").unwrap();
        assert!(directives.ignores("R202", &(row..row + 5)));
        assert!(!directives.ignores("R202", &(0..1)));
        assert_eq!(directives.unknown.len(), 1);
        assert_eq!(directives.unknown[0].1, "Q1");
    }

    #[test]
    fn directives_are_read_in_any_spacing_and_case_and_near_misses_are_named() {
        let read = |comment: &str| Directives::of(&format!("{comment}\n\ntext\n"));
        for written in
            ["<!-- PORTREG: ignore B104 -->", "<!-- portreg:ignore B104 -->", "<!--portreg  :  IGNORE   B104-->"]
        {
            assert!(read(written).document.matches("B104"), "{written}");
        }
        for wrong in [
            "<!-- portreg: ignorer -->",
            "<!-- portreg: ignores B104 -->",
            "<!-- portreg ignore B104 -->",
            "<!-- portreg: ignore -->",
        ] {
            let directives = read(wrong);
            assert!(directives.document.is_empty() && directives.malformed.len() == 1, "{wrong}");
        }
        assert!(read("<!-- portregister of ports -->").malformed.is_empty());
        let bom = Directives::of("\u{feff}<!-- portreg: ignore B104 -->\n\ntext\n");
        assert!(bom.document.matches("B104"));
    }
}
