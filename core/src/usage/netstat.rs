//! `netstat -an` of Linux (`Proto Recv-Q Send-Q Local Address Foreign
//! Address State [PID/Program name]`, addresses `127.0.0.1:30000`) and of
//! macOS (`… (state) …`, addresses `127.0.0.1.30000`; `-anv` adds a `pid`
//! or `process:pid` column). The UNIX domain socket part is passed over.

use super::address;
use super::lines::{number, Line};
use super::{Listener, Row};
use crate::code_span::Code;
use crate::text::quote;

/// Which netstat, and where its process column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    /// macOS (`(state)`, dotted addresses) rather than Linux.
    pub mac: bool,
    /// The row field holding the pid (macOS `pid`, `process:pid`).
    pid_field: Option<usize>,
}

impl Header {
    /// A header-less Linux or macOS netstat.
    pub fn bare(mac: bool) -> Self {
        Self { mac, pid_field: None }
    }
}

/// The header `line` is, for Linux or macOS netstat.
pub(crate) fn header(line: &str) -> Option<Header> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    if fields.get(..4) != Some(&["Proto", "Recv-Q", "Send-Q", "Local"]) {
        return None;
    }
    let mac = fields.contains(&"(state)");
    // "Local Address" and "Foreign Address" are two words in the header, one field in a row.
    let pid_field = fields.iter().position(|f| *f == "pid" || *f == "process:pid").map(|i| i - 2);
    Some(Header { mac, pid_field })
}

/// Whether `line` is a title after which netstat lists no TCP sockets
/// (`Active UNIX domain sockets`, macOS' kernel sockets).
pub(crate) fn is_other_title(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("Active ") && !line.starts_with("Active Internet connections") && line != "Active Connections"
        || line.starts_with("Registered kernel")
}

/// Whether `line` is the title before the TCP sockets.
pub(crate) fn is_title(line: &str) -> bool {
    line.trim().starts_with("Active Internet connections")
}

/// The netstat a row seen without a header is from, when it reads as one.
pub(crate) fn headless(line: &Line<'_>) -> Option<Header> {
    let fields = line.fields();
    let first = *fields.first()?;
    let counters = fields.get(1..3).is_some_and(|f| f.iter().all(|n| number::<u64>(n).is_some()));
    if !counters {
        return None;
    }
    [Header::bare(false), Header::bare(true)].into_iter().find(|header| {
        let proto_fits = if header.mac { first.starts_with("tcp") } else { first == "tcp" || first == "tcp6" };
        proto_fits && matches!(row(*header, line), Ok(Row::Listeners(_)))
    })
}

/// One row: a TCP listener, or nothing.
pub(crate) fn row(header: Header, line: &Line<'_>) -> Result<Row, String> {
    let fields = line.fields();
    let proto = *fields.first().ok_or("empty row")?;
    if !proto.starts_with("tcp") {
        let known = ["udp", "unix", "raw", "icm", "kctl", "kevt", "ip", "sctp"].iter().any(|p| proto.starts_with(p));
        return if known || header.mac {
            Ok(Row::Nothing)
        } else {
            Err(format!("{} is no protocol", Code(&quote(proto, 20))))
        };
    }
    if fields.len() < 6 {
        return Err("the row ends before its state".to_owned());
    }
    if fields[5] != "LISTEN" {
        return Ok(Row::Nothing);
    }
    let (bind, port) = if header.mac { address::dot(fields[3])? } else { address::colon(fields[3])? };
    let (process, pid) = if header.mac { mac_process(header, &fields) } else { linux_process(&fields) };
    Ok(Row::Listeners(vec![Listener { port, bind, process, pid, container: false, inode: None, source: line.range() }]))
}

/// `1234/node` (or `-` when not permitted) after the state.
fn linux_process(fields: &[&str]) -> (Option<String>, Option<u32>) {
    let Some(rest) = fields.get(6..).filter(|r| !r.is_empty()) else { return (None, None) };
    let joined = rest.join(" ");
    match joined.split_once('/') {
        Some((pid, name)) => (Some(name.to_owned()), number(pid)),
        None => (None, None),
    }
}

/// The `pid` (or `process:pid`) field of macOS `-anv`.
fn mac_process(header: Header, fields: &[&str]) -> (Option<String>, Option<u32>) {
    let Some(value) = header.pid_field.and_then(|i| fields.get(i)) else { return (None, None) };
    match value.rsplit_once(':') {
        Some((name, pid)) => (Some(name.to_owned()), number(pid)),
        None => (None, number(value)),
    }
}
