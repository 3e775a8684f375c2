//! What `check` found, in the formats tools and CI services read: JSON,
//! GitHub Actions workflow commands, SARIF, JUnit XML and GitLab Code
//! Quality. (The text lines for people are in [`crate::output`].)
//!
//! Registry text is data in every format: core has already made messages
//! safe to show, and file names, which come from the command line, are
//! escaped here for each format.

mod github;
mod gitlab;
mod json;
mod junit;
mod sarif;
mod uri;
mod xml;

pub use github::github;
pub use gitlab::gitlab;
pub use json::json;
pub use junit::junit;
pub use sarif::sarif;

use portreg_core::rules::Selection;
use portreg_core::{Diagnostic, LineIndex, Rule, RULES};

use crate::input::Input;

/// One registry and the findings reported on it.
pub struct Checked {
    /// The registry as read.
    pub document: Input,
    /// The findings the selection lets through, in document order.
    pub diagnostics: Vec<Diagnostic>,
    /// Where its lines start.
    lines: LineIndex,
}

impl Checked {
    /// `document` with its `diagnostics`.
    pub fn new(document: Input, diagnostics: Vec<Diagnostic>) -> Self {
        let lines = LineIndex::new(&document.text);
        Self { document, diagnostics, lines }
    }

    /// The 1-based line a finding is about; 0 when it is about no row.
    pub fn line(&self, diagnostic: &Diagnostic) -> usize {
        diagnostic.line(&self.lines)
    }

    /// The text of 1-based `line`, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let text = &self.document.text;
        let start = self.lines.line_start(line).unwrap_or(text.len());
        let end = self.lines.line_start(line + 1).unwrap_or(text.len());
        text.get(start..end).unwrap_or("").trim_end_matches(['\n', '\r'])
    }
}

/// The rules `selection` lets report, in the catalog's order.
pub fn selected_rules(selection: &Selection) -> Vec<&'static Rule> {
    RULES.iter().copied().filter(|rule| selection.allows(rule.code)).collect()
}
