//! `lsof -i -P -n`: `COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME`,
//! the NODE `TCP` and the NAME `127.0.0.1:30000 (LISTEN)`. The header is
//! missing when the output went through `grep LISTEN`.

use super::address;
use super::lines::{number, Line};
use super::{Listener, Row};

/// Whether `line` is lsof's header.
pub(crate) fn is_header(line: &str) -> bool {
    let fields: Vec<&str> = line.split_whitespace().collect();
    fields.first() == Some(&"COMMAND") && fields.get(1) == Some(&"PID") && fields.last() == Some(&"NAME")
}

/// Whether `line` reads as a row of lsof without its header.
pub(crate) fn is_headless_row(line: &Line<'_>) -> bool {
    let fields = line.fields();
    fields.get(1).is_some_and(|pid| number::<u32>(pid).is_some())
        && node_index(&fields).is_some()
        && matches!(row(line), Ok(Row::Listeners(_)))
}

/// Where the NODE field (`TCP`, `UDP`) is.
fn node_index(fields: &[&str]) -> Option<usize> {
    fields.iter().skip(2).position(|f| *f == "TCP" || *f == "UDP").map(|i| i + 2)
}

/// One row: a listener, or nothing for UDP and connections.
pub(crate) fn row(line: &Line<'_>) -> Result<Row, String> {
    let fields = line.fields();
    let node = node_index(&fields).ok_or("no TCP or UDP column")?;
    if fields[node] == "UDP" {
        return Ok(Row::Nothing);
    }
    let name = fields.get(node + 1).ok_or("no address after TCP")?;
    let state = fields.get(node + 2).copied().unwrap_or("");
    if state.is_empty() {
        return Err("the row ends before its state".to_owned());
    }
    if name.contains("->") || state != "(LISTEN)" {
        return Ok(Row::Nothing);
    }
    let pid = fields.get(1).and_then(|p| number::<u32>(p)).ok_or("the PID column holds no number")?;
    let (bind, port) = address::colon(name)?;
    Ok(Row::Listeners(vec![Listener {
        port,
        bind,
        process: Some(fields[0].to_owned()),
        pid: Some(pid),
        container: false,
        inode: None,
        source: line.range(),
    }]))
}
