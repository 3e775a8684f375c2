//! The registry: the projects and instances tables of a `ports.md` document.

mod columns;
mod entries;
mod key;

pub use columns::{Columns, TableKind};
pub use entries::{parse_instance_number, Common, InstanceEntry, ProjectEntry, RowRef, Unreadable};
pub use key::ProjectKey;

use crate::markdown::{self, Comment, Row, Table};
use crate::policy::Policy;

/// A table of the document with what its header says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryTable {
    /// The table's rows and cells.
    pub table: Table,
    /// Projects, instances or other.
    pub kind: TableKind,
    /// Where each known field is.
    pub columns: Columns,
}

/// Everything the tool reads from a `ports.md` document. It holds byte ranges
/// into the source, never a copy of it, so the source stays the one truth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registry {
    /// Every GFM table of the document, registry or not, in document order.
    pub tables: Vec<RegistryTable>,
    /// Rows of every projects table, in document order.
    pub projects: Vec<ProjectEntry>,
    /// Rows of every instances table, in document order.
    pub instances: Vec<InstanceEntry>,
    /// Every HTML comment of the document, in document order: where the
    /// rules find their `<!-- portreg: ignore … -->` directives.
    pub comments: Vec<Comment>,
}

impl Registry {
    /// Reads `source`. Never fails: what cannot be read becomes a diagnostic.
    pub fn parse(source: &str, policy: &Policy) -> Self {
        let markdown::Markdown { tables, comments } = markdown::read(source);
        let mut registry = Registry { tables: Vec::new(), projects: Vec::new(), instances: Vec::new(), comments };
        for (table_index, table) in tables.into_iter().enumerate() {
            let columns = Columns::from_header(&table.header);
            let kind = columns.kind();
            for (row_index, row) in table.rows.iter().enumerate() {
                // A merge's conflict marker inside a table is no row of it (G701 reads the conflict).
                if crate::merge::is_conflict_marker(&source[row.range.clone()]) {
                    continue;
                }
                let at = RowRef { table: table_index, row: row_index, span: row.range.clone() };
                match kind {
                    TableKind::Projects => {
                        registry.projects.push(entries::read_project(at, row, &columns, policy.block_count));
                    }
                    TableKind::Instances => registry.instances.push(entries::read_instance(at, row, &columns)),
                    TableKind::Other => {}
                }
            }
            registry.tables.push(RegistryTable { table, kind, columns });
        }
        registry
    }

    /// The row `at` points to.
    pub fn row(&self, at: &RowRef) -> &Row {
        &self.tables[at.table].table.rows[at.row]
    }

    /// Whether the document has at least one projects table.
    pub fn has_projects_table(&self) -> bool {
        self.tables.iter().any(|t| t.kind == TableKind::Projects)
    }

    /// The rows of project `name` (case-insensitive).
    pub fn project_rows<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a ProjectEntry> + 'a {
        let key = ProjectKey::of(name).into_owned();
        self.projects.iter().filter(move |p| p.common.key() == key)
    }

    /// The live blocks of project `name`, ascending, without repeats.
    pub fn blocks_of(&self, name: &str, policy: &Policy) -> Vec<u32> {
        self.blocks_of_rows(name, policy, &|p| p.common.is_live())
    }

    /// The blocks the rows of project `name` that `keep` takes touch,
    /// ascending, without repeats.
    pub(crate) fn blocks_of_rows(&self, name: &str, policy: &Policy, keep: &dyn Fn(&ProjectEntry) -> bool) -> Vec<u32> {
        let mut blocks = Vec::new();
        for row in self.project_rows(name).filter(|p| keep(p)) {
            for range in row.ports(policy) {
                blocks.extend(policy.blocks_touched(range));
            }
        }
        crate::order::sort_dedup(&mut blocks);
        blocks
    }

    /// [`Registry::blocks_of`] of every project at once, by project key, in
    /// one pass over the rows (asking per project would read every row for
    /// each).
    pub fn live_blocks_by_key(&self, policy: &Policy) -> rustc_hash::FxHashMap<ProjectKey<'_>, Vec<u32>> {
        let mut by_key: rustc_hash::FxHashMap<ProjectKey<'_>, Vec<u32>> = rustc_hash::FxHashMap::default();
        for project in self.projects.iter().filter(|p| p.common.is_live()) {
            let blocks = by_key.entry(project.common.key()).or_default();
            blocks.extend(project.ports(policy).flat_map(|r| policy.blocks_touched(r)));
        }
        for blocks in by_key.values_mut() {
            crate::order::sort_dedup(blocks);
        }
        by_key
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::PortRange;
    use crate::status::Status;

    const POLICY_EXAMPLE: &str = "\
| Project Name | Block | Ports | Path | Status | Owner | Date |
|--------------|-------|-------|------|--------|-------|------|
| my-project | 30500-30599 | Block 5 | /path/to/project | reserved | username | 2024-08-31 |

| Project | Instance | Ports | Purpose | Status | Branch/Environment |
|---------|----------|-------|---------|--------|--------------------|
| my-project | 1 | 30500-30509 | Development | active | main |
| my-project | 2 | 30510-30519 | Testing | active | test-suite |
";

    #[test]
    fn reads_the_policy_example_with_swapped_block_and_ports() {
        let policy = Policy::default();
        let registry = Registry::parse(POLICY_EXAMPLE, &policy);
        assert_eq!(registry.projects.len(), 1);
        let project = &registry.projects[0];
        assert_eq!(project.common.name, "my-project");
        assert_eq!(project.block, Some(5));
        assert_eq!(project.common.ranges, vec![PortRange::new(30500, 30599)]);
        assert_eq!(project.common.status, Some(Status::Reserved));
        assert_eq!(project.path.as_deref(), Some("/path/to/project"));
        assert_eq!(registry.instances.len(), 2);
        let second = &registry.instances[1];
        assert_eq!(second.number, Some(2));
        assert_eq!(second.common.ranges, vec![PortRange::new(30510, 30519)]);
        assert_eq!(second.branch.as_deref(), Some("test-suite"));
        assert_eq!(registry.blocks_of("MY-PROJECT", &policy), vec![5]);
    }

    #[test]
    fn other_tables_are_not_registry_tables() {
        let doc = "| Range | Purpose |\n|---|---|\n| 30000-39999 | blocks |\n";
        let registry = Registry::parse(doc, &Policy::default());
        assert!(!registry.has_projects_table());
        assert_eq!(registry.tables.len(), 1);
        assert!(registry.projects.is_empty());
    }
}
