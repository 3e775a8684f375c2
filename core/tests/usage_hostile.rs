//! Listings that are not what they should be: empty, prose, cut short,
//! garbled, of several formats at once, huge, with any line ending, and
//! with process names that hold markup, shell syntax and terminal controls.
//! None is read as "nothing listens", and no name reaches a message raw.

use portreg_core::usage::{parse, Format, ListingError, MAX_LISTING_BYTES};
use portreg_core::{Date, Document, Policy};

const LSOF: &str = "COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME\n\
                    node 41234 alice 23u IPv4 512344 0t0 TCP 127.0.0.1:30700 (LISTEN)\n";

/// A registry whose one project is only reserved: nothing need listen.
const RESERVED: &str = "| Project | Block | Status |\n|---|---|---|\n| api | 5 | reserved |\n";

fn usage(registry: &str, listing: &str) -> Vec<String> {
    let listing = parse(listing).unwrap();
    let today = Date::parse("2025-01-15").unwrap();
    let found = Document::new(registry, Policy::default()).usage(&listing, today);
    found.iter().map(|d| format!("{}: {}", d.code(), d.message)).collect()
}

#[test]
fn empty_and_blank_listings_are_refused() {
    assert_eq!(parse(""), Err(ListingError::Empty));
    assert_eq!(parse(" \r\n\t\r\r\n"), Err(ListingError::Empty));
}

#[test]
fn text_of_no_format_is_refused_not_read_as_nothing_listening() {
    let error = parse("Dear team,\nplease find the ports attached.\n").unwrap_err();
    assert!(matches!(error, ListingError::Unrecognised { ref first_line } if first_line == "Dear team,"));
    assert!(error.to_string().starts_with("not a listing portreg reads"));
    let control = parse("\u{1b}[2J\u{7}\n").unwrap_err().to_string();
    assert!(!control.contains('\u{1b}') && control.contains("\\u{1b}"), "{control}");
}

#[test]
fn a_header_with_only_garbled_rows_is_refused() {
    let error = parse("COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME\nnode 4123\n%%%%\n").unwrap_err();
    assert_eq!(error, ListingError::NothingReadable { format: Format::Lsof, reason: "no TCP or UDP column".into() });
}

#[test]
fn a_header_alone_is_refused_not_read_as_nothing_listening() {
    let error = parse("State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n").unwrap_err();
    assert_eq!(error, ListingError::NoListeners { format: Format::Ss });
}

#[test]
fn listings_of_connections_only_are_refused() {
    // `ss -tnp`: no -l, so connections only.
    let ss = "State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n\
              ESTAB 0 0 127.0.0.1:30000 127.0.0.1:51234 users:((\"node\",pid=41234,fd=23))\n";
    assert_eq!(parse(ss), Err(ListingError::NoListeners { format: Format::Ss }));
    // `netstat -tn`: "w/o servers".
    let netstat = "Active Internet connections (w/o servers)\n\
                   Proto Recv-Q Send-Q Local Address           Foreign Address         State\n\
                   tcp        0      0 127.0.0.1:30000         127.0.0.1:51234         ESTABLISHED\n";
    let error = parse(netstat).unwrap_err();
    assert_eq!(error, ListingError::NoListeners { format: Format::NetstatLinux });
    assert!(error.to_string().contains("shows no listening socket"), "{error}");
}

/// Two live projects, api in block 0 and web in block 1.
const TWO_LIVE: &str = "| Project | Block | Status |\n|---|---|---|\n| api | 0 | active |\n| web | 1 | active |\n";

#[test]
fn a_filtered_or_partial_listing_reports_no_idle_entry() {
    let filtered = [
        // `lsof -i :30000`
        "COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME\n\
         node 41234 alice 23u IPv4 512344 0t0 TCP 127.0.0.1:30000 (LISTEN)\n",
        // `ss -ltnp | grep 3000`
        "LISTEN 0 511 127.0.0.1:30000 0.0.0.0:* users:((\"node\",pid=41234,fd=23))\n",
        // A lone /proc/net/tcp6.
        "  sl  local_address                         remote_address                        st tx_queue rx_queue tr \
         tm->when retrnsmt   uid  timeout inode\n   0: 00000000000000000000000001000000:7530 \
         00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1234 1 \
         0000000000000000 100 0 0 10 0\n",
    ];
    for text in filtered {
        let found = usage(TWO_LIVE, text);
        assert!(!found.iter().any(|f| f.starts_with("U606")), "{text}: {found:?}");
    }
    // The same listing said to be whole: web (block 1) is idle.
    let mut listing = parse(filtered[0]).unwrap();
    listing.whole = true;
    let today = Date::parse("2025-01-15").unwrap();
    let found = Document::new(TWO_LIVE, Policy::default()).usage(&listing, today);
    let idle: Vec<&str> = found.iter().filter(|d| d.code() == "U606").map(|d| d.message.as_str()).collect();
    assert_eq!(idle, ["nothing listens on 30100-30199 (`web`) in this listing"]);
}

