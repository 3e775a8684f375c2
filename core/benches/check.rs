//! Parse + validate a full registry (100 blocks, 1,000 instance rows) against a
//! bare pulldown-cmark pass over the same text, and how checking grows with 10x
//! and 100x the rows; and the worst cases: rows whose ranges all overlap, and
//! a fix on every row, at 2,000 and 8,000 rows.

#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use portreg_core::ops::{apply_fixes, FixMode};
use portreg_core::{check, Date, Policy, Registry};
use pulldown_cmark::{Options, Parser};

/// `copies` full registries, each with its own project names: 100 project rows
/// (every block) and 1,000 instance rows (every slot) per copy. From the
/// second copy on, every block is claimed by several projects.
fn registry(copies: usize) -> String {
    let mut doc = String::from("# Port Registry\n\n");
    for copy in 0..copies {
        doc.push_str("| Project Name | Block | Ports | Path | Status | Owner | Date |\n");
        doc.push_str("|--------------|-------|-------|------|--------|-------|------|\n");
        for block in 0..100 {
            let start = 30000 + block * 100;
            doc.push_str(&format!(
                "| p{copy}-{block} | Block {block} | {start}-{} | ~/src/p{copy}-{block} | active | team{} | 2025-01-{:02} |\n",
                start + 99,
                block % 7,
                block % 28 + 1
            ));
        }
        doc.push_str("\n| Project | Instance | Ports | Purpose | Status | Branch/Environment |\n");
        doc.push_str("|---------|----------|-------|---------|--------|--------------------|\n");
        for block in 0..100 {
            for instance in 1..=10 {
                let start = 30000 + block * 100 + (instance - 1) * 10;
                doc.push_str(&format!(
                    "| p{copy}-{block} | {instance} | {start}-{} | Development | active | feature/{instance} |\n",
                    start + 9
                ));
            }
        }
        doc.push('\n');
    }
    doc
}

fn bare_pass(doc: &str) -> usize {
    Parser::new_ext(doc, Options::ENABLE_TABLES).into_offset_iter().map(|(_, range)| range.len()).sum()
}

fn full_registry(c: &mut Criterion) {
    let doc = registry(1);
    let policy = Policy::default();
    let today = Date::parse("2025-02-01").unwrap();
    let mut group = c.benchmark_group("full_registry");
    group.throughput(Throughput::Bytes(doc.len() as u64));
    group.bench_function("bare_pulldown_cmark", |b| b.iter(|| bare_pass(black_box(&doc))));
    group.bench_function("parse", |b| b.iter(|| Registry::parse(black_box(&doc), &policy)));
    group.bench_function("parse_and_check", |b| b.iter(|| check(black_box(&doc), &policy, today)));
    group.finish();
}

fn scaling(c: &mut Criterion) {
    let policy = Policy::default();
    let today = Date::parse("2025-02-01").unwrap();
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    for copies in [1, 10, 100] {
        let doc = registry(copies);
        group.throughput(Throughput::Elements((copies * 1100) as u64));
        group.bench_with_input(BenchmarkId::new("parse_and_check_rows", copies * 1100), &doc, |b, doc| {
            b.iter(|| check(black_box(doc), &policy, today))
        });
    }
    group.finish();
}

/// `rows` projects whose ranges all overlap each other (`30000-39999`,
/// `30000-39998`, …): every pair overlaps, so a check that looked at pairs
/// would grow with the square of the rows.
fn nested(rows: usize) -> String {
    let mut doc = String::from("| Project | Ports |\n|---|---|\n");
    for i in 0..rows {
        doc.push_str(&format!("| p{i} | 30000-{} |\n", 39999 - i));
    }
    doc
}

/// One fix pass over `rows` rows whose `Block N` label disagrees with their
/// range (archived rows, so they may share blocks): every row a safe fix.
fn mislabelled(rows: usize) -> String {
    let mut doc = String::from("| Project | Block | Ports | Status |\n|---|---|---|---|\n");
    for i in 0..rows {
        let block = i % 100;
        doc.push_str(&format!(
            "| p{i} | Block {} | {}-{} | archived |\n",
            (block + 1) % 100,
            30000 + block * 100,
            30099 + block * 100
        ));
    }
    doc
}

fn worst_cases(c: &mut Criterion) {
    let policy = Policy::default();
    let today = Date::parse("2025-02-01").unwrap();
    let mut group = c.benchmark_group("worst_cases");
    group.sample_size(10);
    for rows in [2_000, 8_000] {
        let doc = nested(rows);
        group.bench_with_input(BenchmarkId::new("check_nested_overlaps", rows), &doc, |b, doc| {
            b.iter(|| check(black_box(doc), &policy, today))
        });
        let doc = mislabelled(rows);
        group.bench_with_input(BenchmarkId::new("fix_every_row", rows), &doc, |b, doc| {
            b.iter(|| apply_fixes(black_box(doc), &policy, today, FixMode::SafeOnly))
        });
    }
    group.finish();
}

criterion_group!(benches, full_registry, scaling, worst_cases);
criterion_main!(benches);
