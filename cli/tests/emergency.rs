//! `portreg emergency`: free ports from 40000 up, past the registry and
//! what a listing shows listening, recorded as an emergency row, with the
//! plan to move back.

mod support;

use support::{portreg, stderr, stdout, workspace, write, TODAY};

#[test]
fn records_free_ports_past_listeners_and_prints_the_way_back() {
    let (dir, file) = workspace();
    let listing = write(dir.path(), "lsof.txt", "node 7 a 3u IPv4 1 0t0 TCP 127.0.0.1:40003 (LISTEN)\n");
    let before = std::fs::read_to_string(&file).unwrap();
    let output = portreg(&[
        "emergency",
        "spousey-app",
        file.to_str().unwrap(),
        "--listing",
        listing.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let after = std::fs::read_to_string(&file).unwrap();
    let added: Vec<&str> = after.lines().filter(|l| !before.lines().any(|b| b == *l)).collect();
    assert_eq!(added, ["| spousey-app |  | 40010-40019 |  | emergency |  | 2025-01-15 |"]);
    let plan = stdout(&output);
    assert!(
        plan.starts_with("Emergency ports for spousey-app: 40010-40019\nUse them now:\n  FRONTEND_PORT=40010\n"),
        "{plan}"
    );
    assert!(plan.contains("put its config back on its block: `portreg env spousey-app`"), "{plan}");
    let line = after.lines().position(|l| l.contains("40010-40019")).unwrap() + 1;
    assert!(plan.contains(&format!("remove the emergency row, line {line} of ")), "{plan}");

    // The next one does not take the same ports.
    let output = portreg(&["emergency", "other", file.to_str().unwrap(), "--today", TODAY, "--stdout"]);
    assert!(stdout(&output).contains("| other |  | 40000-40009 |  | emergency |  | 2025-01-15 |"));
    assert!(stderr(&output).contains("give it a block: `portreg reserve other`"), "{}", stderr(&output));
}

#[test]
fn a_name_that_cannot_be_written_is_refused_and_nothing_changes() {
    let (_dir, file) = workspace();
    let before = std::fs::read_to_string(&file).unwrap();
    let output = portreg(&["emergency", "a\u{1b}[2Jb", file.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("U+001B"), "{}", stderr(&output));
    assert!(!stderr(&output).contains('\u{1b}'));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    let output = portreg(&["emergency", "x", file.to_str().unwrap(), "--ports", "0"]);
    assert_eq!(output.status.code(), Some(1));
}
