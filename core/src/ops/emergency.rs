//! Emergency ports: the policy's "use temporary high ports (40000+)" and
//! "update registry with emergency assignments". A row with status
//! `emergency` records them, so that nobody else takes them and the review
//! finds them later.

use super::{append_row, cell_value, first_table, project_name, Change, EditError};
use crate::code_span::Code;
use crate::date::Date;
use crate::policy::{Policy, ReservedKind};
use crate::ports::PortRange;
use crate::registry::{Registry, TableKind};
use crate::status::Status;
use crate::suggestion::Suggestion;

/// A request for emergency ports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Emergency<'a> {
    /// The project that needs them.
    pub name: &'a str,
    /// How many consecutive ports (an instance's worth by default).
    pub count: u32,
    /// Where the project lives.
    pub path: &'a str,
    /// Who to ask about it.
    pub owner: &'a str,
    /// The date written into the row.
    pub today: Date,
    /// Ports something listens on (from a listing): never handed out.
    pub listening: &'a [u32],
}

/// The most ports one emergency assignment takes.
pub const MAX_EMERGENCY_PORTS: u32 = 100;

/// Adds an `emergency` row for the first free, 10-aligned run of ports from
/// 40000 up (outside Supabase's defaults) that no live row holds and nothing
/// listens on; returns the change and the ports.
pub fn emergency(
    source: &str,
    registry: &Registry,
    policy: &Policy,
    request: &Emergency<'_>,
) -> Result<(Change, PortRange), EditError> {
    super::refuse_conflicted(source)?;
    let name = project_name(request.name)?;
    if !(1..=MAX_EMERGENCY_PORTS).contains(&request.count) {
        return Err(EditError::BadValue(format!("ask for 1 to {MAX_EMERGENCY_PORTS} emergency ports")));
    }
    // A registered project's path and owner are copied when none is given.
    let known = |field: fn(&crate::registry::ProjectEntry) -> Option<&str>, given: &str| -> String {
        let copied = registry.project_rows(&name).filter_map(field).find(|v| !v.is_empty());
        if given.is_empty() { copied.unwrap_or("") } else { given }.to_owned()
    };
    let path = cell_value("path", &known(|p| p.path.as_deref(), request.path))?;
    let owner = cell_value("owner", &known(|p| p.owner.as_deref(), request.owner))?;
    let range = free_emergency_ports(registry, policy, request.count, request.listening)
        .ok_or_else(|| EditError::BadValue("no free emergency ports are left".to_owned()))?;
    let summary = format!("recorded emergency ports {range} for {name}", name = Code(&name));
    let Some((_, table, columns)) = first_table(registry, TableKind::Projects) else {
        let row = [
            name,
            String::new(),
            range.to_string(),
            path,
            Status::Emergency.to_string(),
            owner,
            request.today.to_string(),
        ];
        let edit = super::reserve::new_projects_table(source, policy, &row)?;
        return Ok((Change { edits: vec![edit], summary }, range));
    };
    let range_column = columns.ports.or(columns.block).ok_or(EditError::NoColumn("ports"))?;
    let status_column = columns.status.ok_or(EditError::NoColumn("status"))?;
    let edit = append_row(source, table, |column| {
        let is = |c: Option<usize>| c == Some(column);
        if is(columns.project) {
            name.clone()
        } else if column == range_column {
            range.to_string()
        } else if column == status_column {
            Status::Emergency.to_string()
        } else if is(columns.path) {
            path.clone()
        } else if is(columns.owner) {
            owner.clone()
        } else if is(columns.date) {
            request.today.to_string()
        } else {
            String::new()
        }
    });
    Ok((Change { edits: vec![edit], summary }, range))
}

/// The first run of `count` ports (1 to [`MAX_EMERGENCY_PORTS`]), starting
/// on a multiple of 10 from the emergency range's start, clear of Supabase's
/// defaults, of every live row and of `listening`.
pub fn free_emergency_ports(registry: &Registry, policy: &Policy, count: u32, listening: &[u32]) -> Option<PortRange> {
    if !(1..=MAX_EMERGENCY_PORTS).contains(&count) {
        return None;
    }
    let emergency = policy.reserved_range(ReservedKind::Emergency)?;
    let supabase = policy.reserved_range(ReservedKind::Supabase);
    let held: Vec<PortRange> = registry
        .projects
        .iter()
        .filter(|p| p.common.is_live())
        .flat_map(|p| p.ports(policy))
        .chain(registry.instances.iter().filter(|i| i.common.is_live()).flat_map(|i| i.common.ranges.iter().copied()))
        .collect();
    let first = emergency.start.div_ceil(10) * 10;
    (first..=emergency.end.saturating_sub(count - 1))
        .step_by(10)
        .map(|start| PortRange::new(start, start + count - 1))
        .find(|candidate| {
            emergency.covers(*candidate)
                && !supabase.is_some_and(|s| s.overlaps(*candidate))
                && !held.iter().any(|h| h.overlaps(*candidate))
                && !listening.iter().any(|&p| candidate.contains(p))
        })
}

