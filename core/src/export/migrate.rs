//! Planning the move of a legacy project into a block of its own.

use super::supabase_cli::{role_of_default, stack_binds};
use super::{check_name, compose_ports, env_file, for_slot, supabase_config, visible, ExportError, InstancePorts};
use crate::allocate::{AllocError, BlockMap};
use crate::code_span::Code;
use crate::date::Date;
use crate::ops::{add_instance, reserve, set_status, AddInstance, Change, Reserve, StatusTarget};
use crate::policy::{Policy, ReservedKind, Role, Service};
use crate::ports::{format_ranges, PortRange};
use crate::registry::{ProjectEntry, Registry};
use crate::status::Status;
use crate::suggestion::Suggestion;

/// Where one old port goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortMove {
    /// The legacy port.
    pub old: u32,
    /// Its port in the new block.
    pub new: u32,
    /// The instance the new port belongs to.
    pub instance: u32,
    /// The service at the new port.
    pub service: Service,
    /// Whether the old port's service was recognised (else it took a free offset).
    pub recognised: bool,
}

/// A migration plan: the moves, the new config, and the registry edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationPlan {
    /// The project.
    pub project: String,
    /// The ports it holds today outside the project blocks.
    pub old_ranges: Vec<PortRange>,
    /// Its new block.
    pub block: u32,
    /// Old port → new port, in old-port order.
    pub moves: Vec<PortMove>,
    /// Instance 1 of the new block, for the new `.env` and config.
    pub instance: InstancePorts,
    /// The registry edits: legacy rows set to deprecated, a reserved row for the new block.
    pub change: Change,
    /// The instances of the new block the moves use: 1, and any other a
    /// port lands in.
    pub instances: Vec<u32>,
    /// Whether the registry edits also record [`MigrationPlan::instances`]
    /// (else the plan says which commands do).
    pub instance_recorded: bool,
    /// The whole plan as markdown, for a wiki page.
    pub markdown: String,
}

/// The edits that record `instances` of `block` as reserved, one after the
/// other on the document after `edits`, given back as edits on `source`;
/// `None` when they cannot all be made that way.
fn instance_rows(
    source: &str,
    policy: &Policy,
    (name, block): (&str, u32),
    edits: &[crate::edit::TextEdit],
    instances: &[u32],
) -> Option<Vec<crate::edit::TextEdit>> {
    let mut all = edits.to_vec();
    for &number in instances {
        let moved = crate::edit::try_apply(source, &all).ok()?;
        let registry = Registry::parse(&moved, policy);
        let request =
            AddInstance { project: name, instance: Some(number), purpose: None, branch: "", status: Status::Reserved };
        let (change, slot) = add_instance(&moved, &registry, policy, &request).ok()?;
        (slot.block == block).then_some(())?;
        all.extend(crate::edit::rebase(&all, &change.edits)?);
    }
    Some(all.split_off(edits.len()))
}

/// Plans the move of `project`'s ports outside the project blocks (legacy,
/// system, Supabase defaults, emergency…) into `block` or the next free block.
/// A name that holds a character no export writes is refused
/// ([`ExportError::UnsafeName`]).
pub fn migration_plan(
    source: &str,
    registry: &Registry,
    policy: &Policy,
    project: &str,
    block: Option<u32>,
    today: Date,
) -> Result<MigrationPlan, ExportError> {
    plan_in_file(source, registry, policy, (project, block), today, None)
}

