//! The rule catalog: every check the tool makes, each under a stable code.
//!
//! Each family of rules lives in files of its own (one, or one per group of
//! its rules), with its [`Rule`] entries (code, name, severity and doc) beside
//! the code that checks them. Beside each rule is the type of its findings:
//! their fields (the project, the ports…), and the message and help built
//! from them in one place; the checks only fill the fields in. [`RULES`]
//! lists the rules; `docs/rules.md` is rendered from it. Codes are never
//! reused: a retired code is kept in [`RETIRED`].

mod block_fixes;
mod blocks;
mod capacity;
mod control;
mod diagnostic;
mod directive_codes;
mod docs;
mod ephemeral;
mod exports;
pub mod git;
mod instance_fixes;
mod instances;
mod overlap;
mod ranges;
mod rows;
mod selection;
mod statuses;
mod usage;
mod usage_blocks;
mod usage_inactive;
mod usage_reserved;
mod usage_runs;
mod violation;

pub use diagnostic::{safe_text, Applicability, Diagnostic, Fix, Severity, Summary, MAX_MESSAGE, MAX_QUOTE};
pub use docs::rules_markdown;
pub use selection::{Directives, Patterns, Selection, UnknownPattern, DIRECTIVE};
use violation::Violation;

use crate::allocate::BlockMap;
use crate::date::Date;
use crate::policy::Policy;
use crate::registry::Registry;

/// The documentation of a rule, in fixed headings.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleDoc {
    /// What the rule checks.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A registry excerpt that makes it fire.
    pub example: &'static str,
    /// How to resolve it.
    pub fix: &'static str,
}

impl RuleDoc {
    /// A doc string as one paragraph: its source lines joined by single spaces.
    pub fn paragraph(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// One rule of the catalog.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, such as `B101`. Never reused.
    pub code: &'static str,
    /// Kebab-case name of the problem, such as `block-overlap`.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// How the severity varies, when it does.
    pub severity_note: Option<&'static str>,
    /// Its documentation.
    pub doc: RuleDoc,
}

/// Every rule, in the catalog's order: by family (P, B, R, I, S, C, U, G, E), then by number.
pub static RULES: &[&Rule] = &[
    &rows::ROW_SHAPE,
    &rows::BAD_RANGE,
    &rows::BAD_DATE,
    &rows::BLOCK_LABEL_MISMATCH,
    &rows::MISSING_PORTS,
    &rows::NO_REGISTRY,
    &control::CONTROL_CHARACTER,
    &directive_codes::UNKNOWN_DIRECTIVE_CODE,
    &blocks::BLOCK_OVERLAP,
    &blocks::BLOCK_MISALIGNED,
    &blocks::DUPLICATE_ENTRY,
    &blocks::SHARED_PATH,
    &blocks::EXTRA_BLOCK,
    &ranges::OUTSIDE_POLICY,
    &ranges::LEGACY_RANGE,
    &ranges::SUPABASE_RESERVED,
    &ranges::SYSTEM_RANGE,
    &ranges::EMERGENCY_RANGE,
    &ranges::PRIVILEGED_PORT,
    &ephemeral::EPHEMERAL_OVERLAP,
    &instances::UNKNOWN_PROJECT,
    &instances::INSTANCE_OUTSIDE_BLOCK,
    &instances::INSTANCE_MISALIGNED,
    &instances::INSTANCE_NUMBER_MISMATCH,
    &instances::INSTANCE_OUT_OF_RANGE,
    &instances::INSTANCE_OVERLAP,
    &statuses::UNKNOWN_STATUS,
    &statuses::STALE_ENTRY,
    &statuses::MISSING_FIELD,
    &statuses::STATUS_INCONSISTENT,
    &statuses::FUTURE_DATE,
    &capacity::BLOCKS_RUNNING_OUT,
    &usage_blocks::PORT_SQUATTER,
    &usage_blocks::UNLISTED_LISTENER,
    &usage_reserved::RESERVED_RANGE_LISTENER,
    &usage::PUBLISHED_ON_ALL_INTERFACES,
    &usage::EXCLUDED_RANGE_OVERLAP,
    &usage::IDLE_ENTRY,
    &usage::UNREADABLE_LISTING_LINE,
    &usage_inactive::INACTIVE_ENTRY_IN_USE,
    &git::MERGE_COLLISION,
    &git::CONFLICT_MARKER,
    &exports::SHARED_PROJECT_ID,
];

/// Codes that rules had and no longer have, with why: a code is never
/// given to another rule, so an old finding, an ignore directive or a CI
/// setting never comes to mean something else.
pub static RETIRED: &[(&str, &str)] = &[];

/// The rule with `code` (case-insensitive).
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// What every rule reads.
pub(crate) struct Context<'a> {
    /// The document.
    pub source: &'a str,
    /// The registry read from it.
    pub registry: &'a Registry,
    /// The policy to check against.
    pub policy: &'a Policy,
    /// The day to judge dates by.
    pub today: Date,
    /// Who holds each block, computed once for the rules that need it.
    pub blocks: BlockMap,
    /// The registry's file as the person named it (bytes), which the
    /// commands findings suggest name too; `None` for portreg's default.
    pub file: Option<&'a [u8]>,
}

