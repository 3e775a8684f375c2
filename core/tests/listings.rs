//! Listings as each tool prints them (`fixtures/listings/`, written from the
//! tools' documented output, Windows' with CRLF): each is recognised, and
//! what is read from it matches the snapshot.

use std::path::{Path, PathBuf};

use portreg_core::usage::{parse, Format, Listing};

fn fixture(name: &str) -> String {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/listings").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One line per listener, excluded range and unreadable line.
fn render(text: &str, listing: &Listing) -> String {
    let formats: Vec<&str> = listing.formats.iter().map(|f| f.command()).collect();
    let mut out = format!("formats: {}\n", formats.join(", "));
    for l in &listing.listeners {
        let process = l.process.as_deref().unwrap_or("-");
        let pid = l.pid.map_or("-".to_owned(), |p| p.to_string());
        let kind = if l.container { " container" } else { "" };
        let inode = l.inode.map_or(String::new(), |i| format!(" inode {i}"));
        let line = &text[l.source.clone()];
        out.push_str(&format!("{} on {} by {process} pid {pid}{kind}{inode}  <- {}\n", l.port, l.bind, line.trim()));
    }
    for e in &listing.excluded {
        out.push_str(&format!("excluded {} administered={}\n", e.range, e.administered));
    }
    for u in &listing.unreadable {
        out.push_str(&format!("unreadable line {}: {}\n", u.line, u.reason));
    }
    out
}

fn read(name: &str, format: Format) -> String {
    let text = fixture(name);
    let listing = parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(listing.formats, [format], "{name}");
    render(&text, &listing)
}

#[test]
fn lsof_with_its_header_on_macos() {
    insta::assert_snapshot!(read("lsof_macos.txt", Format::Lsof));
}

#[test]
fn lsof_through_grep_listen_without_header() {
    insta::assert_snapshot!(read("lsof_grep_listen.txt", Format::Lsof));
}

#[test]
fn ss_listening_tcp_with_processes() {
    insta::assert_snapshot!(read("ss_ltnp.txt", Format::Ss));
}

#[test]
fn ss_tcp_and_udp_with_netid_and_the_old_process_format() {
    insta::assert_snapshot!(read("ss_tulpn.txt", Format::Ss));
}

#[test]
fn netstat_on_linux_with_unix_sockets() {
    insta::assert_snapshot!(read("netstat_linux.txt", Format::NetstatLinux));
}

#[test]
fn netstat_on_linux_with_programs() {
    insta::assert_snapshot!(read("netstat_linux_tlnp.txt", Format::NetstatLinux));
}

#[test]
fn netstat_on_macos_with_pids() {
    insta::assert_snapshot!(read("netstat_macos.txt", Format::NetstatMac));
}

#[test]
fn netstat_on_windows_with_crlf() {
    let text = fixture("netstat_windows.txt");
    assert!(text.contains("\r\n"));
    insta::assert_snapshot!(read("netstat_windows.txt", Format::NetstatWindows));
}

#[test]
fn docker_ps_ports_ipv4_ipv6_and_ranges() {
    insta::assert_snapshot!(read("docker_ps.txt", Format::Docker));
}

#[test]
fn powershell_get_net_tcp_connection() {
    insta::assert_snapshot!(read("powershell.txt", Format::PowerShell));
}

#[test]
fn powershell_with_selected_columns_and_process_names() {
    insta::assert_snapshot!(read("powershell_select.txt", Format::PowerShell));
}

#[test]
fn netsh_excluded_port_ranges() {
    insta::assert_snapshot!(read("netsh.txt", Format::Netsh));
}

#[test]
fn proc_net_tcp_and_tcp6() {
    insta::assert_snapshot!(read("proc_net_tcp.txt", Format::ProcNet));
}
