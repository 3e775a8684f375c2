//! Changing the status of a project's rows or of one instance.

use super::{Change, EditError};
use crate::code_span::Code;
use crate::date::Date;
use crate::edit::set_cell;
use crate::edit::TextEdit;
use crate::markdown::Row;
use crate::ports::PortRange;
use crate::registry::{ProjectEntry, Registry, RowRef};
use crate::status::Status;

/// Which rows a status change applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusTarget<'a> {
    /// The projects rows of the project (and dates them today). Its
    /// emergency, deprecated and archived rows are left alone when it has
    /// other rows (`archived` takes the emergency and deprecated ones too):
    /// moving back to a block does not make the emergency ports active again.
    /// [`StatusTarget::ProjectPorts`] targets one row.
    Project(&'a str),
    /// The projects rows of the project whose ports are exactly this range
    /// (such as an emergency row), and dates them today.
    ProjectPorts(&'a str, PortRange),
    /// One projects row: the one at this index of the registry's projects
    /// rows, dated today.
    ProjectRow(usize),
    /// The instance rows of one instance of the project.
    Instance(&'a str, u32),
    /// One instance row: the one at this index of the registry's instance rows.
    InstanceRow(usize),
}

/// Sets the status cell of the target rows. Projects rows whose status
/// changes also get today's date, when their table has a date column, since
/// the date says when the entry last changed.
pub fn set_status(
    source: &str,
    registry: &Registry,
    target: StatusTarget<'_>,
    status: Status,
    today: Date,
) -> Result<Change, EditError> {
    super::refuse_conflicted(source)?;
    let mut edits = Vec::new();
    let mut rows: Vec<&RowRef> = Vec::new();
    match target {
        StatusTarget::Project(_) | StatusTarget::ProjectPorts(..) | StatusTarget::ProjectRow(_) => {
            for project in project_rows(registry, target, status) {
                let columns = &registry.tables[project.at.table].columns;
                let row = registry.row(&project.at);
                edits.push(status_edit(source, row, columns.status, status)?);
                // The date says when the entry last changed: a row already at the status keeps it.
                let changes = project.common.status != Some(status);
                if let Some(cell) = columns.date.and_then(|c| row.cells.get(c)).filter(|_| changes) {
                    edits.push(set_cell(source, cell, &today.to_string()));
                }
                rows.push(&project.at);
            }
        }
        StatusTarget::Instance(name, number) => {
            let key = crate::registry::ProjectKey::of(name);
            for instance in registry.instances.iter().filter(|i| i.common.key() == key && i.number == Some(number)) {
                let columns = &registry.tables[instance.at.table].columns;
                edits.push(status_edit(source, registry.row(&instance.at), columns.status, status)?);
                rows.push(&instance.at);
            }
        }
        StatusTarget::InstanceRow(index) => {
            if let Some(instance) = registry.instances.get(index) {
                let columns = &registry.tables[instance.at.table].columns;
                edits.push(status_edit(source, registry.row(&instance.at), columns.status, status)?);
                rows.push(&instance.at);
            }
        }
    }
    if rows.is_empty() {
        let what = match target {
            StatusTarget::Project(name) => format!("project {name}", name = Code(name)),
            StatusTarget::ProjectPorts(name, range) => format!("row of {name} with ports {range}", name = Code(name)),
            StatusTarget::Instance(name, n) => format!("instance {n} of {name}", name = Code(name)),
            StatusTarget::ProjectRow(index) => format!("projects row {}", index + 1),
            StatusTarget::InstanceRow(index) => format!("instance row {}", index + 1),
        };
        return Err(EditError::NoSuchRow(what));
    }
    let summary = format!("set {} row(s) to {status}", rows.len());
    Ok(Change { edits, summary })
}

/// The projects rows `target` (a project, or a project's ports) names.
fn project_rows<'a>(registry: &'a Registry, target: StatusTarget<'_>, status: Status) -> Vec<&'a ProjectEntry> {
    match target {
        StatusTarget::Project(name) => {
            let all: Vec<&ProjectEntry> = registry.project_rows(name).collect();
            // Emergency, deprecated and archived rows are not the project's current ports.
            let aside = |p: &ProjectEntry| {
                matches!(p.common.status, Some(Status::Emergency | Status::Deprecated | Status::Archived))
            };
            let archiving = |p: &ProjectEntry| status == Status::Archived && p.common.status != Some(status);
            let current: Vec<&ProjectEntry> = all.iter().copied().filter(|p| !aside(p) || archiving(p)).collect();
            if current.is_empty() {
                all
            } else {
                current
            }
        }
        StatusTarget::ProjectPorts(name, range) => {
            registry.project_rows(name).filter(|p| p.common.ranges == [range]).collect()
        }
        StatusTarget::ProjectRow(index) => registry.projects.get(index).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// Rewrites a status cell, keeping the old word's capitalisation (`Active` → `Archived`).
fn status_edit(source: &str, row: &Row, column: Option<usize>, status: Status) -> Result<TextEdit, EditError> {
    let index = column.ok_or(EditError::NoColumn("status"))?;
    let cell = row.cells.get(index).ok_or(EditError::NoColumn("status"))?;
    let old = row.text(index);
    let word = status.as_str();
    let text = if old.chars().all(|c| !c.is_lowercase()) && old.chars().any(char::is_uppercase) {
        word.to_ascii_uppercase()
    } else if old.starts_with(char::is_uppercase) {
        let mut chars = word.chars();
        chars.next().map(|c| std::iter::once(c.to_ascii_uppercase()).chain(chars).collect()).unwrap_or_default()
    } else {
        word.to_owned()
    };
    Ok(set_cell(source, cell, &text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;

    const DOC: &str = "| Project | Ports | Status | Date |\n|---|---|---|---|\n| api | 30500-30599 | Active | 2024-01-01 |\n\n\
                       | Project | Instance | Ports | Status |\n|---|---|---|---|\n| api | 1 | 30500-30509 | active |\n";

    fn run(target: StatusTarget<'_>, status: Status) -> Result<String, EditError> {
        let registry = Registry::parse(DOC, &Policy::default());
        set_status(DOC, &registry, target, status, Date::parse("2025-01-15").unwrap()).map(|c| c.apply(DOC))
    }

    #[test]
    fn a_row_already_at_the_status_keeps_its_date() {
        assert_eq!(run(StatusTarget::Project("api"), Status::Active).unwrap(), DOC);
    }

    #[test]
    fn sets_project_status_and_date_keeping_capitalisation() {
        let out = run(StatusTarget::Project("API"), Status::Archived).unwrap();
        assert_eq!(out, DOC.replace("| Active | 2024-01-01 |", "| Archived | 2025-01-15 |"));
    }

    #[test]
    fn sets_one_instance() {
        let out = run(StatusTarget::Instance("api", 1), Status::Inactive).unwrap();
        assert_eq!(out, DOC.replace("30509 | active |", "30509 | inactive |"));
        assert_eq!(
            run(StatusTarget::Instance("api", 2), Status::Inactive),
            Err(EditError::NoSuchRow("instance 2 of `api`".into()))
        );
    }

    #[test]
    fn emergency_rows_are_targeted_by_their_ports_and_left_by_the_project() {
        let doc = "| Project | Ports | Status |\n|---|---|---|\n| api | 30500-30599 | reserved |\n\
                   | api | 40000-40009 | emergency |\n";
        let registry = Registry::parse(doc, &Policy::default());
        let today = Date::parse("2025-01-15").unwrap();
        let apply = |target, status| set_status(doc, &registry, target, status, today).map(|c| c.apply(doc));
        let active = apply(StatusTarget::Project("api"), Status::Active).unwrap();
        assert_eq!(active, doc.replace("reserved", "active"));
        let range = PortRange::new(40000, 40009);
        let retired = apply(StatusTarget::ProjectPorts("api", range), Status::Archived).unwrap();
        assert_eq!(retired, doc.replace("emergency", "archived"));
        let other = PortRange::new(40010, 40019);
        assert!(matches!(
            apply(StatusTarget::ProjectPorts("api", other), Status::Archived),
            Err(EditError::NoSuchRow(_))
        ));
    }
}