/// [`migration_plan`] for the registry in `file` (its name as the person
/// gave it, by its bytes): the plan's portreg commands name the file.
pub(crate) fn plan_in_file(
    source: &str,
    registry: &Registry,
    policy: &Policy,
    (project, block): (&str, Option<u32>),
    today: Date,
    file: Option<&[u8]>,
) -> Result<MigrationPlan, ExportError> {
    let space = policy.project_space();
    let key = crate::registry::ProjectKey::of(project);
    // The rows to move, with their places among the projects rows: only these become deprecated.
    let (rows, legacy): (Vec<usize>, Vec<&ProjectEntry>) = registry
        .projects
        .iter()
        .enumerate()
        .filter(|(_, p)| p.common.key() == key && p.common.is_live() && p.ports(policy).any(|r| !space.covers(r)))
        .unzip();
    let first = legacy.first().ok_or_else(|| match registry.project_rows(project).next() {
        Some(row) => ExportError::NothingToMigrate(row.common.name.to_string()),
        None => ExportError::Alloc(AllocError::UnknownProject(project.to_owned())),
    })?;
    let name = first.common.name.to_string();
    check_name(&name)?;
    let old_ranges: Vec<PortRange> =
        legacy.iter().flat_map(|p| p.ports(policy)).filter(|r| !space.covers(*r)).collect();
    // A row is moved whole, so it must hold no port of a block.
    if legacy.iter().any(|p| p.ports(policy).any(|r| space.overlaps(r))) {
        return Err(ExportError::MixedRow { project: name, legacy: old_ranges });
    }
    // A project that holds a block keeps it: its legacy ports go there, by hand.
    if let Some(&held) = held_blocks(registry, policy, &name).first() {
        return Err(ExportError::HoldsBlock { project: name, block: held, legacy: old_ranges });
    }
    let count: u64 = old_ranges.iter().map(|r| u64::from(r.len())).sum();
    if count > u64::from(policy.block_size) {
        return Err(ExportError::TooManyPorts(usize::try_from(count).unwrap_or(usize::MAX)));
    }
    let block = target_block(registry, policy, block)?;
    let mut old_ports: Vec<u32> = old_ranges.iter().flat_map(|r| r.start..=r.end).collect();
    crate::order::sort_dedup(&mut old_ports);
    old_ports.retain(|&port| stays(policy, port).is_none());
    // Emergency ports were handed out service by service, from the row's first port.
    let emergency: Vec<PortRange> =
        legacy.iter().filter(|p| p.common.status == Some(Status::Emergency)).flat_map(|p| p.ports(policy)).collect();
    let moves = assign(policy, block, &old_ports, &emergency)?;
    // Instance 1 takes the services; the instances the other old ports land in are recorded too.
    let mut instances: Vec<u32> = std::iter::once(1).chain(moves.iter().map(|m| m.instance)).collect();
    crate::order::sort_dedup(&mut instances);
    let (change, recorded) = registry_edits(source, registry, policy, (first, &rows), (block, &instances), today)?;
    let instance = for_slot(policy, &name, block, 1);
    let mut plan = MigrationPlan {
        project: name.to_string(),
        old_ranges,
        block,
        moves,
        instance,
        change,
        instances,
        instance_recorded: recorded,
        markdown: String::new(),
    };
    plan.markdown = render(&plan, policy, file);
    Ok(plan)
}

/// The blocks `project` holds through rows with no port outside the project
/// blocks (its legacy rows do not count), ascending. A project that holds one
/// is not migrated: its legacy ports go into that block.
pub(crate) fn held_blocks(registry: &Registry, policy: &Policy, project: &str) -> Vec<u32> {
    let space = policy.project_space();
    registry.blocks_of_rows(project, policy, &|p| p.common.is_live() && p.ports(policy).all(|r| space.covers(r)))
}

/// `block` when it is free, else the next free block.
fn target_block(registry: &Registry, policy: &Policy, block: Option<u32>) -> Result<u32, ExportError> {
    let map = BlockMap::new(registry, policy);
    match block {
        Some(b) if b >= policy.block_count => Err(AllocError::NoSuchBlock(b).into()),
        Some(b) if !map.is_free(b) => Err(AllocError::BlockTaken(b).into()),
        Some(b) => Ok(b),
        None => map.next_free().ok_or_else(|| AllocError::NoFreeBlock.into()),
    }
}

