//! Linux `/proc/net/tcp` and `/proc/net/tcp6`: `sl local_address
//! rem_address st … uid timeout inode`, addresses in hexadecimal
//! (`0100007F:7530` is 127.0.0.1:30000 on a little-endian machine), state
//! `0A` listening. The inode finds the socket's process in `/proc/*/fd`.

use super::address::Bind;
use super::lines::{number, Line};
use super::{Listener, Row};
use crate::code_span::Code;
use crate::text::quote;

/// The state number of a listening socket.
const LISTEN: &str = "0A";

/// Whether `line` is the header.
pub(crate) fn is_header(line: &str) -> bool {
    let fields: Vec<&str> = line.split_whitespace().collect();
    matches!(fields.get(..3), Some(["sl", "local_address", "rem_address" | "remote_address"]))
}

/// One row: a listening socket, or nothing.
pub(crate) fn row(line: &Line<'_>) -> Result<Row, String> {
    let fields = line.fields();
    if fields.len() < 10 || !fields[0].ends_with(':') {
        return Err("not a socket line".to_owned());
    }
    if fields[3] != LISTEN {
        return Ok(Row::Nothing);
    }
    let (address, port) = fields[1].split_once(':').ok_or("the local address has no port")?;
    let port = u32::from_str_radix(port, 16).ok().filter(|p| (1..=65535).contains(p)).ok_or("no port")?;
    let bind = bind(address).ok_or_else(|| format!("{} is not an address", Code(&quote(address, 40))))?;
    let inode = number::<u64>(fields[9]);
    Ok(Row::Listeners(vec![Listener {
        port,
        bind,
        process: None,
        pid: None,
        container: false,
        inode,
        source: line.range(),
    }]))
}

/// An address of 8 (IPv4) or 32 (IPv6) hexadecimal digits, each 32-bit word
/// in the machine's byte order (little-endian on the machines Linux runs on
/// for developers).
fn bind(hex: &str) -> Option<Bind> {
    if !(hex.len() == 8 || hex.len() == 32) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let bytes: Vec<u8> = hex
        .as_bytes()
        .chunks(8)
        .flat_map(|w| u32::from_str_radix(std::str::from_utf8(w).unwrap_or("0"), 16).unwrap_or(0).to_le_bytes())
        .collect();
    let v4 = match bytes.len() {
        4 => Some(&bytes[..]),
        _ if bytes[..10].iter().all(|&b| b == 0) && bytes[10..12] == [0xff, 0xff] => Some(&bytes[12..]),
        _ => None,
    };
    Some(match v4 {
        Some(v4) if v4 == [0, 0, 0, 0] => Bind::All,
        Some(v4) if v4[0] == 127 => Bind::Loopback,
        Some(v4) => Bind::Address(format!("{}.{}.{}.{}", v4[0], v4[1], v4[2], v4[3])),
        None if bytes.iter().all(|&b| b == 0) => Bind::All,
        None if bytes[..15].iter().all(|&b| b == 0) && bytes[15] == 1 => Bind::Loopback,
        None => Bind::Address(ipv6(&bytes)),
    })
}

/// Sixteen bytes as eight groups of hexadecimal (not shortened).
fn ipv6(bytes: &[u8]) -> String {
    bytes.chunks(2).map(|p| format!("{:x}", u16::from_be_bytes([p[0], p[1]]))).collect::<Vec<_>>().join(":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_addresses_in_machine_order() {
        assert_eq!(bind("0100007F"), Some(Bind::Loopback));
        assert_eq!(bind("00000000"), Some(Bind::All));
        assert_eq!(bind("0501A8C0"), Some(Bind::Address("192.168.1.5".into())));
        assert_eq!(bind("00000000000000000000000001000000"), Some(Bind::Loopback));
        assert_eq!(bind("00000000000000000000000000000000"), Some(Bind::All));
        assert_eq!(bind("0000000000000000FFFF00000100007F"), Some(Bind::Loopback));
        assert_eq!(bind("80FE00000000000000000000010000000"), None);
        assert_eq!(bind("zz00007F"), None);
    }
}
