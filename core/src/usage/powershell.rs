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
    /// Where `OwningProcess` is in the header: with a process column after
    /// it, the name is every field after the pid (`Docker Desktop`).
    pid_at: usize,
}

/// The columns `line` names, when it is the table's header.
pub(crate) fn header(line: &str) -> Option<Columns> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    if fields.get(..2) != Some(&["LocalAddress", "LocalPort"]) {
        return None;
    }
    let pid_at = fields.iter().position(|f| f.starts_with("OwningProc"));
    let pid = pid_at.is_some();
    let process_last = pid && fields.last().is_some_and(|f| !f.starts_with("OwningProc"));
    Some(Columns { state: fields.contains(&"State"), process_last, pid, pid_at: pid_at.unwrap_or(0) })
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
        (true, true) => match fields.get(columns.pid_at).and_then(|p| number(p)) {
            // The process name may hold spaces: every field after the pid.
            Some(pid) => (Some(fields[columns.pid_at + 1..].join(" ")).filter(|n| !n.is_empty()), Some(pid)),
            // Columns before the pid left empty: the name is the last field.
            None => (fields.last().map(|n| (*n).to_owned()), fields.get(fields.len() - 2).and_then(|p| number(p))),
        },
    };
    Ok(Row::Listeners(vec![Listener { port, bind, process, pid, container: false, inode: None, source: line.range() }]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usage::lines::split;

    #[test]
    fn a_process_name_with_spaces_is_read_whole() {
        let columns = header("LocalAddress LocalPort OwningProcess Process").unwrap();
        let line = split("127.0.0.1    30001     4242          Docker Desktop\n").next().unwrap();
        let Ok(Row::Listeners(listeners)) = row(columns, &line) else { panic!("not read") };
        assert_eq!((listeners[0].process.as_deref(), listeners[0].pid), (Some("Docker Desktop"), Some(4242)));
    }
}