/// The plan's registry edits: the legacy rows (`rows`, by their places among
/// the projects rows) deprecated where their table has a Status column, and
/// nothing else of the project's, a reserved row in
/// `block`, and (when they can be made in the same change) the rows of
/// `instances`. Also whether those were recorded.
fn registry_edits(
    source: &str,
    registry: &Registry,
    policy: &Policy,
    (first, rows): (&ProjectEntry, &[usize]),
    (block, instances): (u32, &[u32]),
    today: Date,
) -> Result<(Change, bool), ExportError> {
    let name = first.common.name.as_str();
    let mut edits = Vec::new();
    // A row whose table has no Status column cannot be retired: the summary says so.
    let mut kept = 0;
    for &row in rows {
        match set_status(source, registry, StatusTarget::ProjectRow(row), Status::Deprecated, today) {
            Ok(retire) => edits.extend(retire.edits),
            Err(crate::ops::EditError::NoColumn(_)) => kept += 1,
            Err(other) => return Err(ExportError::Edit(other)),
        }
    }
    let legacy = match kept {
        0 => "legacy rows deprecated".to_owned(),
        n if n == rows.len() => "legacy rows left as they are (no Status column)".to_owned(),
        n => format!("legacy rows deprecated but {n} (no Status column)"),
    };
    let request = Reserve {
        name,
        path: first.path.as_deref().unwrap_or(""),
        owner: first.owner.as_deref().unwrap_or(""),
        block: Some(block),
        today,
        additional: true,
    };
    let (reserved, _) = reserve(source, registry, policy, &request).map_err(|e| match e {
        crate::ops::EditError::Alloc(a) => ExportError::Alloc(a),
        other => ExportError::Edit(other),
    })?;
    edits.extend(reserved.edits);
    let rows = instance_rows(source, policy, (name, block), &edits, instances);
    let recorded = rows.is_some();
    edits.extend(rows.unwrap_or_default());
    let summary = if recorded {
        format!(
            "moved {name} to block {block}: {legacy}, new row and {} reserved",
            instances_text(instances),
            name = Code(name)
        )
    } else {
        format!("moved {name} to block {block}: {legacy}, new row reserved", name = Code(name))
    };
    Ok((Change { edits, summary }, recorded))
}

/// The role a legacy port's service has, when it is known: the offset in
/// an emergency row (`emergency`), the legacy frontend and backend ranges,
/// the Supabase CLI's defaults, and the usual
/// ports of Postgres, Supavisor and Qdrant.
fn known_role(policy: &Policy, port: u32, emergency: &[PortRange]) -> Option<Role> {
    if let Some(range) = emergency.iter().find(|r| r.contains(port)) {
        // `portreg emergency` printed the service of each port by its offset in the row.
        return policy.service(port - range.start).map(|s| s.role);
    }
    match policy.reserved_at(port).map(|r| r.kind) {
        Some(ReservedKind::LegacyFrontend) => Some(Role::Frontend),
        Some(ReservedKind::LegacyBackend) => Some(Role::Api),
        Some(ReservedKind::Supabase) => role_of_default(port),
        _ => match port {
            5432 => Some(Role::Database),
            6543 => Some(Role::Pooler),
            6333 => Some(Role::Vector),
            _ => None,
        },
    }
}

/// Whether `port` is a Supabase CLI default that keeps its number after the
/// move: in the policy's Supabase range, with no port in an instance (SMTP, POP3).
pub(super) fn stays(policy: &Policy, port: u32) -> Option<&'static super::supabase_cli::CliPort> {
    let supabase = policy.reserved_at(port).is_some_and(|r| r.kind == ReservedKind::Supabase);
    super::supabase_cli::CLI_PORTS.iter().find(|p| supabase && p.role.is_none() && p.default == port)
}

