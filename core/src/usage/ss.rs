//! `ss -ltnp` and `ss -tulpn`: `[Netid] State Recv-Q Send-Q Local
//! Address:Port Peer Address:Port Process`, the process as
//! `users:(("node",pid=41234,fd=23))` (older: `users:(("node",41234,23))`),
//! empty when it could not be seen.

use super::address;
use super::lines::{number, Line};
use super::{Listener, Row};
use crate::code_span::Code;
use crate::text::quote;

/// Whether the rows start with a Netid column (`tcp`, `udp`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Columns {
    netid: bool,
}

/// The columns `line` names, when it is ss's header.
pub(crate) fn header(line: &str) -> Option<Columns> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    match fields.as_slice() {
        ["Netid", "State", "Recv-Q", ..] => Some(Columns { netid: true }),
        ["State", "Recv-Q", "Send-Q", "Local", ..] => Some(Columns { netid: false }),
        _ => None,
    }
}

/// The columns of a row seen without a header, when it reads as ss's.
pub(crate) fn headless(line: &Line<'_>) -> Option<Columns> {
    let fields = line.fields();
    let columns = match fields.first()? {
        &"tcp" | &"udp" if fields.get(1).is_some_and(|s| is_state(s)) => Columns { netid: true },
        s if is_state(s) => Columns { netid: false },
        _ => return None,
    };
    matches!(row(columns, line), Ok(Row::Listeners(_))).then_some(columns)
}

fn is_state(word: &str) -> bool {
    matches!(
        word,
        "LISTEN" | "UNCONN" | "ESTAB" | "TIME-WAIT" | "CLOSE-WAIT" | "SYN-SENT" | "FIN-WAIT-1" | "FIN-WAIT-2"
    )
}

/// One row: a TCP listener, or nothing.
pub(crate) fn row(columns: Columns, line: &Line<'_>) -> Result<Row, String> {
    let text = line.text;
    let mut fields = text.split_whitespace();
    if columns.netid && !matches!(fields.next(), Some("tcp")) {
        return Ok(Row::Nothing);
    }
    let state = fields.next().ok_or("no State column")?;
    if state != "LISTEN" {
        return if is_state(state) {
            Ok(Row::Nothing)
        } else {
            Err(format!("{} is no socket state", Code(&quote(state, 20))))
        };
    }
    let (Some(_), Some(_), Some(local)) = (fields.next(), fields.next(), fields.next()) else {
        return Err("the row ends before its local address".to_owned());
    };
    let (bind, port) = address::colon(local)?;
    let users = text.find("users:((").map(|at| &text[at + 8..]);
    let mut listeners = Vec::new();
    for (process, pid) in users.map(processes).unwrap_or_default() {
        let source = line.range();
        listeners.push(Listener { port, bind: bind.clone(), process, pid, container: false, inode: None, source });
    }
    if listeners.is_empty() {
        listeners.push(Listener {
            port,
            bind,
            process: None,
            pid: None,
            container: false,
            inode: None,
            source: line.range(),
        });
    }
    Ok(Row::Listeners(listeners))
}

/// `"node",pid=41234,fd=23),("node",pid=41235,fd=24))`: each process's name and pid.
fn processes(mut rest: &str) -> Vec<(Option<String>, Option<u32>)> {
    let mut found = Vec::new();
    while let Some(open) = rest.find('"') {
        let after = &rest[open + 1..];
        // A name may hold a quote: the name ends at the quote before `,pid=` or `,N,`.
        let Some(close) = after.find("\",") else { break };
        let name = &after[..close];
        let tail = &after[close + 2..];
        let pid_text = tail.strip_prefix("pid=").unwrap_or(tail);
        let pid = number::<u32>(pid_text.split([',', ')']).next().unwrap_or(""));
        found.push((Some(name.to_owned()), pid));
        match tail.find("),(") {
            Some(next) => rest = &tail[next + 2..],
            None => break,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_process_lists_of_old_and_new_ss() {
        assert_eq!(
            processes("\"node\",pid=41234,fd=23),(\"node\",pid=41235,fd=24))"),
            [(Some("node".into()), Some(41234)), (Some("node".into()), Some(41235))]
        );
        assert_eq!(processes("\"nginx\",1234,6))"), [(Some("nginx".into()), Some(1234))]);
        assert_eq!(processes("\"a\"b\",pid=7,fd=1))"), [(Some("a\"b".into()), Some(7))]);
        assert!(processes("garbage").is_empty());
    }
}
