//! Everything the screens show, derived from the document in one pass. The
//! types here are the app's own boundary types, filled from core types; line
//! numbers appear here, at the edge.

use crate::listening::Listening;
use portreg_core::overview::BlockView;
use portreg_core::rules::RuleDoc;
use portreg_core::{Date, Diagnostic, Document, Fix, LineIndex, Policy, Registry, Severity, Summary};

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
    pub doc: String,
    /// The fix, when the rule has one, with its applicability.
    pub fix: Option<Fix>,
}

impl Finding {
    fn new(diagnostic: Diagnostic, lines: &LineIndex) -> Self {
        let doc = &diagnostic.rule.doc;
        Self {
            code: diagnostic.rule.code,
            name: diagnostic.rule.name,
            severity: diagnostic.severity,
            line: diagnostic.line(lines),
            span: diagnostic.span,
            message: diagnostic.message,
            help: diagnostic.help,
            doc: format!(
                "{} {} Fix: {}",
                RuleDoc::paragraph(doc.what),
                RuleDoc::paragraph(doc.why),
                RuleDoc::paragraph(doc.fix)
            ),
            fix: diagnostic.fix,
        }
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
        let mut diagnostics = document.check(today);
        let listening = Listening::of(listing);
        if let Some(listing) = listening.listing() {
            diagnostics.extend(document.usage(listing, today));
        }
        let summary = Summary::of(&diagnostics);
        let blocks = document.overview();
        let findings = diagnostics.into_iter().map(|d| Finding::new(d, document.lines())).collect();
        Analysis::Checked { document, findings, summary, blocks, listening }
    }

    /// The document, when it was read.
    pub fn document(&self) -> Option<&Document> {
        match self {
            Analysis::Checked { document, .. } => Some(document),
            Analysis::TooLarge(_) => None,
        }
    }

    /// The pasted listing, as read.
    pub fn listening(&self) -> Option<&Listening> {
        match self {
            Analysis::Checked { listening, .. } => Some(listening),
            Analysis::TooLarge(_) => None,
        }
    }

    /// The registry, when the document was read.
    pub fn registry(&self) -> Option<&Registry> {
        match self {
            Analysis::Checked { document, .. } => Some(document.registry()),
            Analysis::TooLarge(_) => None,
        }
    }
}
