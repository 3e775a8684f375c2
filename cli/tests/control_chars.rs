//! Registry text shown on a terminal: a cell holding ESC, BEL, CR, C1 or bidi
//! controls and marks (as bytes or as `&#27;` entities) reaches the text
//! output only as visible escapes, never as the raw character a terminal
//! would act on or that would reorder the text around it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Characters a terminal acts on: C0 controls but the line break, DEL, C1
/// controls, bidi embeddings, overrides, isolates and marks.
fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\n')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}')
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let bad: Vec<char> = text.chars().filter(|&c| is_hostile(c)).collect();
    assert!(bad.is_empty(), "{what}: raw {bad:?} in:\n{text}");
}

fn portreg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portreg")).args(args).env_remove("PORTREG_REGISTRY").output().unwrap()
}

const EVIL: &str = "ev\u{1b}[31mil&#27;[2J&#7;&#13;&#10;&#x202E;&#155;&#127;\t\u{7}&#x200F;\u{200e}&#x61C;";

/// A registry whose names, paths, statuses and ranges carry terminal controls,
/// in a file whose name carries one too.
fn hostile(dir: &Path) -> PathBuf {
    let text = format!(
        "| Project Name | Block | Ports | Path | Status | Owner | Date |\n\
         |---|---|---|---|---|---|---|\n\
         | api | Block 5 | 30500-30599 | ~/api | active | a | 2026-11-01 |\n\
         | {EVIL} | Block 5 | 30500-30599 | ~/x\u{1b}]0;title\u{7} | act\u{1b}ive&#27; | o | 2026-11-01 |\n\
         | bad | 3050x\u{1b}-1 | 305&#27;00 | p | active | o | 2026-11-01 |\n\
         | old&#27; | 3000 | ~/old | legacy | o | 2026-11-01 |\n\
         \n\
         | Project | Instance | Ports | Purpose | Status |\n\
         |---|---|---|---|---|\n\
         | {EVIL} | 1 | 30500-30509 | x&#27; | active |\n\
         | ghost&#27;&#x2066; | 1 | 30600-30609 | x | active |\n"
    );
    let file = dir.join("ports\u{1b}[7m.md");
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn check_text_output_carries_no_control_character() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile(dir.path());
    let path = file.to_str().unwrap();
    let out = portreg(&["check", path, "--today", "2026-11-27"]);
    assert_eq!(out.status.code(), Some(1));
    assert_clean("check stdout", &out.stdout);
    assert_clean("check stderr", &out.stderr);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("ports\\u{1b}[7m.md:4: warning[S401] unknown status `act\\u{1b}ive\\u{1b}`"), "{stdout}");
    assert!(stdout.contains("I301] no project `ghost\\u{1b}\\u{2066}`"), "{stdout}");
}

#[test]
fn json_stays_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile(dir.path());
    let out = portreg(&["check", file.to_str().unwrap(), "--format", "json", "--today", "2026-11-27"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let messages: Vec<&str> =
        value["diagnostics"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap()).collect();
    // Core escapes what a message quotes, so JSON consumers get safe text too.
    assert!(messages.contains(&"unknown status `act\\u{1b}ive\\u{1b}`"), "{messages:?}");
}

#[test]
fn lookup_next_env_migrate_and_refusals_carry_no_control_character() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile(dir.path());
    let path = file.to_str().unwrap();
    let evil_name = "ev\u{1b}[31mil\u{1b}[2J\u{7}\r\n\u{202e}\u{9b}\u{7f}\t\u{7}";
    let calls: Vec<Vec<&str>> = vec![
        vec!["lookup", "30505", "--registry", path],
        vec!["next", path],
        vec!["next", path, "--project", evil_name],
        vec!["next", path, "--project", "nobody\u{1b}[2J"],
        vec!["env", "nobody\u{1b}[2J", path],
        vec!["migrate", "old\u{1b}", path, "--today", "2026-11-27"],
        vec!["migrate", "nobody\u{1b}[2J", path],
        vec!["fmt", path, "--check"],
        vec!["reserve", "new\u{1b}[2J", path, "--block", "5"],
        vec!["add-instance", "nobody\u{1b}[2J", path],
        vec!["set-status", "nobody\u{1b}[2J", "active", path],
        vec!["check", "no/such\u{1b}[2J.md"],
        vec!["rules", "X\u{1b}[2J"],
        vec!["check", "--today", "\u{1b}[2J"],
        vec!["frobnicate\u{1b}[2J"],
    ];
    for args in &calls {
        let out = portreg(args);
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    }
    for format in ["env", "env-example", "toml", "compose", "scripts"] {
        let out = portreg(&["env", "api", path, "--format", format]);
        assert_clean(&format!("env {format}"), &out.stdout);
    }
    let diff = portreg(&["reserve", "y", path, "--today", "2026-11-27", "--diff"]);
    let headers: Vec<&[u8]> = diff.stdout.split(|&b| b == b'\n').take(2).collect();
    assert_clean("--diff headers", &headers.concat());
    let out = portreg(&["reserve", "x\u{1b}[2J", path, "--today", "2026-11-27"]);
    assert_eq!(out.status.code(), Some(1), "a name with a control character is refused");
    assert_clean("reserve stderr", &out.stderr);
    assert!(String::from_utf8_lossy(&out.stderr).contains("U+001B"));
}