#[test]
fn a_row_cut_short_is_reported_and_the_rest_is_read() {
    let text = format!("{LSOF}node 41234 alice 24u IPv4 512345 0t0 TCP 127.0.0.1:307");
    let listing = parse(&text).unwrap();
    assert_eq!((listing.listeners.len(), listing.unreadable.len()), (1, 1));
    assert_eq!(listing.unreadable[0].reason, "the row ends before its state");
    let cut = format!("{LSOF}node 41234 alice 24u IPv4 5123");
    let listing = parse(&cut).unwrap();
    assert_eq!((listing.listeners.len(), listing.unreadable.len()), (1, 1));
    assert_eq!(listing.unreadable[0].line, 3);
}

#[test]
fn every_line_ending_reads_the_same() {
    let lf = parse(LSOF).unwrap();
    for ending in ["\r\n", "\r"] {
        let other = parse(&LSOF.replace('\n', ending)).unwrap();
        let ports: Vec<u32> = other.listeners.iter().map(|l| l.port).collect();
        assert_eq!(ports, lf.listeners.iter().map(|l| l.port).collect::<Vec<_>>(), "{ending:?}");
    }
    let mixed = "State Recv-Q Send-Q Local Address:Port Peer Address:Port\rLISTEN 0 5 127.0.0.1:30000 0.0.0.0:*\r\n\
                 LISTEN 0 5 127.0.0.1:30001 0.0.0.0:*\n";
    assert_eq!(parse(mixed).unwrap().listeners.len(), 2);
}

#[test]
fn a_listing_mixing_formats_reads_each_part_in_its_own() {
    let text = format!(
        "State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n\
         LISTEN 0 511 127.0.0.1:30000 0.0.0.0:* users:((\"node\",pid=1,fd=3))\n\
         CONTAINER ID IMAGE COMMAND CREATED STATUS PORTS NAMES\n\
         3f4e5a6b7c8d postgres \"x\" 2h Up 0.0.0.0:30002->5432/tcp db\n\
         {}",
        LSOF.lines().nth(1).unwrap()
    );
    let listing = parse(&text).unwrap();
    assert_eq!(listing.formats, [Format::Ss, Format::Docker, Format::Lsof]);
    let ports: Vec<u32> = listing.listeners.iter().map(|l| l.port).collect();
    assert_eq!(ports, [30000, 30002, 30700]);
}

#[test]
fn huge_listings_are_refused() {
    let big = "x".repeat(MAX_LISTING_BYTES + 1);
    assert_eq!(parse(&big), Err(ListingError::TooLarge));
    let row = "abc   img   \"x\"   now   Up   0.0.0.0:1-65535->1-65535/tcp   c\n";
    let ranges = format!("CONTAINER ID IMAGE COMMAND CREATED STATUS PORTS NAMES\n{}", row.repeat(4));
    assert_eq!(parse(&ranges), Err(ListingError::TooLarge));
}

#[test]
fn a_flood_of_garbled_lines_is_counted_not_kept() {
    let text = format!("{LSOF}{}", "x\n".repeat(200_000));
    let listing = parse(&text).unwrap();
    assert_eq!((listing.unreadable.len(), listing.unreadable_count), (100, 200_000));
    let found = usage(RESERVED, &text);
    let unreadable: Vec<&String> = found.iter().filter(|f| f.starts_with("U607")).collect();
    assert_eq!(unreadable.len(), 20);
    assert!(unreadable[19].ends_with("(and 199980 more lines)"), "{}", unreadable[19]);
}

#[test]
fn a_run_of_ports_is_one_finding_not_one_per_port() {
    let docker = "CONTAINER ID IMAGE COMMAND CREATED STATUS PORTS NAMES\n\
                  abc supabase \"x\" now Up 0.0.0.0:30700-30709->3000-3009/tcp, [::]:30700-30709->3000-3009/tcp stack\n";
    assert_eq!(
        usage(RESERVED, docker),
        [
            "U601: ports 30700-30709: container `stack` listens in free block 7",
            "U604: ports 30700-30709: container `stack` is published on all interfaces",
        ]
    );
    let hostile =
        "CONTAINER ID IMAGE COMMAND CREATED STATUS PORTS NAMES\nabc i \"x\" now Up 0.0.0.0:1-65535->1-65535/tcp all\n";
    let found = usage(RESERVED, hostile);
    assert!(found.len() < 250, "{}", found.len());
}