/// Known services first to their own offset in instance 1, then everything
/// else to free offsets: those no Supabase stack binds, instance after
/// instance, then the stack's offsets of instances 2 and up. Instance 1's
/// stack offsets, +9 (its shadow database) among them, are never handed out.
fn assign(
    policy: &Policy,
    block: u32,
    old_ports: &[u32],
    emergency: &[PortRange],
) -> Result<Vec<PortMove>, ExportError> {
    let size = policy.instance_size;
    let total = policy.block_size;
    let mut taken = vec![false; total as usize];
    let mut placed: Vec<(u32, u32, bool)> = Vec::new();
    let mut rest = Vec::new();
    // The Supabase CLI's defaults first: the stack takes its own offsets.
    let mut ordered: Vec<u32> = old_ports.to_vec();
    crate::order::sort_by_key(&mut ordered, |&port| u64::from(role_of_default(port).is_none()) << 32 | u64::from(port));
    for port in ordered {
        let offset = known_role(policy, port, emergency).and_then(|r| policy.service_for(r)).map(|s| s.offset);
        match offset.filter(|&o| !taken[o as usize]) {
            Some(offset) => {
                taken[offset as usize] = true;
                placed.push((port, offset, true));
            }
            None => rest.push(port),
        }
    }
    let bound = |offset: u32| policy.service(offset).is_some_and(|s| stack_binds(s.role));
    let slots = 0..total;
    let free_of_stack = slots.clone().filter(|&slot| !bound(slot % size));
    let later_stacks = slots.filter(|&slot| slot >= size && bound(slot % size));
    let mut free = free_of_stack.chain(later_stacks).filter(|&slot| !taken[slot as usize]);
    for port in rest {
        let slot = free.next().ok_or(ExportError::TooManyPorts(old_ports.len()))?;
        placed.push((port, slot, false));
    }
    let start = policy.block_range(block).map_or(0, |r| r.start);
    let mut moves: Vec<PortMove> = placed
        .into_iter()
        .map(|(old, slot, recognised)| PortMove {
            old,
            new: start + slot,
            instance: slot / size + 1,
            service: policy.service(slot % size).copied().unwrap_or(policy.services[0]),
            recognised,
        })
        .collect();
    crate::order::sort_by_key(&mut moves, |m| u64::from(m.old));
    Ok(moves)
}

/// The port map's rows, then the ports that keep their number.
fn port_rows(plan: &MigrationPlan, policy: &Policy) -> String {
    let mut md = String::new();
    for m in &plan.moves {
        let note = if m.recognised { "" } else { "service not recognised: free offset" };
        let service = markdown_text(m.service.name);
        md.push_str(&format!(
            "| {} | {} | {} | +{} {service} | {note} |\n",
            m.old, m.new, m.instance, m.service.offset
        ));
    }
    let kept: String = super::supabase_cli::CLI_PORTS
        .iter()
        .filter(|cli| stays(policy, cli.default).is_some() && plan.old_ranges.iter().any(|r| r.contains(cli.default)))
        .map(|cli| {
            format!(
                "- {} stays: [{}] {} keeps its default and binds {}.\n",
                cli.default, cli.section, cli.key, cli.binds
            )
        })
        .collect();
    if !kept.is_empty() {
        md.push('\n');
        md.push_str(&kept);
    }
    md
}

/// The whole plan as markdown.
fn render(plan: &MigrationPlan, policy: &Policy, file: Option<&[u8]>) -> String {
    let block_range = policy.block_range(plan.block).unwrap_or(PortRange::single(0));
    let mut md = format!(
        "# Migration plan: {title}\n\n\
         Move {name} from {old} to block {block} ({block_range}). Instance 1 ({instance}) takes the services.\n\n\
         ## Port map\n\n\
         | Old port | New port | Instance | Service | Note |\n\
         |----------|----------|----------|---------|------|\n",
        title = markdown_text(&plan.project),
        name = code_span(&plan.project),
        old = format_ranges(&plan.old_ranges),
        block = plan.block,
        instance = plan.instance.range,
    );
    md.push_str(&port_rows(plan, policy));
    md.push_str(&format!(
        "\n## Registry edits\n\n\
         - Set the legacy row(s) of {name} to `deprecated` (kept for reference; deprecated rows hold no ports).\n\
         - Add {name} in block {block} ({block_range}) as `reserved`; set it `active` once the move is done.\n\
         {instance_step}\n\
         ## New `.env`\n\n{env}\n\
         ## New `supabase/config.toml` ports\n\n{toml}\n\
         ## New docker compose ports\n\n{compose}\n",
        name = code_span(&plan.project),
        block = plan.block,
        instance_step = if plan.instance_recorded {
            format!(
                "- Record {} of the new block in the instances table, as `reserved`.\n",
                instances_text(&plan.instances)
            )
        } else {
            let commands: String =
                plan.instances.iter().map(|&n| add_instance_command(&plan.project, n, file)).collect();
            format!(
                "- Then record {} in the instances table:\n\n{}",
                instances_text(&plan.instances),
                fenced("sh", &commands)
            )
        },
        env = fenced("sh", &env_file(&plan.instance)),
        toml = fenced("toml", &supabase_config(&plan.instance)),
        compose = fenced("yaml", &compose_ports(&plan.instance)),
    ));
    md.push_str(&steps(plan, file));
    md
}