impl<'a> Context<'a> {
    /// Everything the rules read about `registry`, parsed from `source`.
    pub fn new(source: &'a str, registry: &'a Registry, policy: &'a Policy, today: Date) -> Self {
        Self::with_blocks(source, registry, policy, today, BlockMap::new(registry, policy))
    }

    /// The same, with who holds each block already known.
    pub fn with_blocks(
        source: &'a str,
        registry: &'a Registry,
        policy: &'a Policy,
        today: Date,
        blocks: BlockMap,
    ) -> Self {
        Self { source, registry, policy, today, blocks, file: None }
    }

    /// The same, for the registry in `file`: the commands findings suggest name it.
    pub fn in_file(self, file: Option<&'a [u8]>) -> Self {
        Self { file, ..self }
    }
}

/// A command with the placeholder `NAME` for a help text, quoted; when the
/// registry's file name is one no command takes, what to do instead.
pub(super) fn placeholder_command(command: crate::suggestion::Suggestion) -> String {
    command.command().map_or_else(|refusal| refusal.to_string(), |command| crate::code_span::Code(&command).to_string())
}

/// Runs every rule over an already parsed registry, less what the document's
/// own `<!-- portreg: ignore … -->` directives ignore. Findings come in
/// document order, then by code; in a document left with a merge conflict
/// they offer no fix.
pub(crate) fn check_registry(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    control::check(cx, &mut out);
    rows::check(cx, &mut out);
    blocks::check(cx, &mut out);
    ranges::check(cx, &mut out);
    ephemeral::check(cx, &mut out);
    instances::check(cx, &mut out);
    statuses::check(cx, &mut out);
    capacity::check(cx, &mut out);
    git::check(cx, &mut out);
    exports::check(cx, &mut out);
    let directives = Directives::read(cx.source, &cx.registry.comments);
    directive_codes::check(&directives, &mut out);
    out.retain(|d| !directives.ignores(d.code(), &d.span));
    // No edit touches a document left with a merge conflict: its findings offer no fix.
    if crate::merge::has_open_conflict(cx.source) {
        out.iter_mut().for_each(|d| d.fix = None);
    }
    crate::order::sort_by_key(&mut out, |d| {
        crate::order::pair(d.span.start, 0) | u64::from(crate::order::code_key(d.rule.code))
    });
    collapse_repeats(out)
}

/// Findings of one rule on one row that a reader needs to see one by one;
/// the rest are counted in the last one shown.
pub const MAX_PER_ROW: usize = 3;

/// One finding per row, rule and message, with the number of times it came
/// up; at most [`MAX_PER_ROW`] messages per row and rule, the rest counted.
/// A cell listing one port 200,000 times gives one finding, not 200,000.
fn collapse_repeats(sorted: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out = Vec::with_capacity(sorted.len());
    let mut group = RowGroup::default();
    for finding in sorted {
        let same = group
            .shown
            .first()
            .is_some_and(|(first, _)| first.span.start == finding.span.start && first.rule.code == finding.rule.code);
        if !same {
            group.flush_into(&mut out);
        }
        group.add(finding);
    }
    group.flush_into(&mut out);
    out
}

