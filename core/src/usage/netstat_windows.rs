//! Windows `netstat -ano`: `Active Connections`, then `Proto Local Address
//! Foreign Address State PID`, lines ending in CRLF. A TCP socket whose
//! foreign address is `0.0.0.0:0` or `[::]:0` listens, whatever word a
//! localised Windows prints for LISTENING.

use super::address;
use super::lines::{number, Line};
use super::{Listener, Row};
use crate::text::quote;

/// Whether `line` is the title or the column header.
pub(crate) fn is_header(line: &str) -> bool {
    let fields: Vec<&str> = line.split_whitespace().collect();
    line.trim() == "Active Connections" || fields.get(..3) == Some(&["Proto", "Local", "Address"])
}

/// Whether a row seen without a header reads as this netstat's.
pub(crate) fn is_headless_row(line: &Line<'_>) -> bool {
    line.fields().first() == Some(&"TCP") && matches!(row(line), Ok(Row::Listeners(_)))
}

/// One row: a TCP listener, or nothing.
pub(crate) fn row(line: &Line<'_>) -> Result<Row, String> {
    let fields = line.fields();
    match fields.first() {
        Some(&"UDP") => return Ok(Row::Nothing),
        Some(&"TCP") => {}
        // `netstat -anob` names the executable on a line of its own.
        Some(f) if f.starts_with('[') || fields.len() <= 2 => return Ok(Row::Nothing),
        Some(f) => return Err(format!("`{}` is no protocol", quote(f, 20))),
        None => return Ok(Row::Nothing),
    }
    let (Some(local), Some(foreign)) = (fields.get(1), fields.get(2)) else {
        return Err("the row ends before its foreign address".to_owned());
    };
    if !(foreign.ends_with(":0") && matches!(*foreign, "0.0.0.0:0" | "[::]:0" | "*:0" | "[::1]:0" | "127.0.0.1:0")) {
        return Ok(Row::Nothing);
    }
    let (bind, port) = address::colon(local)?;
    let pid = fields.get(4).and_then(|p| number(p));
    Ok(Row::Listeners(vec![Listener {
        port,
        bind,
        process: None,
        pid,
        container: false,
        inode: None,
        source: line.range(),
    }]))
}