/// The way back from emergency ports `range` of project `name`: shell
/// commands that run as written, in order, against the registry `file` by
/// its bytes (portreg's default registry without one, standard input for
/// `-`), each with a `#` comment; for a name no command takes, what to do
/// first instead, as a `#` comment. The
/// emergency row is retired by its ports, so the project's block rows keep
/// their status; a project without a block is given one first.
pub fn move_back(
    registry: &Registry,
    policy: &Policy,
    name: &str,
    range: PortRange,
    file: Option<&[u8]>,
) -> Vec<String> {
    let on = |command: Suggestion| match file {
        Some(file) => command.file(file),
        None => command,
    };
    let step = |command: Suggestion, comment: &str| match on(command).command() {
        Ok(command) => format!("{command}    # {comment}"),
        Err(refusal) => format!("# {comment}: {refusal}"),
    };
    let mut steps = vec![step(Suggestion::new("usage"), "what holds the project's own ports")];
    let has_block = !registry.blocks_of(name, policy).is_empty();
    if !has_block {
        steps.push(step(Suggestion::new("reserve").name(name), "its own block"));
    }
    steps.push(step(Suggestion::new("env").name(name), "its config on its block"));
    let retire = Suggestion::new("set-status").name(name).word("archived").option("--ports", &range.to_string());
    steps.push(step(retire, "retire the emergency row"));
    if !has_block {
        steps.push(step(Suggestion::new("set-status").name(name).word("active"), "once it runs on its block"));
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "| Project | Block | Ports | Status | Date |\n|---|---|---|---|---|\n\
                       | api | Block 5 | 30500-30599 | active | 2025-01-01 |\n\
                       | hotfix | | 40000-40009 | emergency | 2025-01-02 |\n";

    fn request(listening: &[u32]) -> Emergency<'_> {
        Emergency { name: "api", count: 10, path: "", owner: "", today: Date::parse("2025-01-15").unwrap(), listening }
    }

    #[test]
    fn takes_the_first_free_ports_past_rows_and_listeners() {
        let policy = Policy::default();
        let registry = Registry::parse(DOC, &policy);
        let (change, range) = emergency(DOC, &registry, &policy, &request(&[40015])).unwrap();
        assert_eq!(range, PortRange::new(40020, 40029));
        assert_eq!(change.apply(DOC), format!("{DOC}| api |  | 40020-40029 | emergency | 2025-01-15 |\n"));
    }

    #[test]
    fn a_registered_project_s_path_and_owner_are_copied() {
        let policy = Policy::default();
        let doc = "| Project | Ports | Path | Owner | Status |\n|---|---|---|---|---|\n\
                   | api | 30500-30599 | ~/src/api | ana | active |\n";
        let registry = Registry::parse(doc, &policy);
        let (change, _) = emergency(doc, &registry, &policy, &request(&[])).unwrap();
        assert!(
            change.apply(doc).ends_with("| api | 40000-40009 | ~/src/api | ana | emergency |\n"),
            "{}",
            change.apply(doc)
        );
    }

    #[test]
    fn skips_supabase_defaults_and_refuses_bad_requests() {
        let policy = Policy::default();
        let doc = "| Project | Ports | Status |\n|---|---|---|\n| all | 40000-54319 | emergency |\n";
        let registry = Registry::parse(doc, &policy);
        assert_eq!(free_emergency_ports(&registry, &policy, 10, &[]), Some(PortRange::new(55000, 55009)));
        assert_eq!(free_emergency_ports(&registry, &policy, 0, &[]), None);
        assert_eq!(free_emergency_ports(&registry, &policy, u32::MAX, &[]), None);
        let too_many = Emergency { count: 1000, ..request(&[]) };
        assert!(matches!(emergency(doc, &registry, &policy, &too_many), Err(EditError::BadValue(_))));
        let bad_name = Emergency { name: "a\u{1b}b", ..request(&[]) };
        assert!(matches!(emergency(doc, &registry, &policy, &bad_name), Err(EditError::BadValue(_))));
        let none = Registry::parse("# nothing\n", &policy);
        let (change, range) = emergency("# nothing\n", &none, &policy, &request(&[])).unwrap();
        let added = change.try_apply("# nothing\n").unwrap();
        assert_eq!(
            added,
            "# nothing\n\n| Project Name | Block | Ports | Path | Status | Owner | Date |\n\
             |--------------|-------|-------|------|--------|-------|------|\n\
             | api |  | 40000-40009 |  | emergency |  | 2025-01-15 |\n"
        );
        assert_eq!(range, PortRange::new(40000, 40009));
        let open_fence = "```\nnot closed\n";
        let none = Registry::parse(open_fence, &policy);
        assert_eq!(emergency(open_fence, &none, &policy, &request(&[])), Err(EditError::NoProjectsTable));
    }
}
