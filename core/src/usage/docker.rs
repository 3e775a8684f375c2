//! `docker ps` (and `docker compose ps`): the PORTS column,
//! `0.0.0.0:30004->3000/tcp, [::]:30004->3000/tcp`, ranges
//! `127.0.0.1:8080-8081->80-81/tcp`; a port that is not published
//! (`6379/tcp`) listens on no host port. The container's name is the NAMES
//! column: the last one of `docker ps`, the first one of `docker compose ps`
//! and of `--format "table {{.Names}}\t{{.Ports}}"`.

use super::address::{self, Bind};
use super::lines::Line;
use super::{Listener, Row, MAX_LISTENERS};
use crate::code_span::Code;
use crate::text::quote;

/// Where the container's name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Columns {
    name_first: bool,
}

/// The columns `line` names, when it is a `docker ps` header.
pub(crate) fn header(line: &str) -> Option<Columns> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    if !fields.contains(&"PORTS") {
        return None;
    }
    match fields.first() {
        Some(&"CONTAINER") if fields.get(1) == Some(&"ID") => Some(Columns { name_first: false }),
        Some(&"NAME") | Some(&"NAMES") => Some(Columns { name_first: true }),
        _ => None,
    }
}

/// One row: the container's published TCP ports.
pub(crate) fn row(columns: Columns, line: &Line<'_>) -> Result<Row, String> {
    let fields = line.fields();
    let name_field = if columns.name_first { fields.first() } else { fields.last() };
    let name = name_field.filter(|f| !f.contains("->") && !f.contains('/')).map(|f| (*f).to_owned());
    let mut listeners = Vec::new();
    for mapping in fields.iter().map(|f| f.trim_end_matches(',')).filter(|f| f.contains("->")) {
        if listeners.len() > MAX_LISTENERS {
            return Err(format!("the row publishes more than {MAX_LISTENERS} ports"));
        }
        for (bind, port) in published(mapping)? {
            let source = line.range();
            let process = name.clone();
            listeners.push(Listener { port, bind, process, pid: None, container: true, inode: None, source });
        }
    }
    Ok(if listeners.is_empty() { Row::Nothing } else { Row::Listeners(listeners) })
}

/// The host ports of one mapping, `HOST:PORT[-PORT]->PORT[-PORT]/PROTO`; none for UDP.
fn published(mapping: &str) -> Result<Vec<(Bind, u32)>, String> {
    let (host_side, container_side) = mapping.split_once("->").unwrap_or((mapping, ""));
    if container_side.ends_with("/udp") || container_side.ends_with("/sctp") {
        return Ok(Vec::new());
    }
    let (host, ports) = host_side.rsplit_once(':').unwrap_or(("", host_side));
    let bind = Bind::of(host);
    let (first, last) = match ports.split_once('-') {
        Some((a, b)) => (address::port_number(a)?, address::port_number(b)?),
        None => {
            let port = address::port_number(ports)?;
            (port, port)
        }
    };
    if first > last {
        return Err(format!("{} is not a port range", Code(&quote(ports, 20))));
    }
    Ok((first..=last).map(|port| (bind.clone(), port)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_publishing_too_many_ports_is_refused_before_it_is_read_whole() {
        let mapping = "0.0.0.0:1-65535->1-65535/tcp, ";
        let text = format!("abc img x now Up {} name", mapping.repeat(50));
        let line = Line { text: &text, start: 0, number: 1 };
        let columns = Columns { name_first: false };
        assert_eq!(row(columns, &line), Err(format!("the row publishes more than {MAX_LISTENERS} ports")));
    }

    #[test]
    fn reads_ipv4_ipv6_and_ranges() {
        assert_eq!(published("0.0.0.0:30004->3000/tcp"), Ok(vec![(Bind::All, 30004)]));
        assert_eq!(published(":::30004->3000/tcp"), Ok(vec![(Bind::All, 30004)]));
        assert_eq!(published("[::]:30004->3000/tcp"), Ok(vec![(Bind::All, 30004)]));
        assert_eq!(published("[::1]:30003->8000/tcp"), Ok(vec![(Bind::Loopback, 30003)]));
        assert_eq!(
            published("127.0.0.1:8080-8081->80-81/tcp"),
            Ok(vec![(Bind::Loopback, 8080), (Bind::Loopback, 8081)])
        );
        assert_eq!(published("0.0.0.0:5353->5353/udp"), Ok(vec![]));
        assert!(published("0.0.0.0:9-1->1/tcp").is_err());
        assert!(published("0.0.0.0:x->1/tcp").is_err());
    }
}