/// The findings of one rule on one row, while they are collapsed.
#[derive(Default)]
struct RowGroup {
    /// Each distinct message shown, with how often it came up.
    shown: Vec<(Diagnostic, usize)>,
    /// Findings past [`MAX_PER_ROW`] distinct messages.
    hidden: usize,
}

impl RowGroup {
    fn add(&mut self, finding: Diagnostic) {
        if let Some((_, count)) = self.shown.iter_mut().find(|(shown, _)| shown.message == finding.message) {
            *count += 1;
        } else if self.shown.len() < MAX_PER_ROW {
            self.shown.push((finding, 1));
        } else {
            self.hidden += 1;
        }
    }

    fn flush_into(&mut self, out: &mut Vec<Diagnostic>) {
        let last = self.shown.len().saturating_sub(1);
        for (i, (mut finding, count)) in std::mem::take(&mut self.shown).into_iter().enumerate() {
            if count > 1 {
                finding.message.push_str(&format!(" ({count} times in this row)"));
            }
            if i == last && self.hidden > 0 {
                finding.message.push_str(&format!(" (and {} more like it in this row)", self.hidden));
            }
            out.push(finding);
        }
        self.hidden = 0;
    }
}

/// Runs the usage rules (U6xx) for what `listing` shows listening, less
/// what the document's directives ignore. Findings come by port, then the
/// containers published on all interfaces, the excluded ranges, the idle
/// entries and the unreadable lines.
pub(crate) fn check_usage(cx: &Context<'_>, listing: &crate::usage::Listing) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    usage::check(cx, listing, &mut out);
    let directives = Directives::read(cx.source, &cx.registry.comments);
    // A finding about no row is ignored only by a directive for the whole document.
    let nowhere = usize::MAX..usize::MAX;
    out.retain(|d| !directives.ignores(d.code(), if d.on_row { &d.span } else { &nowhere }));
    out
}

/// Parses `source` and runs every rule on it.
pub fn check(source: &str, policy: &Policy, today: Date) -> Vec<Diagnostic> {
    let registry = Registry::parse(source, policy);
    check_registry(&Context::new(source, &registry, policy, today))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashSet;

    fn well_formed(code: &str) -> bool {
        let (family, number) = code.split_at(1);
        "PBRISCUGE".contains(family) && number.len() == 3 && number.bytes().all(|b| b.is_ascii_digit())
    }

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        for code in &codes {
            assert!(well_formed(code), "{code}");
        }
        assert_eq!(codes.iter().collect::<FxHashSet<_>>().len(), RULES.len());
        for rule in RULES {
            let kebab = rule.name.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()));
            assert!(kebab, "{}: `{}` is no kebab-case name", rule.code, rule.name);
        }
        assert_eq!(RULES.iter().map(|r| r.name).collect::<FxHashSet<_>>().len(), RULES.len());
        assert_eq!(rule("b101").map(|r| r.name), Some("block-overlap"));
    }

    #[test]
    fn retired_codes_are_never_given_again() {
        let mut seen = FxHashSet::default();
        for (retired, why) in RETIRED {
            assert!(well_formed(retired), "retired code {retired}");
            assert!(seen.insert(*retired), "{retired} is retired twice");
            assert!(!why.trim().is_empty(), "{retired} is retired without a reason");
            assert!(rule(retired).is_none(), "{retired} is retired and may not be used again");
        }
    }

    #[test]
    fn a_severity_note_says_something() {
        for rule in RULES {
            if let Some(note) = rule.severity_note {
                assert!(!note.trim().is_empty(), "{}: an empty severity note is `None`", rule.code);
            }
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for rule in RULES {
            let doc = &rule.doc;
            for (heading, text) in [("what", doc.what), ("why", doc.why), ("example", doc.example), ("fix", doc.fix)] {
                assert!(!text.trim().is_empty(), "{} has no {heading}", rule.code);
            }
        }
    }
}