/// The steps of the move and how to roll it back, with commands that run as written.
fn steps(plan: &MigrationPlan, file: Option<&[u8]>) -> String {
    let new = |role: Role| plan.instance.port(role).unwrap_or(0);
    let old_of = |role: Role| plan.moves.iter().find(|m| m.service.role == role).map(|m| m.old);
    let old_ports: Vec<String> = plan.moves.iter().map(|m| m.old.to_string()).collect();
    let backup = "supabase/backup-before-move.sql";
    let dump = match old_of(Role::Database) {
        Some(old_db) => fenced(
            "sh",
            &format!("supabase db dump --db-url 'postgresql://postgres:postgres@127.0.0.1:{old_db}/postgres' --data-only -f {backup}\n"),
        ),
        None => format!(
            "   The registry names no database port of the project: dump it from its own URL,\n\n{}",
            fenced("sh", &format!("supabase db dump --db-url \"$OLD_DATABASE_URL\" --data-only -f {backup}\n"))
        ),
    };
    let callback = match old_of(Role::SupabaseApi) {
        Some(old_api) => format!("`http://127.0.0.1:{old_api}/auth/v1/callback`"),
        None => "the old API URL's `/auth/v1/callback`".to_owned(),
    };
    format!(
        "\n## Steps\n\n\
         1. Apply the registry edits and commit `ports.md`.\n\
         2. If the project runs a Supabase stack: its `project_id` becomes `{id}`, so `supabase start` will make \
         new, empty database and storage volumes for it. Dump the data first (the schema comes back from the \
         migrations; files in Storage buckets do not move with it: download the ones you need):\n\n{dump}\n\
         3. Stop the old stack (`supabase stop` keeps its volumes, for a roll back) and anything else on the old ports.\n\
         4. Find every place that names an old port:\n\n{grep}\n\
         5. Write the new `.env`, `supabase/config.toml` and compose ports above; the scripts come from {scripts}.\n\
         6. Start the new stack without its seed data, then restore the dump in one transaction:\n\n{restore}\n\
         7. With each OAuth provider, replace the callback URL {callback} by \
         `http://127.0.0.1:{new_api}/auth/v1/callback`.\n\
         8. Update CI/CD pipelines, bookmarks and anything else that names the old ports.\n\
         9. Run `scripts/check-ports.sh`, start the project on its new ports and test it.\n\
         10. Tell the team, then set the new block's row and {instances} `active` in `ports.md` (the legacy rows \
         stay `deprecated`).\n\n\
         ## Roll back\n\n\
         Stop the new stack (`supabase stop`), put the old `.env`, `supabase/config.toml` and compose files back \
         (the old `project_id` finds its old volumes again) and start the old stack. In `ports.md`, revert the \
         commit of step 1, or set the new rows `archived` and the legacy rows back to `legacy`.\n",
        id = plan.instance.project_id(),
        grep = fenced(
            "sh",
            &format!("grep -rnwE '{}' --exclude-dir=node_modules --exclude-dir=.git .\n", old_ports.join("|"))
        ),
        scripts = Suggestion::new("env")
            .option("--format", "scripts")
            .name(&plan.project)
            .registry(file)
            .command()
            .map_or_else(|refusal| format!("`portreg env` once {refusal}"), |command| code_span(&command)),
        restore = fenced(
            "sh",
            &format!(
                "supabase start\nsupabase db reset --no-seed\n\
                 psql 'postgresql://postgres:postgres@127.0.0.1:{}/postgres' --single-transaction -v ON_ERROR_STOP=1 -f {backup}\n",
                new(Role::Database)
            )
        ),
        new_api = new(Role::SupabaseApi),
        instances = instances_text(&plan.instances),
    )
}

