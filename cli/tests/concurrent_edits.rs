//! Editing commands run at the same time on one registry: each takes the edit
//! lock before it reads, so no edit is lost and no block is handed out twice.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

mod support;

use support::{sample, workspace};

const TODAY: &str = "2026-11-27";

fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_portreg"))
        .args(args)
        .env_remove("PORTREG_REGISTRY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn run(args: &[&str]) -> Output {
    spawn(args).wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn errors(file: &Path) -> u64 {
    let out = run(&["check", file.to_str().unwrap(), "--format", "json", "--today", TODAY]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    value["summary"]["errors"].as_u64().unwrap()
}

/// The `Block N` of each row whose first cell is one of `names`.
fn blocks_of(document: &str, names: &[String]) -> Vec<(String, String)> {
    document
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let name = cells.get(1)?;
            names.iter().any(|n| n == name).then(|| (name.to_string(), cells[2].to_string()))
        })
        .collect()
}

#[test]
fn twelve_reservations_at_once_all_land_in_distinct_blocks() {
    let (dir, file) = workspace();
    let path = file.to_str().unwrap();
    let before = errors(&file);
    let names: Vec<String> = (0..12).map(|i| format!("parallel-{i}")).collect();
    let children: Vec<Child> =
        names.iter().map(|name| spawn(&["reserve", name, path, "--owner", "ci", "--today", TODAY])).collect();
    for (name, child) in names.iter().zip(children) {
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
    }
    let after = std::fs::read_to_string(&file).unwrap();
    let rows = blocks_of(&after, &names);
    assert_eq!(rows.len(), names.len(), "every reservation is in the file:\n{after}");
    let blocks: BTreeSet<&String> = rows.iter().map(|(_, block)| block).collect();
    assert_eq!(blocks.len(), names.len(), "each in its own block: {rows:?}");
    assert_eq!(errors(&file), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, ["ports.md"], "no lock or temp file is left behind");
}

#[test]
fn different_edits_at_once_all_land() {
    let (_dir, file) = workspace();
    let path = file.to_str().unwrap();
    let mut children = Vec::new();
    for i in 0..4 {
        let name = format!("mixed-{i}");
        children.push(spawn(&["reserve", &name, path, "--today", TODAY]));
        children.push(spawn(&["add-instance", "portreg", path, "--branch", &format!("branch-{i}")]));
    }
    children.push(spawn(&["set-status", "billing-api", "archived", path, "--today", TODAY]));
    children.push(spawn(&["fmt", path]));
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    let after = std::fs::read_to_string(&file).unwrap();
    for i in 0..4 {
        assert!(after.contains(&format!("mixed-{i} ")), "mixed-{i} lost:\n{after}");
        assert!(after.contains(&format!("branch-{i} ")), "branch-{i} lost:\n{after}");
    }
    assert!(after.lines().any(|l| l.contains("billing-api") && l.contains("archived")), "{after}");
}

/// Holds the registry's edit lock from outside (util-linux `flock`) for
/// `seconds`; returns once it is held.
fn hold_lock(dir: &Path, seconds: u32) -> Child {
    let lock = dir.join(".ports.md.lock");
    let mut holder = Command::new("flock")
        .arg(&lock)
        .args(["-c", &format!("echo held; sleep {seconds}")])
        .stdout(Stdio::piped())
        .spawn()
        .expect("flock(1) from util-linux");
    let mut line = String::new();
    BufReader::new(holder.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
    assert_eq!(line, "held\n");
    holder
}

#[test]
fn an_edit_waits_for_the_lock_then_reads_the_file_anew() {
    let (dir, file) = workspace();
    let path = file.to_str().unwrap();
    let mut holder = hold_lock(dir.path(), 2);
    let started = Instant::now();
    let waiting = spawn(&["reserve", "waiter", path, "--today", TODAY]);
    std::thread::sleep(Duration::from_millis(500));
    // Another edit lands while the waiter waits; the waiter must see it.
    let edited = sample().replace(
        "| username | 2026-11-20 |\n",
        "| username | 2026-11-20 |\n| sneaky | Block 4 | 30400-30499 |  | reserved |  | 2026-11-27 |\n",
    );
    std::fs::write(&file, edited).unwrap();
    let out = waiting.wait_with_output().unwrap();
    holder.wait().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(started.elapsed() >= Duration::from_millis(1500), "the edit waited for the lock");
    assert_eq!(text(&out.stderr), format!("portreg: reserved block 6 (30600-30699) for `waiter` in {path}\n"));
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.contains("| sneaky |") && after.contains("| waiter | Block 6 |"), "{after}");
}

#[test]
fn an_edit_that_cannot_get_the_lock_gives_up_and_changes_nothing() {
    let (dir, file) = workspace();
    let path = file.to_str().unwrap();
    let mut holder = hold_lock(dir.path(), 14);
    let printed = run(&["reserve", "late", path, "--today", TODAY, "--stdout"]);
    assert_eq!(printed.status.code(), Some(0), "printing needs no lock: {}", text(&printed.stderr));
    let started = Instant::now();
    let out = run(&["reserve", "late", path, "--today", TODAY]);
    let waited = started.elapsed();
    let _ = holder.kill();
    let _ = holder.wait();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), format!("portreg: another portreg is editing {path}; try again\n"));
    assert!(waited >= Duration::from_secs(9) && waited < Duration::from_secs(13), "{waited:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), sample());
}
