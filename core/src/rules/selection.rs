//! Which rules report: `--select` and `--ignore` patterns, and the
//! `<!-- portreg: ignore CODES -->` directives a registry carries itself.
//!
//! A pattern is a rule code (`B104`) or a prefix of codes: a family letter
//! (`I`) or more (`B1`). A directive on a line of its own ignores its codes in
//! the whole document; one written in a table row (in a notes cell, say)
//! ignores them on that row only.

use crate::code_span::Code;
use std::fmt;
use std::ops::Range;

use super::{Diagnostic, RULES};
use crate::markdown::{self, Comment};

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
        write!(f, "{} names no rule; use a code such as B104 or a family letter such as I", Code(&self.0))
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
    /// never text in code. Reads the document; a registry already read has
    /// its comments, for [`Directives::read`].
    pub fn of(source: &str) -> Self {
        Self::read(source, &markdown::read(source).comments)
    }

    /// The directives among `comments`, the HTML comments of `source`.
    pub fn read(source: &str, comments: &[Comment]) -> Self {
        let mut found = Directives::default();
        for comment in comments {
            let range = comment.range.clone();
            let list = match read_comment(&comment.text) {
                Reading::NotOurs => continue,
                Reading::Malformed => {
                    found.malformed.push(range);
                    continue;
                }
                Reading::Directive(list) => list,
            };
            let mut patterns = Patterns::default();
            for item in list.split([',', ' ', '\t']).filter(|p| !p.is_empty()) {
                match Patterns::parse(item) {
                    Ok(Patterns(mut one)) => patterns.0.append(&mut one),
                    Err(UnknownPattern(name)) => found.unknown.push((range.clone(), name)),
                }
            }
            if comment.inline {
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
enum Reading<'a> {
    /// Not a comment to portreg.
    NotOurs,
    /// `portreg: ignore CODES`, with the codes.
    Directive(&'a str),
    /// Starts with `portreg` but is no directive portreg reads.
    Malformed,
}

/// Reads `<!-- portreg: ignore CODES -->`: `portreg` in any case, a colon,
/// `ignore`, then at least one code, with any spacing.
fn read_comment(html: &str) -> Reading<'_> {
    let Some(inner) = html.trim().strip_prefix("<!--").and_then(|t| t.trim_end().strip_suffix("-->")) else {
        return Reading::NotOurs;
    };
    let inner = inner.trim();
    let Some(rest) = strip_word(inner, "portreg") else { return Reading::NotOurs };
    if rest.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_') {
        return Reading::NotOurs;
    }
    let Some(rest) = rest.trim_start().strip_prefix(':') else { return Reading::Malformed };
    match strip_word(rest.trim_start(), "ignore") {
        Some(list) if list.starts_with(char::is_whitespace) && !list.trim().is_empty() => {
            Reading::Directive(list.trim())
        }
        _ => Reading::Malformed,
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

#[cfg(test)]
mod placement {
    //! Where a directive stands in the document, read in the one pass that reads the tables.

    use super::Directives;
    use crate::date::Date;
    use crate::policy::Policy;
    use crate::registry::Registry;
    use crate::rules::check;

    const TABLE: &str =
        "| Project | Ports | Path |\n|---|---|---|\n| a | 30100-30199 | ~/src/a |\n| b | 30200-30299 | ~/src/a |\n";

    fn codes(doc: &str) -> Vec<&'static str> {
        check(doc, &Policy::default(), Date::parse("2025-01-01").unwrap()).iter().map(|d| d.code()).collect()
    }

    #[test]
    fn the_registry_read_keeps_the_comments_the_directives_come_from() {
        let doc = format!("<!-- portreg: ignore B104 -->\n\n{TABLE}");
        let registry = Registry::parse(&doc, &Policy::default());
        assert_eq!(registry.comments.len(), 1);
        assert_eq!(Directives::read(&doc, &registry.comments), Directives::of(&doc));
        assert!(codes(TABLE).contains(&"B104"));
        assert!(!codes(&doc).contains(&"B104"));
    }

    #[test]
    fn a_directive_between_tables_is_for_the_whole_document() {
        let doc = format!("{TABLE}\n<!-- portreg: ignore B104 -->\n\n| Notes |\n|---|\n| x |\n");
        assert!(Directives::of(&doc).document.matches("B104"));
        assert!(!codes(&doc).contains(&"B104"));
    }

    #[test]
    fn a_directive_right_after_a_table_is_for_the_whole_document() {
        let doc = format!("{TABLE}\n<!-- portreg: ignore B104 -->\n");
        assert!(Directives::of(&doc).document.matches("B104"));
        assert!(!codes(&doc).contains(&"B104"));
        let touching = format!("{TABLE}<!-- portreg: ignore B104 -->\n");
        // The comment ends the table: it is no row of it.
        assert!(Directives::of(&touching).document.matches("B104"));
        assert!(codes(&touching).is_empty(), "{:?}", codes(&touching));
    }

    #[test]
    fn a_directive_in_a_list_item_is_read() {
        // On a line of its own in the item: the whole document.
        let block = format!("- notes\n\n  <!-- portreg: ignore B104 -->\n\n{TABLE}");
        assert!(Directives::of(&block).document.matches("B104"));
        assert!(!codes(&block).contains(&"B104"));
        // After the item's text: that line only, so the table's finding stays.
        let inline = format!("- notes <!-- portreg: ignore B104 -->\n\n{TABLE}");
        let directives = Directives::of(&inline);
        assert!(directives.document.is_empty() && directives.lines.len() == 1);
        assert!(codes(&inline).contains(&"B104"));
    }

    #[test]
    fn a_directive_in_code_is_text() {
        for code in [
            "```\n<!-- portreg: ignore B104 -->\n```\n\n",
            "    <!-- portreg: ignore B104 -->\n\n",
            "`<!-- portreg: ignore B104 -->`\n\n",
            "```\n<!-- portreg: ignre B104 -->\n```\n\n",
        ] {
            let doc = format!("{code}{TABLE}");
            assert_eq!(Directives::of(&doc), Directives::default(), "{code}");
            let found = codes(&doc);
            assert!(found.contains(&"B104") && !found.contains(&"P008"), "{code}");
        }
    }

    #[test]
    fn a_directive_in_a_cell_is_no_part_of_its_value() {
        let doc = TABLE.replace("~/src/a |\n| b", "~/src/a <!-- portreg: ignore B104 --> |\n| b");
        let registry = Registry::parse(&doc, &Policy::default());
        assert_eq!(registry.projects[0].path.as_deref(), Some("~/src/a"));
        // On row a, which B104 does not fire on: row b's finding stays.
        assert!(codes(&doc).contains(&"B104"));
        let on_b = TABLE.replace("~/src/a |\n", "~/src/a <!-- portreg: ignore B104 --> |\n");
        assert_eq!(on_b.matches("<!--").count(), 2);
        assert!(!codes(&on_b).contains(&"B104"), "{on_b}");
    }
}
