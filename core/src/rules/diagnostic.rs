//! Findings and the text edits that fix them.

use std::fmt;
use std::ops::Range;

use super::violation::Violation;
use super::Rule;
use crate::code_span::{spans, Code, Span};
use crate::edit::TextEdit;
use crate::text::{is_unsafe_char, quote, LineIndex};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The registry is wrong: two owners for one port, a port the policy forbids.
    Error,
    /// Likely a mistake, or against the policy's advice.
    Warning,
    /// Worth knowing; nothing is wrong.
    Info,
}

impl Severity {
    /// The word used in output: `error`, `warning`, `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix can be applied without asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Applicability {
    /// Changes only what the finding is about; nothing that runs depends on the old text.
    Safe,
    /// Changes what running services or configs use (a live project's ports):
    /// shown, and applied only when asked for.
    Unsafe,
}

impl Applicability {
    /// The word used in output: `safe` or `unsafe`.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// A change that resolves a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, as a short imperative phrase.
    pub title: String,
    /// The edits, non-overlapping.
    pub edits: Vec<TextEdit>,
    /// Whether it may be applied without asking.
    pub applicability: Applicability,
    /// For an unsafe fix, what it breaks, as a sentence for people.
    pub breaks: Option<String>,
    /// The block the fix gives a project, when it allocates one: two such
    /// fixes are never applied on one reading of the document.
    pub claims_block: Option<u32>,
}

impl Fix {
    /// A safe fix.
    pub fn safe(title: impl Into<String>, edits: Vec<TextEdit>) -> Self {
        Self { title: title.into(), edits, applicability: Applicability::Safe, breaks: None, claims_block: None }
    }

    /// An unsafe fix, with what it breaks.
    pub fn unsafe_because(title: impl Into<String>, edits: Vec<TextEdit>, breaks: impl Into<String>) -> Self {
        let breaks = Some(breaks.into());
        Self { title: title.into(), edits, applicability: Applicability::Unsafe, breaks, claims_block: None }
    }

    /// The same fix, recorded as giving its project `block`.
    pub fn claiming(mut self, block: u32) -> Self {
        self.claims_block = Some(block);
        self
    }

    /// Whether it is safe.
    pub fn is_safe(&self) -> bool {
        self.applicability == Applicability::Safe
    }
}

/// One finding: which rule, where, what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that fired.
    pub rule: &'static Rule,
    /// The severity; usually the rule's, sometimes adjusted by the row's status.
    pub severity: Severity,
    /// The bytes of the row (or table) the finding is about.
    pub span: Range<usize>,
    /// What is wrong, as a short phrase.
    pub message: String,
    /// What to do about it.
    pub help: String,
    /// A text edit that resolves it, where one is known.
    pub fix: Option<Fix>,
    /// Whether `span` is a row (or table) of the registry. A finding about
    /// no row, such as a listener nobody registered, has an empty span and
    /// is shown at line 0.
    pub on_row: bool,
}

impl Diagnostic {
    /// The finding `violation` describes, on the row (or table) at `span`.
    pub(crate) fn of<V: Violation>(span: Range<usize>, violation: V) -> Self {
        Diagnostic::new(V::RULE, span, violation.message(), violation.help()).with_severity(violation.severity())
    }

    /// The finding `violation` describes, about no row of the registry: shown at line 0.
    pub(crate) fn detached<V: Violation>(violation: V) -> Self {
        Diagnostic { on_row: false, ..Diagnostic::of(0..0, violation) }
    }

    /// The finding `violation` describes, on `span`'s row, or about no row without one.
    pub(crate) fn at<V: Violation>(span: Option<Range<usize>>, violation: V) -> Self {
        match span {
            Some(span) => Diagnostic::of(span, violation),
            None => Diagnostic::detached(violation),
        }
    }

    /// A finding of `rule` at its default severity. Text quoted from the
    /// registry in `message` and `help` is made safe to show: control
    /// characters escaped, long quotes shortened (see [`safe_text`]).
    fn new(rule: &'static Rule, span: Range<usize>, message: String, help: String) -> Self {
        let (message, help) = (safe_text(message), safe_text(help));
        Self { rule, severity: rule.severity, span, message, help, fix: None, on_row: true }
    }

    /// The 1-based line of its row in the registry `lines` index, or 0 when
    /// it is about no row.
    pub fn line(&self, lines: &LineIndex) -> usize {
        if self.on_row {
            lines.line(self.span.start)
        } else {
            0
        }
    }

    /// The same finding at another severity.
    fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The same finding with a fix.
    pub(crate) fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix.map(|fix| Fix { title: safe_text(fix.title), breaks: fix.breaks.map(safe_text), ..fix });
        self
    }

    /// The rule's stable code, such as `B101`.
    pub fn code(&self) -> &'static str {
        self.rule.code
    }
}

/// Longest text quoted in backticks that a message shows whole.
pub const MAX_QUOTE: usize = 60;

/// Longest message, in characters; a longer one is cut.
pub const MAX_MESSAGE: usize = 400;

/// `text` safe to show on a terminal or a page: control characters and
/// bidirectional overrides written as `\u{..}` escapes, a quote (a code span,
/// see [`spans`]) longer than [`MAX_QUOTE`] characters shortened (a suggested
/// `portreg` command is kept whole), and the whole cut after [`MAX_MESSAGE`]
/// characters; a cut text ends with `… (N characters)`.
pub fn safe_text(text: String) -> String {
    // A suggested command is shown whole, so that it works as written.
    let limit = |quoted: &str| if quoted.starts_with("portreg ") { MAX_MESSAGE } else { MAX_QUOTE };
    let parts = spans(&text);
    let long_quote =
        parts.iter().any(|part| matches!(part, Span::Code(quoted) if quoted.chars().count() > limit(quoted)));
    if !text.chars().any(is_unsafe_char) && text.len() <= MAX_MESSAGE && !long_quote {
        return text;
    }
    let mut shown = String::with_capacity(text.len().min(2 * MAX_MESSAGE));
    for part in parts {
        match part {
            Span::Text(running) => shown.push_str(&quote(running, MAX_MESSAGE)),
            Span::Code(quoted) => shown.push_str(&Code(&quote(quoted, limit(quoted))).to_string()),
        }
    }
    quote(&shown, MAX_MESSAGE)
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Number of infos.
    pub infos: usize,
}

impl Summary {
    /// Counts `diagnostics`.
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut summary = Summary::default();
        for diagnostic in diagnostics {
            match diagnostic.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }
}
