//! `portreg usage`: the live machine (with a listener the test opens on
//! loopback), every listing format the fixtures hold, and listings that
//! must be refused or shown escaped.

mod support;

use std::net::TcpListener;
use std::path::{Path, PathBuf};

use support::{portreg, stderr, stdout, write, TODAY};

/// A registry holding blocks 0, 1 and 99, the last with instance 1 listed.
const REGISTRY: &str = "\
| Project | Block | Status |
|---|---|---|
| api | 0 | active |
| web | 1 | active |
| far | 99 | active |

| Project | Instance | Ports | Status |
|---|---|---|---|
| far | 1 | 39900-39909 | active |
";

fn listing(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/listings").join(name)
}

fn usage(registry: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["usage", registry.to_str().unwrap(), "--today", TODAY];
    all.extend(args);
    portreg(&all)
}

/// A port of instance 2 or later of block 99 that this test could bind on loopback.
fn bind_in_block_99() -> (TcpListener, u16) {
    (39910..=39999)
        .find_map(|port| TcpListener::bind(("127.0.0.1", port)).ok().map(|l| (l, port)))
        .expect("a free port in 39910-39999")
}

#[test]
fn the_live_machine_shows_a_listener_the_test_opened() {
    let dir = tempfile::tempdir().unwrap();
    let registry = write(dir.path(), "ports.md", REGISTRY);
    let (_listener, port) = bind_in_block_99();
    let output = usage(&registry, &[]);
    let text = stdout(&output);
    let line = text.lines().find(|l| l.contains(&format!("port {port}:"))).unwrap_or_else(|| panic!("{text}"));
    assert!(line.starts_with(&format!("{}:5: warning[U602]", registry.display())), "{line}");
    #[cfg(target_os = "linux")]
    {
        let name = std::fs::read_to_string("/proc/self/comm").unwrap();
        let who = format!("`{}` (pid {})", name.trim_end(), std::process::id());
        assert!(line.contains(&who), "{line} does not name {who}");
        assert!(stderr(&output).contains("read from /proc/net/tcp"), "{}", stderr(&output));
    }
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    // Without block 99 in the registry, the same listener squats a free block, at line 0.
    let free = write(dir.path(), "free.md", "| Project | Block |\n|---|---|\n| api | 0 |\n");
    let text = stdout(&usage(&free, &[]));
    let line = text.lines().find(|l| l.contains(&format!("port {port}:"))).unwrap_or_else(|| panic!("{text}"));
    assert!(line.starts_with(&format!("{}:0: warning[U601]", free.display())), "{line}");
}

#[test]
fn every_listing_format_is_read_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let registry = write(dir.path(), "ports.md", REGISTRY);
    let mut report = String::new();
    let mut names: Vec<String> =
        std::fs::read_dir(listing("")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    for name in names {
        let output = usage(&registry, &["--listing", listing(&name).to_str().unwrap()]);
        let read = stderr(&output).lines().next().unwrap_or("").replace(&listing(&name).display().to_string(), &name);
        let read = read.replace(&registry.display().to_string(), "ports.md");
        let shown = stdout(&output).replace(&registry.display().to_string(), "ports.md");
        report.push_str(&format!("== {name} (exit {:?})\n{read}\n{shown}", output.status.code()));
    }
    insta::assert_snapshot!(report);
}

#[test]
fn a_windows_excluded_range_over_a_block_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let registry = write(dir.path(), "ports.md", REGISTRY);
    let output = usage(&registry, &["--listing", listing("netsh.txt").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains(":3: error[U605] Windows excludes 30050-30149"), "{}", stdout(&output));
}

