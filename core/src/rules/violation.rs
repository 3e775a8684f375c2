//! Findings as types: one per rule, holding what was found (the project, the
//! ports, the block…). Each builds its message and help from those fields in
//! one place, beside its rule; the checks only find and fill them in.

use super::{Rule, Severity};

/// What one rule found, in typed fields.
pub(crate) trait Violation {
    /// The rule it is a finding of.
    const RULE: &'static Rule;

    /// What is wrong, as a short phrase.
    fn message(&self) -> String;

    /// What to do about it.
    fn help(&self) -> String;

    /// How much it matters: the rule's severity, unless the rule's severity
    /// note says how it varies.
    fn severity(&self) -> Severity {
        Self::RULE.severity
    }
}
