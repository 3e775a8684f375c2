//! Applying the fixes that diagnostics carry.

use crate::date::Date;
use crate::policy::Policy;
use crate::rules::check;

/// The result of applying fixes until none is left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixReport {
    /// The fixed document.
    pub text: String,
    /// The title of each fix applied, with its rule code, in order.
    pub applied: Vec<String>,
}

/// Applies fixes one at a time, re-checking after each, until no finding has
/// a fix left. One at a time, because fixes that move blocks each pick the
/// next free block and must see the previous move. Stops after a fix count
/// equal to the document's line count, so no fix can make it loop.
pub fn apply_fixes(source: &str, policy: &Policy, today: Date) -> FixReport {
    let mut text = source.to_owned();
    let mut applied = Vec::new();
    let limit = source.lines().count() + 1;
    while applied.len() < limit {
        let diagnostics = check(&text, policy, today);
        let Some((code, fix)) = diagnostics.iter().find_map(|d| d.fix.as_ref().map(|f| (d.code(), f))) else { break };
        let next = crate::edit::apply(&text, &fix.edits);
        if next == text {
            break;
        }
        applied.push(format!("{code}: {}", fix.title));
        text = next;
    }
    FixReport { text, applied }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_each_overlapping_project_to_its_own_block() {
        let doc = "| Project | Block | Ports |\n|---|---|---|\n| a | Block 0 | 30000-30099 |\n\
                   | b | Block 0 | 30000-30099 |\n| c | Block 0 | 30000-30099 |\n";
        let policy = Policy::default();
        let today = Date::parse("2025-01-15").unwrap();
        let report = apply_fixes(doc, &policy, today);
        assert_eq!(
            report.text,
            "| Project | Block | Ports |\n|---|---|---|\n| a | Block 0 | 30000-30099 |\n\
             | b | Block 1 | 30100-30199 |\n| c | Block 2 | 30200-30299 |\n"
        );
        assert_eq!(report.applied.len(), 2);
        assert!(check(&report.text, &policy, today).is_empty());
    }
}
