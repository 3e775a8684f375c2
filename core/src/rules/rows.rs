//! P0xx: whether the registry's rows can be read at all.

use super::{Context, Diagnostic, Fix, Rule, RuleDoc, Severity, Violation};
use crate::code_span::Code;
use crate::date::Date;
use crate::edit::set_cell;
use crate::ports::is_placeholder;
use crate::ports::PortRange;
use crate::registry::TableKind;

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

/// A row with `found` cells under a header of `expected`.
pub(super) struct RowShape {
    pub found: usize,
    pub expected: usize,
}

impl Violation for RowShape {
    const RULE: &'static Rule = &ROW_SHAPE;

    fn message(&self) -> String {
        format!("row has {} cells, header has {}", self.found, self.expected)
    }

    fn help(&self) -> String {
        "add or remove cells to match the header; write a literal pipe as `\\|`".to_owned()
    }
}

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

/// A ports cell that cannot be read, and why.
pub(super) struct BadRange<'a> {
    pub reason: &'a str,
    /// The policy's project blocks, as an example of ports to use.
    pub project_space: PortRange,
}

impl Violation for BadRange<'_> {
    const RULE: &'static Rule = &BAD_RANGE;

    fn message(&self) -> String {
        format!("cannot read ports: {}", self.reason)
    }

    fn help(&self) -> String {
        format!(
            "write a range `N-M`, a port `N` or a list `N, M-K`, with ports 1-65535 (project ports: {})",
            self.project_space
        )
    }
}

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

/// A date cell that is no `YYYY-MM-DD` date.
pub(super) struct BadDate<'a> {
    pub text: &'a str,
}

impl Violation for BadDate<'_> {
    const RULE: &'static Rule = &BAD_DATE;

    fn message(&self) -> String {
        format!("{} is not a YYYY-MM-DD date", Code(self.text))
    }

    fn help(&self) -> String {
        "write the date as YYYY-MM-DD, for example 2024-08-31".to_owned()
    }
}

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

/// A `Block N` label and the block the row's ports are in (none: outside the blocks).
pub(super) struct BlockLabelMismatch {
    pub label: u32,
    pub range: PortRange,
    pub actual: Option<u32>,
}

impl Violation for BlockLabelMismatch {
    const RULE: &'static Rule = &BLOCK_LABEL_MISMATCH;

    fn message(&self) -> String {
        let Self { label, range, .. } = self;
        match self.actual {
            Some(block) => format!("label says block {label}, ports {range} are in block {block}"),
            None => format!("label says block {label}, ports {range} are outside the project blocks"),
        }
    }

    fn help(&self) -> String {
        let label = self.label;
        match self.actual {
            Some(block) => format!("change the label to `Block {block}`, or the ports to the range of block {label}"),
            None => format!("use the range of block {label}, or remove the label"),
        }
    }
}

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

/// A projects row with no ports, and the next free block to give it.
pub(super) struct MissingPorts<'a> {
    pub name: &'a str,
    pub next_free: Option<(u32, PortRange)>,
}

impl Violation for MissingPorts<'_> {
    const RULE: &'static Rule = &MISSING_PORTS;

    fn message(&self) -> String {
        format!("{} lists no ports", Code(self.name))
    }

    fn help(&self) -> String {
        free_block_help("fill in the block's range or a `Block N` label", self.next_free)
    }
}

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

/// A document without a projects table.
pub(super) struct NoRegistry;

impl Violation for NoRegistry {
    const RULE: &'static Rule = &NO_REGISTRY;

    fn message(&self) -> String {
        "no projects table found".to_owned()
    }

    fn help(&self) -> String {
        "add a table with the columns `Project Name | Block | Ports | Path | Status | Owner | Date`".to_owned()
    }
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if !cx.registry.has_projects_table() {
        out.push(Diagnostic::of(0..0, NoRegistry));
    }
    row_shapes(cx, out);
    for project in &cx.registry.projects {
        unreadable(cx, &project.at.span, &project.common.unreadable, out);
        bad_date(&project.at.span, project.date_text.as_deref(), out);
        if project.common.ranges.is_empty() && project.block.is_none() {
            let missing = MissingPorts { name: &project.common.name, next_free: next_free(cx) };
            out.push(Diagnostic::of(project.at.span.clone(), missing));
        }
        label_mismatch(cx, project, out);
    }
    for instance in &cx.registry.instances {
        unreadable(cx, &instance.at.span, &instance.common.unreadable, out);
    }
}

/// The next free block and its ports, if any is left.
pub(super) fn next_free(cx: &Context<'_>) -> Option<(u32, PortRange)> {
    cx.blocks.next_free().and_then(|block| cx.policy.block_range(block).map(|range| (block, range)))
}

/// `what` to do, with the next free block named, or what to do when none is left.
pub(super) fn free_block_help(what: &str, next_free: Option<(u32, PortRange)>) -> String {
    match next_free {
        Some((block, range)) => format!("{what}; the next free block is {block} ({range})"),
        None => format!("{what}; every block is taken, so archive an unused one first"),
    }
}

fn row_shapes(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let registry_tables = cx.registry.tables.iter().filter(|t| t.kind != TableKind::Other);
    for table in registry_tables {
        let expected = table.table.header.cells.len();
        for row in &table.table.rows {
            let found = row.cells.len();
            if found != expected && !crate::merge::is_conflict_marker(&cx.source[row.range.clone()]) {
                out.push(Diagnostic::of(row.range.clone(), RowShape { found, expected }));
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
        let bad = BadRange { reason: &cell.reason, project_space: cx.policy.project_space() };
        out.push(Diagnostic::of(span.clone(), bad));
    }
}

fn bad_date(span: &std::ops::Range<usize>, date: Option<&str>, out: &mut Vec<Diagnostic>) {
    let Some(text) = date.filter(|t| !is_placeholder(t)) else { return };
    if Date::parse(text).is_none() {
        out.push(Diagnostic::of(span.clone(), BadDate { text }));
    }
}

fn label_mismatch(cx: &Context<'_>, project: &crate::registry::ProjectEntry, out: &mut Vec<Diagnostic>) {
    let (Some(label), Some(&range)) = (project.block, project.common.ranges.first()) else { return };
    let actual = cx.policy.block_of(range.start);
    if actual == Some(label) {
        return;
    }
    let aligned = cx.policy.aligned_block(range);
    let fix = aligned.zip(project.block_cell).map(|(block, cell_index)| {
        let cell = &cx.registry.row(&project.at).cells[cell_index];
        Fix::safe(
            format!("Change the label to Block {block}"),
            vec![set_cell(cx.source, cell, &format!("Block {block}"))],
        )
    });
    let mismatch = BlockLabelMismatch { label, range, actual };
    out.push(Diagnostic::of(project.at.span.clone(), mismatch).with_fix(fix));
}
