//! P0xx: whether the registry's rows can be read at all.

use super::{Context, Diagnostic, Fix, Rule, RuleDoc, Severity};
use crate::date::Date;
use crate::edit::set_cell;
use crate::ports::is_placeholder;
use crate::registry::TableKind;
use crate::text::{describe_unsafe, is_unsafe_char};

/// P001: a row's cell count differs from its header's.
pub static ROW_SHAPE: Rule = Rule {
    code: "P001",
    name: "row-shape",
    severity: Severity::Warning,
    severity_note: None,
    doc: RuleDoc {
        what: "A registry row has more or fewer cells than its table's header.",
        why: "Markdown renderers drop extra cells and leave missing ones blank, so the row shows \
              something other than what was typed. An unescaped `|` inside a cell is the usual cause.",
        example: "| Project | Ports | Status |\n|---|---|---|\n| api | 30100-30199 |\n",
        fix: "Add or remove cells so the row matches the header. Write a literal pipe as `\\|`.",
    },
};

/// P002: a range or port cell cannot be read.
pub static BAD_RANGE: Rule = Rule {
    code: "P002",
    name: "bad-range",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "A range or port cell cannot be read, a range starts after it ends, or a port is \
               past 65535 (or is 0).",
        why: "A range that cannot be read claims no ports, so conflicts with it go unseen.",
        example: "| Project | Ports |\n|---|---|\n| api | 30199-30100 |\n",
        fix: "Write a range `N-M`, a single port `N`, or a comma-separated list such as \
              `3000, 8000, 54321-54323`, with ports from 1 to 65535.",
    },
};

/// P003: a date that is not a real `YYYY-MM-DD` date.
pub static BAD_DATE: Rule = Rule {
    code: "P003",
    name: "bad-date",
    severity: Severity::Warning,
    severity_note: None,
    doc: RuleDoc {
        what: "A date cell is not a real calendar date written `YYYY-MM-DD`.",
        why: "Staleness and future-date checks need the date; other formats are ambiguous \
              (is 03/04 March or April?).",
        example: "| Project | Ports | Date |\n|---|---|---|\n| api | 30100-30199 | 2024-02-30 |\n",
        fix: "Write the date as `YYYY-MM-DD`, for example `2024-08-31`.",
    },
};

/// P004: a `Block N` label that disagrees with the row's range.
pub static BLOCK_LABEL_MISMATCH: Rule = Rule {
    code: "P004",
    name: "block-label-mismatch",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "A row's `Block N` label names another block than the one its range lies in.",
        why: "People read the label, tools read the range: when they disagree, two projects can \
              end up in one block.",
        example: "| Project | Block | Ports |\n|---|---|---|\n| api | Block 4 | 30500-30599 |\n",
        fix: "Make the label match the range (`Block 5` above), or the range match the label. \
              The automatic fix rewrites the label.",
    },
};

/// P005: a projects row with neither a range nor a block number.
pub static MISSING_PORTS: Rule = Rule {
    code: "P005",
    name: "missing-ports",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "A projects row has neither a readable range nor a block number.",
        why: "The project holds no ports as far as anyone can tell, and its block may be handed \
              to someone else.",
        example: "| Project | Block | Ports |\n|---|---|---|\n| api | | TBD |\n",
        fix: "Fill in the block's range (`30500-30599`) or label (`Block 5`). `portreg next` \
              names the next free block.",
    },
};

/// P006: no projects table in the document.
pub static NO_REGISTRY: Rule = Rule {
    code: "P006",
    name: "no-registry",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "The document has no projects table: no table with a project column (`Project Name`, \
               `Project` or `Name`) and a `Block` or `Ports` column.",
        why: "Without one there is nothing to check, and every block looks free.",
        example: "# Ports\n\nNothing registered yet.\n",
        fix: "Add the registry table: `| Project Name | Block | Ports | Path | Status | Owner | Date |`.",
    },
};

/// P007: a cell holds a control character.
pub static CONTROL_CHARACTER: Rule = Rule {
    code: "P007",
    name: "control-character",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "A registry cell holds a control character (a line break, tab, escape, bell, NUL…) \
               or a bidirectional override, typed raw or as a character reference such as `&#10;`.",
        why: "A registry is data: a name goes into scripts, config files and terminals. A control \
              character there can end a line early, forge output or drive the terminal, and a \
              bidirectional override makes text read differently from what it is. portreg never \
              writes such a name into a snippet.",
        example: "| Project | Ports |\n|---|---|\n| api&#10;rm -rf ~ | 30100-30199 |\n",
        fix: "Remove the character from the cell.",
    },
};

/// P008: an ignore directive names a code no rule has.
pub static UNKNOWN_DIRECTIVE_CODE: Rule = Rule {
    code: "P008",
    name: "unknown-directive-code",
    severity: Severity::Warning,
    severity_note: None,
    doc: RuleDoc {
        what: "A `<!-- portreg: ignore … -->` directive names a code or prefix that no rule has, or a \
               comment that starts with `portreg` is no directive portreg reads.",
        why: "A misspelt code ignores nothing, so the finding it was meant to quiet still shows, \
              or a real finding is quieted by a code that was meant for another.",
        example: "<!-- portreg: ignore B1O4 -->\n\n| Project | Ports |\n|---|---|\n| api | 30100-30199 |\n",
        fix: "Write a code from `portreg rules` (`B104`) or a family letter (`I`). A directive on a \
              line of its own ignores its codes in the whole document; one inside a table row \
              (in a notes cell) ignores them on that row.",
    },
};

