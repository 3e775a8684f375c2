//! Windows `netstat -ano`: `Active Connections`, then `Proto Local Address
//! Foreign Address State PID`, lines ending in CRLF. A TCP socket whose
//! foreign address is `0.0.0.0:0` or `[::]:0` listens, whatever word a
//! localised Windows prints for LISTENING.

use super::address;
use super::lines::{number, Line};
use super::{Listener, Row};
use crate::code_span::Code;
use crate::text::quote;

/// `Active Connections` as localised Windows prints it.
const TITLES: [&str; 8] = [
    "Active Connections",
    "Aktive Verbindungen",
    "Connexions actives",
    "Conexiones activas",
    "Connessioni attive",
    "Conexões ativas",
    "Actieve verbindingen",
    "Aktywne połączenia",
];

/// Whether `line` is the title or the column header, in any language: the
/// header starts with `Proto` and holds no number (`Proto  Lokale Adresse
/// Remoteadresse  Status  PID`).
pub(crate) fn is_header(line: &str) -> bool {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let title = TITLES.iter().any(|t| line.trim().eq_ignore_ascii_case(t));
    let header = fields.first() == Some(&"Proto")
        && fields.len() >= 4
        // Linux and macOS netstat's own headers (TCP and UNIX domain sockets).
        && !fields.iter().any(|f| matches!(*f, "Recv-Q" | "RefCnt" | "I-Node" | "Inode"))
        && !line.contains(|c: char| c.is_ascii_digit());
    title || header
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
        // `netstat -anob` names the executable on a line of its own, after the socket's row.
        Some(f) if f.starts_with('[') && line.text.trim_end().ends_with(']') => {
            let name = line.text.trim().trim_start_matches('[').trim_end_matches(']');
            return Ok(Row::Owner(name.to_owned()));
        }
        // Its service names (`RpcSs`) and notes (`Can not obtain ownership information`): no address, no number.
        Some(_) if fields.len() <= 2 || !line.text.contains(|c: char| c == ':' || c.is_ascii_digit()) => {
            return Ok(Row::Note)
        }
        Some(f) => return Err(format!("{} is no protocol", Code(&quote(f, 20)))),
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
