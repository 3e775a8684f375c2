//! The fuzz harness of listings: lines of every format, cut, joined with any
//! line ending, mixed with arbitrary text, are read without panicking; what
//! is read points at whole lines of the text; and checking it against a
//! registry finishes. Run longer with
//! `PORTREG_CASES=100000 cargo test --release -p portreg-core --test usage_no_panic`.

mod common;

use portreg_core::usage::parse;
use portreg_core::{Date, Document, Policy};
use proptest::prelude::*;

/// Lines the tools print, headers included, and some they do not.
fn line() -> impl Strategy<Value = String> {
    let known = prop::sample::select(vec![
        "COMMAND     PID  USER   FD   TYPE DEVICE SIZE/OFF NODE NAME",
        "node      41234 alice   23u  IPv4 512344      0t0  TCP 127.0.0.1:30500 (LISTEN)",
        "node 1 a 3u IPv6 1 0t0 TCP [::1]:30512 (LISTEN)",
        "State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process",
        "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port Process",
        "LISTEN 0 511 127.0.0.1:30700 0.0.0.0:* users:((\"no\"de\",pid=7,fd=3),(\"x",
        "tcp LISTEN 0 5 [::]:3000 [::]:* users:((",
        "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name",
        "tcp        0      0 127.0.0.1:30000         0.0.0.0:*               LISTEN      41234/node",
        "tcp4 0 0 *.54321 *.* LISTEN 1 1 99 0",
        "Active UNIX domain sockets (servers and established)",
        "  Proto  Local Address          Foreign Address        State           PID",
        "  TCP    [::]:30001             [::]:0                 LISTENING       4242",
        "CONTAINER ID   IMAGE   COMMAND   CREATED   STATUS   PORTS   NAMES",
        "abc img \"x\" now Up 0.0.0.0:30002->5432/tcp, [::]:1-3->1-3/tcp db",
        "abc img \"x\" now Up 0.0.0.0:9-->/tcp, :->/tcp",
        "LocalAddress LocalPort RemoteAddress RemotePort State AppliedSetting OwningProcess",
        "::1 30001 :: 0 Listen 4242",
        "LocalAddress LocalPort OwningProcess Process",
        "Start Port    End Port",
        "     30050       30149     *",
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
        "   1: 0100007F:7530 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 512344 1",
        "   2: 0000000000000000FFFF00000100007F:FFFF 0:0 0A 0 0 0 0 0 x",
        "----------    --------",
    ])
    .prop_map(String::from);
    prop_oneof![
        4 => known.clone(),
        2 => (known, any::<prop::sample::Index>()).prop_map(|(l, i)| {
            let cut = i.index(l.len() + 1);
            let at = (0..=cut).rev().find(|&at| l.is_char_boundary(at)).unwrap_or(0);
            l[..at].to_owned()
        }),
        1 => "\\PC{0,60}",
        1 => "[ -~\u{1b}\u{7}\u{202e}<>&$;|`]{0,40}",
    ]
}

fn listing() -> impl Strategy<Value = String> {
    (prop::collection::vec((line(), prop::sample::select(vec!["\n", "\r\n", "\r"])), 0..14), any::<bool>()).prop_map(
        |(lines, bom)| {
            let body: String = lines.into_iter().map(|(l, end)| l + end).collect();
            if bom {
                format!("\u{feff}{body}")
            } else {
                body
            }
        },
    )
}

const REGISTRY: &str = "| Project | Block | Status |\n|---|---|---|\n| api | 5 | active |\n| shop | 3000, 8000 | legacy |\n\n\
                        | Project | Instance | Ports | Status |\n|---|---|---|---|\n| api | 1 | 30500-30509 | active |\n";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(300)))]

    #[test]
    fn no_listing_panics(text in listing()) {
        let Ok(listing) = parse(&text) else { return Ok(()) };
        for source in listing.listeners.iter().map(|l| &l.source).chain(listing.unreadable.iter().map(|u| &u.source)) {
            prop_assert!(text.get(source.clone()).is_some_and(|line| !line.contains(['\n', '\r'])));
        }
        let today = Date::parse("2025-01-15").unwrap();
        let found = Document::new(REGISTRY, Policy::default()).usage(&listing, today);
        for d in found {
            prop_assert!(!d.message.chars().any(char::is_control), "{}", d.message);
            prop_assert!(d.span.end <= REGISTRY.len());
        }
    }
}
