//! Documenting a new instance of a project.

use super::{append_row, cell_value, first_table, Change, EditError, RowStyle};
use crate::allocate::{free_instances, AllocError, InstanceSlot};
use crate::code_span::Code;
use crate::edit::TextEdit;
use crate::policy::Policy;
use crate::registry::{Registry, TableKind};
use crate::status::Status;
use crate::text::{after_line_ending, line_end, line_ending_of};

/// A request for an instance slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddInstance<'a> {
    /// The project, as registered.
    pub project: &'a str,
    /// A chosen instance number (1-10); the next free one when `None`.
    pub instance: Option<u32>,
    /// The purpose; the policy's purpose of the instance number when `None`.
    pub purpose: Option<&'a str>,
    /// Branch or environment.
    pub branch: &'a str,
    /// The status of the new row.
    pub status: Status,
}

const NEW_TABLE_HEADER: [&str; 6] = ["Project", "Instance", "Ports", "Purpose", "Status", "Branch/Environment"];

/// Adds an instance row for the project: to the instances table that already
/// lists it, else the first instances table, else a new `## Instances` table
/// after the first projects table.
pub fn add_instance(
    source: &str,
    registry: &Registry,
    policy: &Policy,
    request: &AddInstance<'_>,
) -> Result<(Change, InstanceSlot), EditError> {
    super::refuse_conflicted(source)?;
    let branch = cell_value("branch", request.branch)?;
    let free = free_instances(registry, policy, request.project)?;
    let slot = match request.instance {
        Some(n) if n == 0 || n > policy.instances_per_block() => return Err(AllocError::InstanceOutOfRange(n).into()),
        Some(n) => free
            .into_iter()
            .find(|s| s.instance == n)
            .ok_or_else(|| AllocError::InstanceTaken { project: request.project.to_owned(), instance: n })?,
        None => free.into_iter().next().ok_or_else(|| AllocError::ProjectFull(request.project.to_owned()))?,
    };
    let purpose = match request.purpose {
        Some(p) => cell_value("purpose", p)?,
        None => policy.purpose(slot.instance).unwrap_or_default().to_owned(),
    };
    let project = registry.project_rows(request.project).next().map_or(request.project, |p| p.common.name.as_str());
    let project = cell_value("project name", project)?;
    let values = [
        project.to_owned(),
        slot.instance.to_string(),
        slot.range.to_string(),
        purpose,
        request.status.to_string(),
        branch,
    ];
    let key = crate::registry::ProjectKey::of(&project);
    let existing = registry.instances.iter().find(|i| i.common.key() == key).map(|i| i.at.table);
    let target = existing.or_else(|| first_table(registry, TableKind::Instances).map(|(i, _, _)| i));
    let edit = match target {
        Some(index) => {
            let (table, columns) = (&registry.tables[index].table, &registry.tables[index].columns);
            // A row without the project's name would document nobody's instance.
            if columns.project.is_none() {
                return Err(EditError::NoColumn("project"));
            }
            let fields =
                [columns.project, columns.instance, columns.ports, columns.purpose, columns.status, columns.branch];
            append_row(source, table, |column| {
                fields.iter().position(|&f| f == Some(column)).map_or_else(String::new, |i| values[i].clone())
            })
        }
        None => new_table(source, registry, &values)?,
    };
    let summary = format!("added instance {} ({}) of {project}", slot.instance, slot.range, project = Code(&project));
    Ok((Change { edits: vec![edit], summary }, slot))
}

fn new_table(source: &str, registry: &Registry, values: &[String; 6]) -> Result<TextEdit, EditError> {
    let (_, projects, _) = first_table(registry, TableKind::Projects).ok_or(EditError::NoProjectsTable)?;
    let le = line_ending_of(source);
    let style = RowStyle::fresh(le);
    let header: Vec<String> = NEW_TABLE_HEADER.iter().map(|h| (*h).to_owned()).collect();
    let dashes: Vec<String> = NEW_TABLE_HEADER.iter().map(|h| "-".repeat(h.len() + 2)).collect();
    let at = projects.range.end;
    // A blank line after the new table too, unless the document ends or a blank line follows already.
    let next_line = &source[after_line_ending(source, line_end(source, at))..];
    let next_is_blank = next_line[..line_end(next_line, 0)].trim().is_empty();
    let text = format!(
        "{le}{le}## Instances{le}{le}{}{le}|{}|{le}{}{}",
        style.render(&header),
        dashes.join("|"),
        style.render(values),
        if next_is_blank { "" } else { le }
    );
    Ok(TextEdit { range: at..at, replacement: text })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROJECTS: &str = "| Project | Block | Status |\n|---|---|---|\n| api | Block 5 | active |\n";

    fn run(doc: &str, request: &AddInstance<'_>) -> Result<String, EditError> {
        let policy = Policy::default();
        let registry = Registry::parse(doc, &policy);
        add_instance(doc, &registry, &policy, request).map(|(change, _)| change.apply(doc))
    }

    fn request(instance: Option<u32>) -> AddInstance<'static> {
        AddInstance { project: "API", instance, purpose: None, branch: "main", status: Status::Active }
    }

    #[test]
    fn creates_an_instances_table_when_there_is_none() {
        let out = run(PROJECTS, &request(None)).unwrap();
        assert_eq!(
            out,
            format!(
                "{PROJECTS}\n## Instances\n\n\
                 | Project | Instance | Ports | Purpose | Status | Branch/Environment |\n\
                 |---------|----------|-------|---------|--------|--------------------|\n\
                 | api | 1 | 30500-30509 | Development/Main | active | main |\n"
            )
        );
    }

    #[test]
    fn appends_to_the_existing_table_and_takes_the_next_free_slot() {
        let doc = format!("{PROJECTS}\n| Project | Instance | Ports |\n|---|---|---|\n| api | 1 | 30500-30509 |\n");
        let out = run(&doc, &request(None)).unwrap();
        assert_eq!(out, format!("{doc}| api | 2 | 30510-30519 |\n"));
        assert_eq!(
            run(&doc, &request(Some(1))),
            Err(EditError::Alloc(AllocError::InstanceTaken { project: "API".into(), instance: 1 }))
        );
        assert_eq!(run(&doc, &request(Some(11))), Err(EditError::Alloc(AllocError::InstanceOutOfRange(11))));
    }
}
