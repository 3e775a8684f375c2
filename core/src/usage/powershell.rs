//! PowerShell `Get-NetTCPConnection -State Listen`, as a table:
//! `LocalAddress LocalPort RemoteAddress RemotePort State AppliedSetting
//! OwningProcess`, or with the columns chosen by `Select-Object`
//! (`LocalAddress LocalPort OwningProcess Process`).

use super::address::{self, Bind};
use super::lines::{number, Line};
use super::{Listener, Row};

/// Which optional columns the table has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Columns {
    /// It has a `State` column.
    state: bool,
    /// It ends with a process name column after `OwningProcess`.
    process_last: bool,
    /// It has an `OwningProcess` column.
    pid: bool,
}

/// The columns `line` names, when it is the table's header.
pub(crate) fn header(line: &str) -> Option<Columns> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    if fields.get(..2) != Some(&["LocalAddress", "LocalPort"]) {
        return None;
    }
    let pid = fields.iter().any(|f| f.starts_with("OwningProc"));
    let process_last = pid && fields.last().is_some_and(|f| !f.starts_with("OwningProc"));
    Some(Columns { state: fields.contains(&"State"), process_last, pid })
}

/// One row: a TCP listener, or nothing (the `----` rule, another state).
pub(crate) fn row(columns: Columns, line: &Line<'_>) -> Result<Row, String> {
    let fields = line.fields();
    if fields.iter().all(|f| f.chars().all(|c| c == '-')) {
        return Ok(Row::Nothing);
    }
    let (Some(address), Some(port)) = (fields.first(), fields.get(1)) else {
        return Err("the row ends before its port".to_owned());
    };
    if columns.state && !fields.iter().any(|f| f.eq_ignore_ascii_case("Listen")) {
        return Ok(Row::Nothing);
    }
    let port = address::port_number(port)?;
    let bind = Bind::of(address);
    let (process, pid) = match (columns.pid, columns.process_last) {
        (false, _) => (None, None),
        (true, false) => (None, fields.last().and_then(|p| number(p))),
        // A process that has gone leaves its name empty.
        (true, true) if fields.len() <= 3 => (None, fields.get(2).and_then(|p| number(p))),
        (true, true) => {
            let name = fields.last().map(|n| (*n).to_owned());
            (name, fields.get(fields.len() - 2).and_then(|p| number(p)))
        }
    };
    Ok(Row::Listeners(vec![Listener { port, bind, process, pid, container: false, inode: None, source: line.range() }]))
}