#[test]
fn a_text_that_is_no_listing_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let registry = write(dir.path(), "ports.md", REGISTRY);
    let prose = write(dir.path(), "notes.txt", "nothing to see\r\nhere\r\n");
    let output = usage(&registry, &["--listing", prose.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not a listing portreg reads"), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
    let empty = write(dir.path(), "empty.txt", "");
    let output = usage(&registry, &["--listing", empty.to_str().unwrap()]);
    assert_eq!((output.status.code(), stderr(&output).contains("the listing is empty")), (Some(2), true));
}

#[test]
fn a_listing_of_connections_only_is_refused_and_a_filtered_one_calls_nothing_idle() {
    let dir = tempfile::tempdir().unwrap();
    let registry = write(dir.path(), "ports.md", REGISTRY);
    let netstat = write(
        dir.path(),
        "netstat-tn.txt",
        "Active Internet connections (w/o servers)\n\
         Proto Recv-Q Send-Q Local Address           Foreign Address         State\n\
         tcp        0      0 127.0.0.1:30000         127.0.0.1:51234         ESTABLISHED\n",
    );
    let output = usage(&registry, &["--listing", netstat.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert!(stderr(&output).contains("shows no listening socket"), "{}", stderr(&output));
    let lsof = write(
        dir.path(),
        "lsof-i.txt",
        "COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME\n\
         node 41234 alice 23u IPv4 512344 0t0 TCP 127.0.0.1:30000 (LISTEN)\n",
    );
    let output = usage(&registry, &["--listing", lsof.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(!stdout(&output).contains("U606"), "{}", stdout(&output));
    let output = usage(&registry, &["--listing", lsof.to_str().unwrap(), "--whole"]);
    assert!(stdout(&output).contains("info[U606] nothing listens on 30100-30199 (`web`)"), "{}", stdout(&output));
}

#[test]
fn registry_and_listing_cannot_both_be_standard_input() {
    let output = portreg(&["usage", "-", "--listing", "-"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot both be standard input"));
}

#[test]
fn a_listing_past_the_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let registry = write(dir.path(), "ports.md", REGISTRY);
    let big = dir.path().join("big.txt");
    std::fs::write(&big, vec![b' '; portreg_core::usage::MAX_LISTING_BYTES + 1]).unwrap();
    let output = usage(&registry, &["--listing", big.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("the limit for a listing"), "{}", stderr(&output));
}

#[test]
fn hostile_process_names_are_escaped_in_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let registry = write(dir.path(), "ports.md", REGISTRY);
    let name = "$(reboot)<script>x</script>\u{1b}]0;owned\u{7}\u{1b}[2J";
    let text = format!(
        "State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n\
         LISTEN 0 5 127.0.0.1:30700 0.0.0.0:* users:((\"{name}\",pid=66,fd=3))\n"
    );
    let file = write(dir.path(), "ss.txt", &text);
    let output = usage(&registry, &["--listing", file.to_str().unwrap()]);
    let shown = stdout(&output);
    assert!(!shown.contains('\u{1b}') && !shown.contains('\u{7}'), "{shown:?}");
    assert!(
        shown.contains("port 30700: `$(reboot)<script>x</script>\\u{1b}]0;owned\\u{7}\\u{1b}[2J` (pid 66)"),
        "{shown}"
    );
    let output = usage(&registry, &["--listing", file.to_str().unwrap(), "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let message = value["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("<script>") && !message.contains('\u{1b}'), "{message}");
    assert_eq!(value["diagnostics"][0]["line"], 0);
}

#[test]
fn an_unreadable_line_points_to_the_commands_the_usage_help_shows() {
    let help = stdout(&portreg(&["usage", "--help"]));
    for command in portreg_core::usage::LISTING_COMMANDS {
        assert!(help.contains(&format!("  {}:\n    {}\n", command.system, command.command)), "{help}");
    }
    let dir = tempfile::tempdir().unwrap();
    let registry = write(dir.path(), "ports.md", REGISTRY);
    let lsof = write(
        dir.path(),
        "lsof.txt",
        "COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME\nnode 1 me 3u IPv4 0x1 0t0 TCP 127.0.0.1:30000 (LISTEN)\ngarbage line here\n",
    );
    let found = stdout(&usage(&registry, &["--listing", lsof.to_str().unwrap()]));
    let u607 = found.lines().skip_while(|l| !l.contains("[U607]")).nth(1).unwrap_or_else(|| panic!("{found}"));
    assert!(u607.contains("a command `portreg usage --help` shows (such as `sudo ss -ltnp`)"), "{u607}");
    assert!(help.contains("sudo ss -ltnp"));
}
