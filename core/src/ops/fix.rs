//! Applying the fixes that diagnostics carry.

use std::ops::Range;

use rustc_hash::FxHashSet;

use crate::date::Date;
use crate::policy::Policy;
use crate::rules::{check, Fix, Selection};

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    /// Safe fixes only: what `portreg fix` does unless asked for more.
    SafeOnly,
    /// Safe and unsafe fixes.
    IncludeUnsafe,
}

impl FixMode {
    fn allows(self, fix: &Fix) -> bool {
        fix.is_safe() || self == FixMode::IncludeUnsafe
    }
}

/// The result of applying fixes until none is left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixReport {
    /// The fixed document.
    pub text: String,
    /// The title of each fix applied, with its rule code, in order.
    pub applied: Vec<String>,
    /// In [`FixMode::SafeOnly`], the unsafe fixes still offered on the fixed
    /// document, each as `code: title`, with what it breaks.
    pub unsafe_left: Vec<(String, String)>,
    /// How many times the document was read and checked.
    pub passes: usize,
}

/// Applies fixes in passes until none is left: each pass checks the
/// document once and applies every allowed fix whose edits overlap no other
/// fix taken in that pass. Fixes that give a project a block each pick the
/// next free block, so a pass applies at most one fix per block it hands out;
/// the next pass sees that block taken. Stops after as many fixes as the
/// document has lines, so no fix can make it loop.
pub fn apply_fixes(source: &str, policy: &Policy, today: Date, mode: FixMode) -> FixReport {
    apply_selected_fixes(source, policy, today, mode, &Selection::default())
}

/// [`apply_fixes`], with only the fixes of the rules `selection` lets
/// through (as `portreg fix --select` and `--ignore` ask); the unsafe fixes
/// left are those of the same rules.
pub fn apply_selected_fixes(
    source: &str,
    policy: &Policy,
    today: Date,
    mode: FixMode,
    selection: &Selection,
) -> FixReport {
    let mut text = source.to_owned();
    let mut applied = Vec::new();
    let limit = crate::text::LineIndex::new(source).len() + 1;
    let mut passes = 0;
    loop {
        let diagnostics = selection.filter(check(&text, policy, today));
        passes += 1;
        let mut taken = Taken::default();
        let mut edits = Vec::new();
        let mut titles = Vec::new();
        for diagnostic in &diagnostics {
            let Some(fix) = diagnostic.fix.as_ref().filter(|f| mode.allows(f)) else { continue };
            if applied.len() + titles.len() < limit && taken.take(fix) {
                edits.extend(fix.edits.iter().cloned());
                titles.push(format!("{}: {}", diagnostic.code(), fix.title));
            }
        }
        // The taken fixes touch nothing in common, so they always fit; stop if not.
        let next = crate::edit::try_apply(&text, &edits).unwrap_or_else(|_| text.clone());
        if titles.is_empty() || next == text {
            let unsafe_left = diagnostics
                .iter()
                .filter(|_| mode == FixMode::SafeOnly)
                .filter_map(|d| d.fix.as_ref().filter(|f| !f.is_safe()).map(|f| (d, f)))
                .map(|(d, f)| (format!("{}: {}", d.code(), f.title), f.breaks.clone().unwrap_or_default()))
                .collect();
            return FixReport { text, applied, unsafe_left, passes };
        }
        applied.extend(titles);
        text = next;
    }
}

/// What the fixes taken in one pass touch.
#[derive(Default)]
struct Taken {
    ranges: Vec<Range<usize>>,
    blocks: FxHashSet<u32>,
}

impl Taken {
    /// Takes `fix` when it touches nothing taken already.
    fn take(&mut self, fix: &Fix) -> bool {
        let clashes = |a: &Range<usize>| {
            self.ranges.iter().any(|b| a.start < b.end && b.start < a.end || a.start == b.start || a.end == b.end)
        };
        if fix.edits.iter().any(|e| clashes(&e.range)) || fix.claims_block.is_some_and(|b| self.blocks.contains(&b)) {
            return false;
        }
        self.ranges.extend(fix.edits.iter().map(|e| e.range.clone()));
        self.blocks.extend(fix.claims_block);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::parse("2025-01-15").unwrap()
    }

    #[test]
    fn moves_each_overlapping_reserved_project_to_its_own_block() {
        let doc = "| Project | Block | Ports | Status |\n|---|---|---|---|\n| a | Block 0 | 30000-30099 | reserved |\n\
                   | b | Block 0 | 30000-30099 | reserved |\n| c | Block 0 | 30000-30099 | reserved |\n";
        let policy = Policy::default();
        let report = apply_fixes(doc, &policy, today(), FixMode::SafeOnly);
        assert_eq!(
            report.text,
            "| Project | Block | Ports | Status |\n|---|---|---|---|\n| a | Block 0 | 30000-30099 | reserved |\n\
             | b | Block 1 | 30100-30199 | reserved |\n| c | Block 2 | 30200-30299 | reserved |\n"
        );
        assert_eq!(report.applied.len(), 2);
        assert!(check(&report.text, &policy, today()).is_empty());
    }

    #[test]
    fn moving_a_live_project_is_unsafe_and_applied_only_when_asked() {
        let doc = "| Project | Block | Ports | Status |\n|---|---|---|---|\n| a | Block 0 | 30000-30099 | active |\n\
                   | b | Block 0 | 30000-30099 | active |\n";
        let policy = Policy::default();
        let safe = apply_fixes(doc, &policy, today(), FixMode::SafeOnly);
        assert_eq!(safe.text, doc);
        assert_eq!(safe.unsafe_left.len(), 1);
        assert!(safe.unsafe_left[0].1.contains("`b` may already run on 30000-30099"), "{:?}", safe.unsafe_left);
        let all = apply_fixes(doc, &policy, today(), FixMode::IncludeUnsafe);
        assert!(all.text.contains("| b | Block 1 | 30100-30199 | active |"));
        assert!(all.unsafe_left.is_empty());
    }

    #[test]
    fn applies_independent_fixes_in_one_pass() {
        let mut doc = String::from("| Project | Block | Ports |\n|---|---|---|\n");
        for block in 0..50 {
            doc.push_str(&format!("| p{block} | Block {} | 3{block:02}00-3{block:02}99 |\n", (block + 1) % 100));
        }
        let report = apply_fixes(&doc, &Policy::default(), today(), FixMode::SafeOnly);
        assert_eq!(report.applied.len(), 50);
        assert!(report.passes <= 2, "{} passes", report.passes);
    }
}
