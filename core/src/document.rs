//! A registry document: the unit of work. It owns its text, the policy it is
//! read against, the registry read from it and what is derived from that once
//! (who holds each block, where lines start). Checks, lookups, edits and
//! exports are its methods; an edit gives a change to apply, and applying it
//! gives a new document.

use crate::allocate::BlockMap;
use crate::date::Date;
use crate::edit::InvalidEdit;
use crate::export::{self, ExportError, InstancePorts, MigrationPlan};
use crate::lookup::{self, PortInfo};
use crate::ops::{self, AddInstance, Change, EditError, FixMode, FixReport, Reserve, StatusTarget};
use crate::overview::{self, BlockView};
use crate::policy::Policy;
use crate::registry::Registry;
use crate::rules::{self, Context, Diagnostic};
use crate::status::Status;
use crate::text::LineIndex;

/// A `ports.md` document, read once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    text: String,
    policy: Policy,
    registry: Registry,
    blocks: BlockMap,
    lines: LineIndex,
    /// The file it was read from, as the person named it (bytes).
    file: Option<Vec<u8>>,
}

impl Document {
    /// Reads `text` against `policy`. Never fails: what cannot be read
    /// becomes a finding.
    pub fn new(text: impl Into<String>, policy: Policy) -> Self {
        let text = text.into();
        let registry = Registry::parse(&text, &policy);
        let blocks = BlockMap::new(&registry, &policy);
        let lines = LineIndex::new(&text);
        Self { text, policy, registry, blocks, lines, file: None }
    }

    /// The same document, read from `file` (its name as the person gave
    /// it, by its bytes): every command its findings suggest names the file,
    /// so that it acts on this registry, not portreg's default one, wherever
    /// it runs from the same folder.
    pub fn in_file(self, file: &[u8]) -> Self {
        Self { file: Some(file.to_vec()), ..self }
    }

    /// The text, as it was given.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The policy it is read against.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The registry read from it.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Who holds each block.
    pub fn blocks(&self) -> &BlockMap {
        &self.blocks
    }

    /// Where its lines start, for the edges that show lines.
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    /// Every finding, as of `today`, in document order.
    pub fn check(&self, today: Date) -> Vec<Diagnostic> {
        rules::check_registry(&self.context(today))
    }

    /// What `listing` shows listening, checked against the registry: the
    /// usage findings (U6xx), as of `today`.
    pub fn usage(&self, listing: &crate::usage::Listing, today: Date) -> Vec<Diagnostic> {
        rules::check_usage(&self.context(today), listing)
    }

    /// What the rules read, as of `today`.
    fn context(&self, today: Date) -> Context<'_> {
        Context::with_blocks(&self.text, &self.registry, &self.policy, today, self.blocks.clone())
            .in_file(self.file.as_deref())
    }

    /// The document with `change` applied, read anew; or why the change does
    /// not fit this text.
    pub fn apply(&self, change: &Change) -> Result<Document, InvalidEdit> {
        let applied = Document::new(change.try_apply(&self.text)?, self.policy.clone());
        Ok(Document { file: self.file.clone(), ..applied })
    }

    /// Reserves a block (see [`ops::reserve`]).
    pub fn reserve(&self, request: &Reserve<'_>) -> Result<(Change, u32), EditError> {
        ops::reserve(&self.text, &self.registry, &self.policy, request)
    }

    /// Documents a new instance (see [`ops::add_instance`]).
    pub fn add_instance(&self, request: &AddInstance<'_>) -> Result<(Change, crate::InstanceSlot), EditError> {
        ops::add_instance(&self.text, &self.registry, &self.policy, request)
    }

    /// Changes the status of rows (see [`ops::set_status`]).
    pub fn set_status(&self, target: StatusTarget<'_>, status: Status, today: Date) -> Result<Change, EditError> {
        ops::set_status(&self.text, &self.registry, target, status, today)
    }

    /// Aligns the registry tables (see [`ops::format_tables`]).
    pub fn format(&self) -> Change {
        ops::format_tables(&self.text, &self.registry)
    }

    /// Applies fixes in passes (see [`ops::apply_fixes`]).
    pub fn fix(&self, today: Date, mode: FixMode) -> FixReport {
        ops::apply_fixes(&self.text, &self.policy, today, mode)
    }

    /// Applies the fixes of the rules `selection` lets through (see [`ops::apply_selected_fixes`]).
    pub fn fix_selected(&self, today: Date, mode: FixMode, selection: &crate::rules::Selection) -> FixReport {
        ops::apply_selected_fixes(&self.text, &self.policy, today, mode, selection)
    }

    /// What `port` is and who holds it.
    pub fn lookup(&self, port: u64) -> Result<PortInfo, lookup::NotAPort> {
        lookup::lookup(port, &self.policy, Some(&self.registry))
    }

    /// The 100 blocks as the grid draws them.
    pub fn overview(&self) -> Vec<BlockView> {
        overview::blocks_held(&self.registry, &self.policy, &self.blocks)
    }

    /// The ports of an instance of `project` (see [`export::instance_ports`]).
    pub fn instance_ports(
        &self,
        project: &str,
        instance: Option<u32>,
        block: Option<u32>,
    ) -> Result<InstancePorts, ExportError> {
        export::instance_ports(&self.registry, &self.policy, project, instance, block)
    }

    /// The collisions merging `theirs` into this document would make (both
    /// made from `base`), as G701 findings on this document's rows; `label`
    /// names theirs (a git ref) in the messages.
    pub fn check_against(&self, base: &str, theirs: &str, label: &str) -> Vec<Diagnostic> {
        rules::git::against(&self.text, base, theirs, label, &self.policy)
    }

    /// The live project whose Path holds one of `dirs` (see [`crate::worktree::project_at`]).
    pub fn project_at(&self, dirs: &[&str], home: Option<&str>) -> Option<&crate::registry::ProjectEntry> {
        crate::worktree::project_at(&self.registry, dirs, home)
    }

    /// The live instance row of `project` for `branch` (see [`crate::worktree::instance_for_branch`]).
    pub fn instance_for_branch(&self, project: &str, branch: &str) -> Option<&crate::registry::InstanceEntry> {
        crate::worktree::instance_for_branch(&self.registry, project, branch)
    }

    /// The migration plan of a legacy project (see [`export::migration_plan`]).
    pub fn migration_plan(&self, project: &str, block: Option<u32>, today: Date) -> Result<MigrationPlan, ExportError> {
        export::plan_in_file(&self.text, &self.registry, &self.policy, (project, block), today, self.file.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_gives_a_new_document_read_anew() {
        let today = Date::parse("2025-01-15").unwrap();
        let document = Document::new("| Project | Ports |\n|---|---|\n| a | 30000-30099 |\n", Policy::default());
        assert!(document.check(today).is_empty());
        let request = Reserve { name: "b", path: "", owner: "", block: None, today, additional: false };
        let (change, block) = document.reserve(&request).unwrap();
        let next = document.apply(&change).unwrap();
        assert_eq!(block, 1);
        assert_eq!(next.registry().projects.len(), 2);
        assert!(!next.blocks().is_free(1));
        assert_eq!(next.lines().len(), 5);
        let stale = Change {
            edits: vec![crate::TextEdit { range: 0..999, replacement: String::new() }],
            summary: String::new(),
        };
        assert!(document.apply(&stale).is_err());
    }
}