/// One P008 finding per unknown code in a directive.
pub(super) fn unknown_directive_codes(directives: &super::Directives, out: &mut Vec<Diagnostic>) {
    for span in &directives.malformed {
        out.push(Diagnostic::new(
            &UNKNOWN_DIRECTIVE_CODE,
            span.clone(),
            "this `portreg` comment is no directive portreg reads, so it ignores nothing",
            "write it as `<!-- portreg: ignore B104, I -->`: a colon, `ignore`, then codes or family letters",
        ));
    }
    for (span, name) in &directives.unknown {
        out.push(Diagnostic::new(
            &UNKNOWN_DIRECTIVE_CODE,
            span.clone(),
            format!("the directive names `{name}`, which is no rule's code"),
            "write a code from `portreg rules` (such as B104) or a family letter (such as I)",
        ));
    }
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    control_characters(cx, out);
    if !cx.registry.has_projects_table() {
        out.push(Diagnostic::new(
            &NO_REGISTRY,
            0..0,
            "no projects table found",
            "add a table with the columns `Project Name | Block | Ports | Path | Status | Owner | Date`",
        ));
    }
    row_shapes(cx, out);
    for project in &cx.registry.projects {
        unreadable(cx, &project.at.span, &project.common.unreadable, out);
        bad_date(&project.at.span, project.date_text.as_deref(), out);
        if project.common.ranges.is_empty() && project.block.is_none() {
            out.push(Diagnostic::new(
                &MISSING_PORTS,
                project.at.span.clone(),
                format!("`{}` lists no ports", project.common.name),
                free_block_help(cx, "fill in the block's range or a `Block N` label"),
            ));
        }
        label_mismatch(cx, project, out);
    }
    for instance in &cx.registry.instances {
        unreadable(cx, &instance.at.span, &instance.common.unreadable, out);
    }
}

/// `what` to do, with the next free block named, or what to do when none is left.
pub(super) fn free_block_help(cx: &Context<'_>, what: &str) -> String {
    match cx.blocks.next_free().and_then(|block| cx.policy.block_range(block).map(|range| (block, range))) {
        Some((block, range)) => format!("{what}; the next free block is {block} ({range})"),
        None => format!("{what}; every block is taken, so archive an unused one first"),
    }
}

fn control_characters(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let registry_tables = cx.registry.tables.iter().filter(|t| t.kind != TableKind::Other);
    for table in registry_tables {
        for row in &table.table.rows {
            for index in 0..row.cells.len() {
                let text = row.text(index);
                let Some(c) = text.chars().find(|&c| is_unsafe_char(c)) else { continue };
                let column = table.table.header.text(index);
                out.push(Diagnostic::new(
                    &CONTROL_CHARACTER,
                    row.range.clone(),
                    format!("the {} cell `{text}` holds {}", column_name(column), describe_unsafe(c)),
                    "remove the character from the cell; names go into scripts and config files",
                ));
            }
        }
    }
}

/// A header cell as a column name in a message.
fn column_name(header: &str) -> String {
    if header.is_empty() {
        "unnamed".to_owned()
    } else {
        format!("`{header}`")
    }
}

fn row_shapes(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let registry_tables = cx.registry.tables.iter().filter(|t| t.kind != TableKind::Other);
    for table in registry_tables {
        let expected = table.table.header.cells.len();
        for row in &table.table.rows {
            let found = row.cells.len();
            if found != expected && !crate::merge::is_conflict_marker(&cx.source[row.range.clone()]) {
                out.push(Diagnostic::new(
                    &ROW_SHAPE,
                    row.range.clone(),
                    format!("row has {found} cells, header has {expected}"),
                    "add or remove cells to match the header; write a literal pipe as `\\|`",
                ));
            }
        }
    }
}

fn unreadable(
    cx: &Context<'_>,
    span: &std::ops::Range<usize>,
    cells: &[crate::registry::Unreadable],
    out: &mut Vec<Diagnostic>,
) {
    for cell in cells {
        out.push(Diagnostic::new(
            &BAD_RANGE,
            span.clone(),
            format!("cannot read ports: {}", cell.reason),
            format!(
                "write a range `N-M`, a port `N` or a list `N, M-K`, with ports 1-65535 (project ports: {})",
                cx.policy.project_space()
            ),
        ));
    }
}

fn bad_date(span: &std::ops::Range<usize>, date: Option<&str>, out: &mut Vec<Diagnostic>) {
    let Some(text) = date.filter(|t| !is_placeholder(t)) else { return };
    if Date::parse(text).is_none() {
        out.push(Diagnostic::new(
            &BAD_DATE,
            span.clone(),
            format!("`{text}` is not a YYYY-MM-DD date"),
            "write the date as YYYY-MM-DD, for example 2024-08-31",
        ));
    }
}

fn label_mismatch(cx: &Context<'_>, project: &crate::registry::ProjectEntry, out: &mut Vec<Diagnostic>) {
    let (Some(label), Some(range)) = (project.block, project.common.ranges.first()) else { return };
    let actual = cx.policy.block_of(range.start);
    if actual == Some(label) {
        return;
    }
    let aligned = cx.policy.aligned_block(*range);
    let (message, help) = match actual {
        Some(block) => (
            format!("label says block {label}, ports {range} are in block {block}"),
            format!("change the label to `Block {block}`, or the ports to the range of block {label}"),
        ),
        None => (
            format!("label says block {label}, ports {range} are outside the project blocks"),
            format!("use the range of block {label}, or remove the label"),
        ),
    };
    let fix = aligned.zip(project.block_cell).map(|(block, cell_index)| {
        let cell = &cx.registry.row(&project.at).cells[cell_index];
        Fix::safe(
            format!("Change the label to Block {block}"),
            vec![set_cell(cx.source, cell, &format!("Block {block}"))],
        )
    });
    out.push(Diagnostic::new(&BLOCK_LABEL_MISMATCH, project.at.span.clone(), message, help).with_fix(fix));
}
