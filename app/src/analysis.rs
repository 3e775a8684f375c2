//! Everything the screens show, derived from the document in one pass. The
//! types here are the app's own boundary types, filled from core types; line
//! numbers appear here, at the edge.

use crate::listening::Listening;
use portreg_core::overview::BlockView;
use portreg_core::rules::RuleDoc;
use portreg_core::{Date, Diagnostic, Document, Fix, LineIndex, Policy, Registry, Rule, Severity, Summary};

/// The largest document the app checks. Larger pastes stay in the editor,
/// untouched, with a message instead of a frozen page.
pub const MAX_DOCUMENT_BYTES: usize = 2 * 1024 * 1024;

/// `2.4 MB`: bytes in megabytes with one decimal, without float formatting
/// (which would add its tables to the download).
pub fn megabytes(bytes: usize) -> String {
    let tenths = (bytes * 10 + 524_288) / 1_048_576;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

/// A finding as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Rule code.
    pub code: &'static str,
    /// Rule name.
    pub name: &'static str,
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// 1-based line of the row; 0 for a finding about no row (a listener).
    pub line: usize,
    /// Bytes of the row, to select it in the editor.
    pub span: std::ops::Range<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
    /// The rule's documentation: what it checks and why.
    pub doc: &'static str,
    /// The fix, when the rule has one, with its applicability.
    pub fix: Option<Fix>,
}

impl Finding {
    fn new(diagnostic: Diagnostic, lines: &LineIndex) -> Self {
        let line = diagnostic.line(lines);
        let Diagnostic { rule, severity, span, message, help, fix, .. } = diagnostic;
        Self::of_rule(rule, severity, line, span, message, help, fix)
    }

    /// A finding of `rule`, from its parts.
    pub fn of_rule(
        rule: &'static Rule,
        severity: Severity,
        line: usize,
        span: std::ops::Range<usize>,
        message: String,
        help: String,
        fix: Option<Fix>,
    ) -> Self {
        Self { code: rule.code, name: rule.name, severity, line, span, message, help, doc: rule_doc(rule), fix }
    }
}

/// A rule's documentation as one paragraph, written once per rule: a big
/// registry has tens of thousands of findings of a few rules.
fn rule_doc(rule: &'static Rule) -> &'static str {
    thread_local! {
        static DOCS: std::cell::RefCell<Vec<(&'static str, &'static str)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    DOCS.with_borrow_mut(|docs| {
        if let Some((_, doc)) = docs.iter().find(|(code, _)| *code == rule.code) {
            return *doc;
        }
        let doc = &rule.doc;
        let text = format!(
            "{} {} Fix: {}",
            RuleDoc::paragraph(doc.what),
            RuleDoc::paragraph(doc.why),
            RuleDoc::paragraph(doc.fix)
        );
        // One string per rule of the catalog, kept for the page's life.
        let text: &'static str = Box::leak(text.into_boxed_str());
        docs.push((rule.code, text));
        text
    })
}

/// What checking a document finds: the part of an [`Analysis`] that a
/// worker can compute and send back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Findings in document order.
    pub findings: Vec<Finding>,
    /// Counts by severity.
    pub summary: Summary,
    /// The 100 blocks.
    pub blocks: Vec<BlockView>,
}

impl Report {
    /// Checks `document` as of `today`, with what `listening` shows.
    pub fn of(document: &Document, listening: &Listening, today: Date) -> Self {
        let mut diagnostics = document.check(today);
        if let Some(listing) = listening.listing() {
            diagnostics.extend(document.usage(listing, today));
        }
        let summary = Summary::of(&diagnostics);
        let blocks = document.overview();
        let findings = diagnostics.into_iter().map(|d| Finding::new(d, document.lines())).collect();
        Report { findings, summary, blocks }
    }
}

/// The document, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Analysis {
    /// The document was read.
    Checked {
        /// The document, read once.
        document: Box<Document>,
        /// Findings in document order.
        findings: Vec<Finding>,
        /// Counts by severity.
        summary: Summary,
        /// The 100 blocks.
        blocks: Vec<BlockView>,
        /// The pasted listing, read.
        listening: Listening,
        /// The document is of an earlier version than the findings and
        /// blocks (a big document typed in, checked by the checker): what
        /// reads it waits until it is read again, once typing pauses.
        behind: bool,
    },
    /// The document is larger than [`MAX_DOCUMENT_BYTES`].
    TooLarge(usize),
}

impl Analysis {
    /// Reads and checks `text` against `policy` as of `today`, and what
    /// the pasted `listing` shows listening against it.
    pub fn of(text: &str, listing: &str, policy: &Policy, today: Date) -> Self {
        if text.len() > MAX_DOCUMENT_BYTES {
            return Analysis::TooLarge(text.len());
        }
        let document = Box::new(Document::new(text, policy.clone()));
        let listening = Listening::of(listing);
        let report = Report::of(&document, &listening, today);
        Analysis::checked(document, report, listening)
    }

    /// The analysis of `document` that `report` gives.
    pub fn checked(document: Box<Document>, report: Report, listening: Listening) -> Self {
        let Report { findings, summary, blocks } = report;
        Analysis::Checked { document, findings, summary, blocks, listening, behind: false }
    }

    /// This analysis with `report` of `text` from the checker: its document
    /// stays until read again, and is behind when it is not `text`.
    pub fn reported(self, report: Report, listening: Listening, text: &str, policy: &Policy) -> Self {
        let document = match self {
            Analysis::Checked { document, .. } => document,
            Analysis::TooLarge(_) => Box::new(Document::new("", policy.clone())),
        };
        let behind = document.text() != text;
        let Report { findings, summary, blocks } = report;
        Analysis::Checked { document, findings, summary, blocks, listening, behind }
    }

    /// Whether the document is behind the findings, to be read again.
    pub fn behind(&self) -> bool {
        matches!(self, Analysis::Checked { behind: true, .. })
    }

    /// Marks the document as of an earlier version than the text: a check
    /// of the new text is running.
    pub fn fall_behind(&mut self) {
        if let Analysis::Checked { behind, .. } = self {
            *behind = true;
        }
    }

    /// Puts `current`, the document read again, in place of one behind.
    pub fn read_again(&mut self, current: Box<Document>) {
        if let Analysis::Checked { document, behind, .. } = self {
            *document = current;
            *behind = false;
        }
    }

    /// The document, when it was read and is the current one.
    pub fn document(&self) -> Option<&Document> {
        match self {
            Analysis::Checked { document, behind: false, .. } => Some(document),
            _ => None,
        }
    }

    /// Whether the document is too large to be read.
    pub fn too_large(&self) -> bool {
        matches!(self, Analysis::TooLarge(_))
    }

    /// The pasted listing, as read.
    pub fn listening(&self) -> Option<&Listening> {
        match self {
            Analysis::Checked { listening, .. } => Some(listening),
            Analysis::TooLarge(_) => None,
        }
    }

    /// The registry of the document last read, current or not: what a list
    /// of projects offers while a big document is being read again.
    pub fn last_registry(&self) -> Option<&Registry> {
        match self {
            Analysis::Checked { document, .. } => Some(document.registry()),
            Analysis::TooLarge(_) => None,
        }
    }

    /// The registry, when the document was read and is the current one.
    pub fn registry(&self) -> Option<&Registry> {
        self.document().map(Document::registry)
    }
}
