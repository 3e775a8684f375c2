//! `portreg review`: the policy's regular tasks listed from a registry, and
//! with a listing the assignments that do not match use.

mod support;

use support::{portreg, stderr, stdout, write, TODAY};

const REGISTRY: &str = "\
| Project | Block | Status | Date |
|---|---|---|---|
| api | 0 | active | 2024-12-01 |
| old | 1 | inactive | 2024-06-01 |
| idea | 2 | reserved | 2024-10-01 |
| gone | 3 | deprecated | 2024-01-01 |
| hotfix | 40000-40009 | emergency | 2025-01-01 |
| fresh | 40010-40019 | emergency | 2025-01-14 |
";

#[test]
fn lists_what_to_archive_deprecated_entries_old_emergencies_and_blocks_left() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "ports.md", REGISTRY);
    let output = portreg(&["review", file.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(output.status.code(), Some(0));
    let name = file.display().to_string();
    assert_eq!(
        stdout(&output).replace(&name, "ports.md"),
        "To archive (inactive, or reserved and unused):\n  ports.md:4: old (inactive)\n  \
         ports.md:5: idea (reserved 106 days ago and not active)\n\
         Deprecated entries to archive or remove:\n  ports.md:6: gone (deprecated)\n\
         Emergency assignments older than 7 days, to move back:\n  ports.md:7: hotfix (emergency for 14 days)\n\
         Blocks: 97 of 100 free\nUse: not checked (pass --listing, or run `portreg usage ports.md`)\n"
    );
    let output =
        portreg(&["review", file.to_str().unwrap(), "--today", TODAY, "--emergency-days", "0", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["emergency"].as_array().unwrap().len(), 2);
    assert_eq!(value["blocks"], serde_json::json!({ "used": 3, "total": 100 }));
    assert_eq!(value["usage"], serde_json::Value::Null);
}

#[test]
fn with_a_listing_it_lists_what_does_not_match_use() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "ports.md", REGISTRY);
    let listing = write(
        dir.path(),
        "ss.txt",
        "State Recv-Q Send-Q Local Address:Port Peer Address:Port\nLISTEN 0 5 127.0.0.1:30700 0.0.0.0:*\n",
    );
    let args = ["review", file.to_str().unwrap(), "--today", TODAY, "--listing", listing.to_str().unwrap()];
    let output = portreg(&args);
    let text = stdout(&output);
    assert!(text.contains("Assignments that do not match use:\n"), "{text}");
    assert!(text.contains(":0: warning[U601] port 30700: an unknown process listens in free block 7"), "{text}");
    // A pasted listing may be filtered: nothing is called idle unless it is said to be whole.
    assert!(!text.contains("U606"), "{text}");
    assert!(stderr(&output).contains("pass --whole"), "{}", stderr(&output));
    let output = portreg(&[&args[..], &["--whole"]].concat());
    let text = stdout(&output);
    assert!(text.contains(":3: info[U606] nothing listens on 30000-30099 (`api`)"), "{text}");
}

/// The `portreg usage` a review suggests checks the registry reviewed, as
/// written: a path with a space and a quote is quoted for the shell, and a
/// registry read from standard input is read there again.
#[test]
fn the_usage_command_a_review_suggests_runs_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "team's ports.md", REGISTRY);
    let output = portreg(&["review", file.to_str().unwrap(), "--today", TODAY]);
    let text = stdout(&output);
    let command = text.split('`').nth(1).unwrap_or_else(|| panic!("no command in {text}"));
    assert_eq!(command, format!("portreg usage '{}'", file.display().to_string().replace('\'', "'\\''")));
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_portreg")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let ran = std::process::Command::new("bash").args(["-c", command]).env("PATH", &path).output().unwrap();
    // 1 when the live machine shows an error; 2 would be a registry not read.
    assert_ne!(ran.status.code(), Some(2), "`{command}`: {}", stderr(&ran));
    assert!(stderr(&ran).starts_with(&format!("{}: ", file.display())), "{}", stderr(&ran));

    let piped = std::process::Command::new(env!("CARGO_BIN_EXE_portreg"))
        .args(["review", "-", "--today", TODAY])
        .stdin(std::fs::File::open(&file).unwrap())
        .output()
        .unwrap();
    assert!(
        stdout(&piped).contains("(pass --listing, or run `portreg usage -` with the registry on standard input)"),
        "{}",
        stdout(&piped)
    );
}