/// A name holding U+200F (RLM) shown where the order of a line matters: the
/// name `price\u{200f} 10` and a cell after it.
#[test]
fn a_bidirectional_mark_is_escaped_in_text_and_refused_where_it_would_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ports.md");
    let text = "| Project Name | Block | Ports | Path | Status | Owner | Date |\n\
                |---|---|---|---|---|---|---|\n\
                | price\u{200f} 10 | Block 5 | 30500-30599 | ~/x | active | o | 2026-11-01 |\n\
                | api&#x200E; | Block 6 | 30600-30699 | ~/api | active | o | 2026-11-01 |\n";
    std::fs::write(&file, text).unwrap();
    let path = file.to_str().unwrap();

    let out = portreg(&["check", path, "--today", "2026-11-27"]);
    assert_eq!(out.status.code(), Some(1), "P007 is an error");
    assert_clean("check stdout", &out.stdout);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout
            .contains(":3: error[P007] the `Project Name` cell `price\\u{200f} 10` holds U+200F, a bidirectional mark"),
        "{stdout}"
    );
    assert!(stdout.contains(":4: error[P007] the `Project Name` cell `api\\u{200e}` holds U+200E"), "{stdout}");

    // Exports refuse the name, as for the other bidi controls; the refusal shows it escaped.
    for format in ["env", "compose", "scripts"] {
        let out = portreg(&["env", "price\u{200f} 10", path, "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert!(out.stdout.is_empty(), "{format}: {}", String::from_utf8_lossy(&out.stdout));
        assert_clean(&format!("env {format} stderr"), &out.stderr);
        let said = String::from_utf8(out.stderr).unwrap();
        assert!(said.contains("holds U+200F, a bidirectional mark, at character 6"), "{said}");
    }
    // Nor is such a name or value written into the registry.
    for args in [
        vec!["reserve", "new\u{200f}app", path],
        vec!["reserve", "new", path, "--owner", "\u{61c}ana"],
        vec!["add-instance", "api\u{200e}", path, "--branch", "x\u{200f}"],
    ] {
        let out = portreg(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    // Text that only looks odd is untouched: a joiner inside an emoji.
    let out = portreg(&["next", path, "--project", "👩\u{200d}💻"]);
    assert!(String::from_utf8(out.stderr).unwrap().contains("👩\u{200d}💻"));
}

/// Runs portreg with `args` with its standard output on a pseudo-terminal
/// (util-linux `script`), and gives what the terminal received, with the
/// terminal's own CRs before line breaks taken out.
fn on_terminal(args: &[&str]) -> String {
    let quoted: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_portreg"))
        .chain(args.iter().copied())
        .map(|a| format!("'{}'", a.replace('\'', r"'\''")))
        .collect();
    let out = Command::new("script")
        .args(["-qec", &quoted.join(" "), "/dev/null"])
        .env_remove("PORTREG_REGISTRY")
        .output()
        .expect("util-linux script runs a command on a pseudo-terminal");
    String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n")
}

/// A registry with a terminal control in a cell and, where `check` cannot
/// flag it as a cell, in a prose line that a diff shows as context.
const PROSE_AND_CELL: &str = "| Project Name | Block | Ports | Path | Status | Owner | Date |\n\
    |---|---|---|---|---|---|---|\n\
    | ok | Block 1 | 30100-30199 | /p\u{1b}]0;title\u{7} | active | me | 2026-11-01 |\n\
    \n\
    Notes.\u{1b}[1A\u{1b}[2K\u{202e}\n";

#[test]
fn a_document_or_diff_shown_on_a_terminal_is_escaped_and_written_elsewhere_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ports.md");
    std::fs::write(&file, PROSE_AND_CELL).unwrap();
    let path = file.to_str().unwrap();
    let reserve_diff = ["reserve", "intruder", path, "--diff", "--today", "2026-11-27"];
    let status_stdout = ["set-status", "ok", "inactive", path, "--stdout", "--today", "2026-11-27"];
    for args in [&reserve_diff[..], &status_stdout[..], &["fmt", path, "--diff"][..]] {
        let shown = on_terminal(args);
        assert_clean(&format!("{args:?} on a terminal"), shown.as_bytes());
        assert!(shown.contains("Notes.\\u{1b}[1A\\u{1b}[2K\\u{202e}\n"), "{args:?}: {shown}");
        assert!(shown.contains("/p\\u{1b}]0;title\\u{7}"), "{args:?}: {shown}");
    }
    // Into a pipe, the same diff is the file's own bytes, which `patch` applies.
    let piped = portreg(&reserve_diff);
    assert_eq!(piped.status.code(), Some(0));
    let diff = String::from_utf8(piped.stdout).unwrap();
    assert!(diff.contains(" Notes.\u{1b}[1A\u{1b}[2K\u{202e}\n"), "{diff}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), PROSE_AND_CELL);
}
