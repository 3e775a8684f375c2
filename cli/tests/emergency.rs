//! `portreg emergency`: free ports from 40000 up, past the registry and
//! what a listing shows listening, recorded as an emergency row, with the
//! plan to move back.

mod support;

use support::{plan_steps, portreg, stderr, stdout, workspace, write, TODAY};

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
    // The registered project's path and owner are copied.
    assert_eq!(added, ["| spousey-app |  | 40010-40019 | ~/src/spousey-app | emergency | maria | 2025-01-15 |"]);
    let plan = stdout(&output);
    let line = after.lines().position(|l| l.contains("40010-40019")).unwrap() + 1;
    assert!(plan.starts_with(&format!("Emergency ports for spousey-app: 40010-40019 (line {line} of ")), "{plan}");
    assert!(plan.contains("Use them now:\n  FRONTEND_PORT=40010\n"), "{plan}");
    // Each port under the name `portreg env` gives it.
    assert!(plan.contains("\n  SUPABASE_DB_SHADOW_PORT=40019\n"), "{plan}");
    assert!(plan.contains(" portreg set-status spousey-app archived --ports 40010-40019 "), "{plan}");

    // The next one does not take the same ports (with a listing of a port
    // elsewhere, so that what listens on this machine cannot change the answer).
    let elsewhere = write(dir.path(), "elsewhere.txt", "node 8 a 3u IPv4 1 0t0 TCP 127.0.0.1:30001 (LISTEN)\n");
    let listing = elsewhere.to_str().unwrap();
    let output =
        portreg(&["emergency", "other", file.to_str().unwrap(), "--listing", listing, "--today", TODAY, "--stdout"]);
    let result = stdout(&output);
    assert!(
        result.contains("| other |  | 40000-40009 |  | emergency |  | 2025-01-15 |"),
        "{result}{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("2. portreg reserve other "), "{}", stderr(&output));
}

/// Runs each step of the plan `emergency` printed, as written, in a shell
/// with this portreg first on the PATH; returns the registry afterwards.
fn run_the_plan(dir: &std::path::Path, file: &std::path::Path, name: &str) -> String {
    let output = portreg(&["emergency", name, file.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let plan = stdout(&output);
    let steps = plan_steps(&plan);
    assert!(steps.len() >= 3, "{plan}");
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_portreg")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    for step in steps {
        let ran =
            std::process::Command::new("sh").args(["-c", step]).current_dir(dir).env("PATH", &path).output().unwrap();
        // `portreg usage` exits 1 when the live machine shows an error; 2 would be a command that does not run.
        let ok = if step.starts_with("portreg usage") { ran.status.code() != Some(2) } else { ran.status.success() };
        assert!(ok, "`{step}` failed: {}", stderr(&ran));
    }
    let check = portreg(&["check", file.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(check.status.code(), Some(0), "{}{}", stdout(&check), stderr(&check));
    std::fs::read_to_string(file).unwrap()
}

#[test]
fn every_step_of_the_way_back_runs_as_written() {
    // A project with a block: its block row stays active, the emergency row is archived.
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "my ports.md", support::CLEAN);
    let after = run_the_plan(dir.path(), &file, "api");
    assert!(after.contains("| api | Block 5 | 30500-30599 | ~/src/api | active | ana | 2025-01-02 |"), "{after}");
    assert!(after.contains("| api |  | 400") && after.contains("| archived |"), "{after}");
    // A project with none: it gets a block, set active, and its emergency row is archived.
    let after = run_the_plan(dir.path(), &file, "new app");
    let rows: Vec<&str> = after.lines().filter(|l| l.starts_with("| new app |")).collect();
    assert_eq!(rows.len(), 2, "{after}");
    assert!(rows[0].contains("|  | 400") && rows[0].contains("| archived |"), "{after}");
    assert!(rows[1].contains("| Block 0 | 30000-30099 |") && rows[1].contains("| active |"), "{after}");
}

#[test]
fn a_registry_without_a_projects_table_gets_one_and_the_way_back_runs() {
    // Empty, prose only, and prose in CRLF with no final line ending.
    for (name, text) in
        [("empty.md", ""), ("prose.md", "# Registry\n\nNothing yet.\n"), ("crlf.md", "# Ports\r\n\r\nSoon")]
    {
        let dir = tempfile::tempdir().unwrap();
        let file = write(dir.path(), name, text);
        let after = run_the_plan(dir.path(), &file, "hotfix");
        assert!(after.starts_with(text), "{name}: {after:?}");
        let rows: Vec<&str> = after.lines().filter(|l| l.starts_with("| hotfix |")).collect();
        assert_eq!(rows.len(), 2, "{name}: {after}");
        // The plan names the emergency row's own line, in a new table and in one that is there.
        for text in [text, after.as_str()] {
            std::fs::write(&file, text).unwrap();
            let output = portreg(&["emergency", "again", file.to_str().unwrap(), "--today", TODAY, "--stdout"]);
            let printed = stdout(&output);
            let line = printed.lines().position(|l| l.starts_with("| again |")).unwrap() + 1;
            assert!(stderr(&output).contains(&format!(" (line {line} of ")), "{name}: {}", stderr(&output));
        }
        // The live machine's listeners decide which run of ports from 40000.
        assert!(rows[0].starts_with("| hotfix |  | 400") && rows[0].contains("| archived |"), "{after}");
        if text.contains('\r') {
            assert!(!after.replace("\r\n", "").contains('\n'), "{name}: mixed line endings in {after:?}");
        }
    }
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

#[test]
fn without_a_listing_the_live_machine_listeners_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "ports.md", support::CLEAN);
    // Something of this test listens in the first emergency ports.
    let Some(listener) = (40000..40010).find_map(|port| std::net::TcpListener::bind(("127.0.0.1", port)).ok()) else {
        return; // all taken by others: nothing to show
    };
    let port = listener.local_addr().unwrap().port();
    let output = portreg(&["emergency", "api", file.to_str().unwrap(), "--today", TODAY, "--stdout"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let row = stdout(&output).lines().find(|l| l.contains("| emergency |")).unwrap().to_owned();
    let range = row.split('|').map(str::trim).find(|c| c.starts_with("400")).unwrap().to_owned();
    let (start, end) = range.split_once('-').unwrap();
    let (start, end): (u16, u16) = (start.parse().unwrap(), end.parse().unwrap());
    assert!(!(start..=end).contains(&port), "{range} holds {port}, which this test listens on");
}

#[test]
fn ports_windows_excludes_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "ports.md", support::CLEAN);
    let netsh = write(
        dir.path(),
        "netsh.txt",
        "Protocol tcp Port Exclusion Ranges\n\nStart Port    End Port\n----------    --------\n     40000       40099\n",
    );
    let args = ["emergency", "api", file.to_str().unwrap(), "--today", TODAY, "--stdout", "--listing"];
    let output = portreg(&[&args[..], &[netsh.to_str().unwrap()]].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("| 40100-40109 |"), "{}", stdout(&output));
}
