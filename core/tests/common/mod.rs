//! Generators of registries as teams write them, shared by the property tests.

#![allow(dead_code)]

use portreg_core::{Policy, Status};
use proptest::prelude::*;

/// How a generated table is written.
#[derive(Debug, Clone)]
pub struct Style {
    pub outer_pipes: bool,
    pub pad: usize,
    pub crlf: bool,
    pub en_dash: bool,
    pub swapped: bool,
    pub trailing_spaces: bool,
}

#[derive(Debug, Clone)]
pub struct Project {
    pub name: String,
    pub block: u32,
    pub status: Status,
    pub path: String,
}

pub fn style() -> impl Strategy<Value = Style> {
    (any::<bool>(), 0usize..3, any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(outer_pipes, pad, crlf, en_dash, swapped, trailing_spaces)| Style {
            outer_pipes,
            pad,
            crlf,
            en_dash,
            swapped,
            trailing_spaces,
        },
    )
}

pub fn project() -> impl Strategy<Value = Project> {
    ("[a-z][a-z0-9-]{0,12}", 0u32..100, prop::sample::select(Status::ALL.to_vec()), "[~/a-z]{1,12}")
        .prop_map(|(name, block, status, path)| Project { name, block, status, path })
}

fn row(cells: &[String], style: &Style) -> String {
    let pad = " ".repeat(style.pad);
    let inner: Vec<String> = cells.iter().map(|c| format!("{pad}{c}{pad}")).collect();
    let body = inner.join("|");
    let line = if style.outer_pipes { format!("|{body}|") } else { body };
    let end = if style.crlf { "\r\n" } else { "\n" };
    format!("{line}{}{end}", if style.trailing_spaces { "  " } else { "" })
}

pub fn document(projects: &[Project], style: &Style) -> String {
    let (first, second) = if style.swapped { ("Ports", "Block") } else { ("Block", "Ports") };
    let header: Vec<String> = ["Project Name", first, second, "Path", "Status"].map(String::from).to_vec();
    let mut doc = String::from("# Ports\n\nIntro *text* with a `code | span`.\n\n");
    doc.push_str(&row(&header, style));
    doc.push_str(&row(&vec!["---".to_owned(); 5], style));
    let policy = Policy::default();
    for p in projects {
        let range = policy.block_range(p.block).unwrap();
        let dash = if style.en_dash { " – " } else { "-" };
        let range_text = format!("{}{dash}{}", range.start, range.end);
        let label = format!("Block {}", p.block);
        let (a, b) = if style.swapped { (range_text, label) } else { (label, range_text) };
        doc.push_str(&row(&[p.name.clone(), a, b, p.path.clone(), p.status.to_string()], style));
    }
    doc.push_str("\nAfter the table.\n");
    doc
}

/// Projects in distinct blocks with distinct names: a registry with no conflict.
pub fn valid_projects() -> impl Strategy<Value = Vec<Project>> {
    let blocks: Vec<u32> = (0..100).collect();
    (prop::sample::subsequence(blocks, 0..30), prop::collection::vec(project(), 30)).prop_map(|(blocks, templates)| {
        blocks
            .into_iter()
            .zip(templates)
            .map(|(block, template)| Project {
                name: format!("{}-{block}", template.name),
                block,
                status: template.status,
                path: format!("{}/{block}", template.path),
            })
            .collect()
    })
}
pub mod invariants;

/// Cases for a property test: `default` in CI, `PORTREG_CASES` when set (for
/// long runs by hand).
pub fn cases(default: u32) -> u32 {
    std::env::var("PORTREG_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}