/// `body` as a fenced code block in `lang`, fenced with more backticks than it holds in a row.
fn fenced(lang: &str, body: &str) -> String {
    let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{lang}\n{body}{fence}\n")
}

/// `text` for running markdown: characters that could open markup, HTML or a
/// table cell are backslash-escaped, the rest shown as `visible` shows it.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in visible(text).chars() {
        if "\\`*_[]<>&|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `text` as a markdown code span (see [`Code`]), shown as `visible` shows it.
fn code_span(text: &str) -> String {
    Code(&visible(text)).to_string()
}

/// `instance 1`, or `instances 1, 2 and 3`.
fn instances_text(instances: &[u32]) -> String {
    match instances {
        [one] => format!("instance {one}"),
        [rest @ .., last] => {
            let rest: Vec<String> = rest.iter().map(u32::to_string).collect();
            format!("instances {} and {last}", rest.join(", "))
        }
        [] => "no instance".to_owned(),
    }
}

/// The command that records `instance` of the moved project, as a line of a
/// shell block (a comment saying why, for a name no command takes).
fn add_instance_command(project: &str, instance: u32, file: Option<&[u8]>) -> String {
    let command = Suggestion::new("add-instance")
        .name(project)
        .registry(file)
        .option("--instance", &instance.to_string())
        .option("--status", "reserved")
        .command();
    match command {
        Ok(command) => format!("{command}\n"),
        Err(refusal) => format!("# {refusal}\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_add_instance_step_runs_as_written_for_any_name() {
        assert_eq!(
            add_instance_command("old-dash", 1, None),
            "portreg add-instance old-dash --instance 1 --status reserved\n"
        );
        assert_eq!(
            add_instance_command("old-dash", 1, Some(b"team ports.md")),
            "portreg add-instance old-dash 'team ports.md' --instance 1 --status reserved\n"
        );
        assert_eq!(
            add_instance_command("-old", 1, None),
            "portreg add-instance --instance 1 --status reserved -- '-old'\n"
        );
        assert!(add_instance_command("old\u{200f}", 1, None).starts_with("# the name `old\\u{200f}` holds U+200F"));
    }

    const DOC: &str = "| Project Name | Block | Ports | Path | Status | Owner | Date |\n\
|---|---|---|---|---|---|---|\n\
| portreg | Block 0 | 30000-30099 | ~/src/portreg | active | ana | 2025-01-02 |\n\
| old-dashboard | | 3000, 8000, 54321-54323, 5555 | ~/src/old | legacy | maria | 2023-05-14 |\n";

    #[test]
    fn maps_emergency_ports_to_the_services_they_were_handed_out_for() {
        let policy = Policy::default();
        let doc = "| Project | Ports | Status |\n|---|---|---|\n| hot | 40010-40019 | emergency |\n";
        let registry = Registry::parse(doc, &policy);
        let today = Date::parse("2025-01-15").unwrap();
        let plan = migration_plan(doc, &registry, &policy, "hot", None, today).unwrap();
        let moves: Vec<(u32, u32, bool)> = plan.moves.iter().map(|m| (m.old, m.new, m.recognised)).collect();
        let expected: Vec<(u32, u32, bool)> = (0..10).map(|i| (40010 + i, 30000 + i, true)).collect();
        assert_eq!(moves, expected);
    }

    /// The plan of `project` in `doc` under the default policy, on 2025-01-15.
    fn plan_of(doc: &str, project: &str, block: Option<u32>) -> Result<MigrationPlan, ExportError> {
        let policy = Policy::default();
        migration_plan(doc, &Registry::parse(doc, &policy), &policy, project, block, Date::parse("2025-01-15").unwrap())
    }

    #[test]
    fn a_project_holding_a_block_keeps_it_and_only_its_legacy_rows_are_deprecated() {
        let doc = "| Project | Block | Ports | Status | Date |\n|---|---|---|---|---|\n\
                   | half | Block 0 | 30000-30099 | active | 2024-01-01 |\n\
                   | half | | 3100 | legacy | 2024-01-01 |\n";
        // Into the next free block or one asked for: its legacy ports go into the block it holds.
        for block in [None, Some(3)] {
            let refused = plan_of(doc, "half", block).unwrap_err();
            assert!(matches!(refused, ExportError::HoldsBlock { block: 0, .. }), "{refused:?}");
            assert!(refused.to_string().starts_with("`half` already holds block 0: move its ports 3100"), "{refused}");
        }
        // Only a legacy row's own ports in a block do not make it hold the block: the row would be retired whole.
        let mixed = "| Project | Ports | Status |\n|---|---|---|\n| leg | 3000, 30050 | legacy |\n";
        let refused = plan_of(mixed, "leg", None).unwrap_err();
        assert!(matches!(refused, ExportError::MixedRow { .. }), "{refused:?}");
        assert!(refused.to_string().contains("split it into a row for its block and a legacy row"), "{refused}");
        // Every legacy row of the project is retired, in one change.
        let doc = "| Project | Ports | Status |\n|---|---|---|\n| two | 3100 | legacy |\n| two | 8100 | active |\n";
        let plan = plan_of(doc, "two", None).unwrap();
        let edited = plan.change.apply(doc);
        assert!(edited.contains("| two | 3100 | deprecated |\n| two | 8100 | deprecated |\n"), "{edited}");
    }

    #[test]
    fn every_instance_the_moved_ports_land_in_is_recorded() {
        let policy = Policy::default();
        let doc = "| Project | Ports | Status |\n|---|---|---|\n| big | 3000-3024 | legacy |\n";
        let registry = Registry::parse(doc, &policy);
        let today = Date::parse("2025-01-15").unwrap();
        let plan = migration_plan(doc, &registry, &policy, "big", None, today).unwrap();
        let used: Vec<u32> = {
            let mut used: Vec<u32> = plan.moves.iter().map(|m| m.instance).collect();
            crate::order::sort_dedup(&mut used);
            used
        };
        assert!(used.len() > 1, "{used:?}");
        assert_eq!(plan.instances, used);
        assert!(plan.instance_recorded);
        let edited = plan.change.apply(doc);
        let registry = Registry::parse(&edited, &policy);
        let recorded: Vec<Option<u32>> = registry.instances.iter().map(|i| i.number).collect();
        assert_eq!(recorded, used.iter().map(|&n| Some(n)).collect::<Vec<_>>(), "{edited}");
        // The next instance handed out is past the ones the moved ports took.
        let next = crate::next_free_instance(&registry, &policy, "big").unwrap();
        assert!(!used.contains(&next.instance), "{next:?}");
        assert!(plan.markdown.contains(&format!("Record {} of the new block", instances_text(&used))));
    }

    #[test]
    fn maps_each_legacy_port_to_its_service() {
        let policy = Policy::default();
        let registry = Registry::parse(DOC, &policy);
        let today = Date::parse("2025-01-15").unwrap();
        let plan = migration_plan(DOC, &registry, &policy, "old-dashboard", None, today).unwrap();
        let moves: Vec<(u32, u32, bool)> = plan.moves.iter().map(|m| (m.old, m.new, m.recognised)).collect();
        assert_eq!(
            moves,
            [
                (3000, 30100, true),
                (5555, 30107, false),
                (8000, 30101, true),
                (54321, 30103, true),
                (54322, 30102, true),
                (54323, 30104, true)
            ]
        );
        let edited = plan.change.apply(DOC);
        assert!(edited.contains(
            "| old-dashboard | | 3000, 8000, 54321-54323, 5555 | ~/src/old | deprecated | maria | 2025-01-15 |"
        ));
        assert!(
            edited.contains("| old-dashboard | Block 1 | 30100-30199 | ~/src/old | reserved | maria | 2025-01-15 |\n"),
            "{edited}"
        );
        assert!(plan.instance_recorded);
        let registry = Registry::parse(&edited, &policy);
        let recorded: Vec<_> =
            registry.instances.iter().map(|i| (i.common.key(), i.number, i.common.ranges.clone())).collect();
        assert_eq!(
            recorded,
            [(crate::registry::ProjectKey::of("old-dashboard"), Some(1), vec![PortRange::new(30100, 30109)])],
            "{edited}"
        );
        let diagnostics = crate::check(&edited, &policy, today);
        assert!(diagnostics.iter().all(|d| d.severity != crate::Severity::Error), "{diagnostics:?}");
        insta::assert_snapshot!(plan.markdown);
    }

    #[test]
    fn nothing_moves_onto_the_stack_s_own_ports() {
        let doc = DOC.replace("3000, 8000, 54321-54323, 5555", "3000, 5432, 8080, 54321-54327, 7000-7039");
        let policy = Policy::default();
        let registry = Registry::parse(&doc, &policy);
        let today = Date::parse("2025-01-15").unwrap();
        let plan = migration_plan(&doc, &registry, &policy, "old-dashboard", None, today).unwrap();
        let new: Vec<u32> = plan.moves.iter().map(|m| m.new).collect();
        let distinct: std::collections::BTreeSet<u32> = new.iter().copied().collect();
        assert_eq!(distinct.len(), new.len(), "one port, one use: {new:?}");
        let at = |old: u32| plan.moves.iter().find(|m| m.old == old).map(|m| m.new);
        assert!(at(5432).is_some_and(|p| p != 30102), "54322 is the stack's database: 5432 goes elsewhere");
        assert_eq!(at(54322), Some(30102));
        assert_eq!((at(54325), at(54326)), (None, None), "SMTP and POP3 keep their defaults");
        assert!(plan.markdown.contains("- 54325 stays: [local_smtp] smtp_port keeps its default"));
        let stack = [2, 3, 4, 5, 6, 8, 9].map(|o| 30100 + o);
        for m in plan.moves.iter().filter(|m| !m.recognised) {
            assert!(!stack.contains(&m.new), "{} went to the stack's {}", m.old, m.new);
        }
        assert_eq!(plan.moves.len(), 3 + (7 - 2) + 40, "every port but SMTP and POP3 has a place");
    }

    #[test]
    fn refuses_projects_without_legacy_ports() {
        let policy = Policy::default();
        let registry = Registry::parse(DOC, &policy);
        let today = Date::parse("2025-01-15").unwrap();
        assert_eq!(
            migration_plan(DOC, &registry, &policy, "portreg", None, today),
            Err(ExportError::NothingToMigrate("portreg".into()))
        );
    }

    #[test]
    fn names_in_the_plan_stay_text() {
        assert_eq!(code_span("old-dashboard"), "`old-dashboard`");
        assert_eq!(code_span("a``b"), "```a``b```");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(markdown_text("<img src=x> *a* | [b]"), "\\<img src=x\\> \\*a\\* \\| \\[b\\]");
        assert_eq!(markdown_text("API/Backend Server"), "API/Backend Server");
    }

    #[test]
    fn refuses_names_no_export_writes() {
        let doc = DOC.replace("old-dashboard", "old&#10;touch pwned");
        let policy = Policy::default();
        let registry = Registry::parse(&doc, &policy);
        let today = Date::parse("2025-01-15").unwrap();
        let refused = migration_plan(&doc, &registry, &policy, "old\ntouch pwned", None, today);
        assert!(matches!(refused, Err(ExportError::UnsafeName { character: '\n', position: 4, .. })), "{refused:?}");
    }
}