#[test]
fn hostile_process_names_stay_data() {
    let name = "$(rm -rf ~);<img src=x onerror=alert(1)>`id`\u{1b}[2J\u{202e}";
    let text = format!(
        "State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n\
         LISTEN 0 511 127.0.0.1:30700 0.0.0.0:* users:((\"{name}\",pid=66,fd=3))\n"
    );
    let listing = parse(&text).unwrap();
    assert_eq!(listing.listeners[0].process.as_deref(), Some(name));
    let found = usage(RESERVED, &text);
    assert_eq!(found.len(), 1, "{found:?}");
    let message = &found[0];
    // Quoted whole, between fences longer than the backticks it holds.
    assert!(message.starts_with("U601: port 30700: ``$(rm -rf ~);<img src=x onerror=alert(1)>`id`"), "{message}");
    let quoted = portreg_core::spans(message).into_iter().find_map(|part| match part {
        portreg_core::Span::Code(quoted) => Some(quoted),
        portreg_core::Span::Text(_) => None,
    });
    assert_eq!(quoted, Some(portreg_core::visible(name).as_ref()), "{message}");
    assert!(message.contains("\\u{1b}[2J") && message.contains("\\u{202e}"), "{message}");
    assert!(!message.chars().any(|c| c.is_control() || c == '\u{202e}'), "{message}");
}

#[test]
fn a_long_process_name_is_shortened_in_messages() {
    let name = "n".repeat(5000);
    let text = format!("{name} 7 alice 3u IPv4 1 0t0 TCP 127.0.0.1:30700 (LISTEN)\n");
    let found = usage(RESERVED, &text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].len() < 600 && found[0].contains("(5000 characters)"), "{}", found[0]);
}

#[test]
fn listeners_that_match_the_registry_are_quiet() {
    let registry = "| Project | Block | Status |\n|---|---|---|\n| api | 7 | active |\n| shop | 3000 | legacy |\n";
    let listing = format!("{LSOF}vite 42001 alice 19u IPv6 513120 0t0 TCP [::1]:3000 (LISTEN)\n");
    assert_eq!(usage(registry, &listing), Vec::<String>::new());
}

#[test]
fn docker_and_netsh_alone_never_call_an_entry_idle() {
    let registry = "| Project | Block | Status |\n|---|---|---|\n| api | 5 | active |\n";
    let docker = "CONTAINER ID IMAGE COMMAND CREATED STATUS PORTS NAMES\n";
    assert_eq!(usage(registry, docker), Vec::<String>::new());
    let netsh = "Start Port    End Port\n----------    --------\n 5357 5357\n";
    assert_eq!(usage(registry, netsh), Vec::<String>::new());
    let ss = "State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n\
              LISTEN 0 511 127.0.0.1:22 0.0.0.0:*\n";
    let mut listing = parse(ss).unwrap();
    listing.whole = true;
    let found = Document::new(registry, Policy::default()).usage(&listing, Date::parse("2025-01-15").unwrap());
    assert_eq!(found.len(), 1);
}

#[test]
fn paste_clutter_is_passed_over_quietly_and_anob_names_the_process() {
    let lsof = format!("maria@mbp ~ % lsof -i -P -n | grep LISTEN\n{LSOF}maria@mbp ~ % \n");
    let listing = parse(&lsof).unwrap();
    assert_eq!((listing.listeners.len(), listing.unreadable_count), (1, 0));
    // A German Windows, `netstat -anob`, pasted after its PowerShell prompt.
    let windows = "PS C:\\> netstat -anob\r\n\r\nAktive Verbindungen\r\n\r\n\
                   \x20 Proto  Lokale Adresse         Remoteadresse          Status           PID\r\n\
                   \x20 TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN          1234\r\n\
                   \x20 RpcSs\r\n [svchost.exe]\r\n\
                   \x20 TCP    0.0.0.0:445            0.0.0.0:0              ABHÖREN          4\r\n\
                   \x20Es konnten keine Besitzerinformationen abgerufen werden.\r\n\
                   \x20 TCP    127.0.0.1:30001        0.0.0.0:0              ABHÖREN          4242\r\n [node.exe]\r\n\
                   \x20 TCP    127.0.0.1:30001        127.0.0.1:51234        HERGESTELLT      4242\r\n [chrome.exe]\r\n";
    let listing = parse(windows).unwrap();
    assert_eq!(listing.unreadable_count, 0, "{:?}", listing.unreadable);
    let who: Vec<(u32, Option<&str>)> = listing.listeners.iter().map(|l| (l.port, l.process.as_deref())).collect();
    assert_eq!(who, [(135, Some("svchost.exe")), (445, None), (30001, Some("node.exe"))]);
    // A truly unreadable row is still reported.
    let garbled = format!("{LSOF}node 41234 alice 24u IPv4 5123\n");
    assert_eq!(parse(&garbled).unwrap().unreadable_count, 1);
}

#[test]
fn a_listing_pasted_twice_counts_each_socket_once_and_unknown_listeners_stay_apart() {
    let twice = format!("{LSOF}{LSOF}");
    assert_eq!(parse(&twice).unwrap().listeners.len(), 1);
    let registry = "| Project | Block | Status |\n|---|---|---|\n| api | 5 | active |\n";
    let two = "State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n\
               LISTEN 0 5 127.0.0.1:30700 0.0.0.0:*\nLISTEN 0 5 127.0.0.1:30701 0.0.0.0:*\n";
    let found = usage(registry, two);
    assert_eq!(
        found,
        [
            "U601: port 30700: an unknown process listens in free block 7",
            "U601: port 30701: an unknown process listens in free block 7"
        ]
    );
}
