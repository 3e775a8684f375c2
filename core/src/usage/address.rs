//! Socket addresses as the tools write them: `127.0.0.1:30000`,
//! `[::1]:30000`, `*:30000`, `:::30000` (colon), `127.0.0.1.30000` and
//! `*.30000` (macOS, dot).

use crate::code_span::Code;
use std::fmt;

use super::lines::number;
use crate::ports::MAX_PORT;
use crate::text::quote;

/// Where a socket listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bind {
    /// Every interface: `0.0.0.0`, `::`, `*`.
    All,
    /// The loopback interface only: `127.0.0.0/8`, `::1`, `localhost`.
    Loopback,
    /// One other address, as written.
    Address(String),
}

impl Bind {
    /// What `host` (without its port) means.
    pub fn of(host: &str) -> Bind {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let host = host.split('%').next().unwrap_or(host);
        let unmapped = host.strip_prefix("::ffff:").unwrap_or(host);
        match unmapped {
            "" | "*" | "0.0.0.0" | "::" | "0:0:0:0:0:0:0:0" => Bind::All,
            "::1" | "localhost" | "0:0:0:0:0:0:0:1" => Bind::Loopback,
            h if h.starts_with("127.") => Bind::Loopback,
            h => Bind::Address(h.to_owned()),
        }
    }
}

impl fmt::Display for Bind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Bind::All => f.write_str("all interfaces"),
            Bind::Loopback => f.write_str("loopback"),
            Bind::Address(address) => write!(f, "{address}", address = Code(address)),
        }
    }
}

/// `host:port`, the host in brackets or not (`:::22` is `::` and 22).
pub(crate) fn colon(text: &str) -> Result<(Bind, u32), String> {
    let (host, port) = text.rsplit_once(':').ok_or_else(|| format!("{} has no port", Code(&quote(text, 40))))?;
    Ok((Bind::of(host), port_number(port)?))
}

/// `host.port` as macOS writes it (`*.5000`, `::1.30002`).
pub(crate) fn dot(text: &str) -> Result<(Bind, u32), String> {
    let (host, port) = text.rsplit_once('.').ok_or_else(|| format!("{} has no port", Code(&quote(text, 40))))?;
    Ok((Bind::of(host), port_number(port)?))
}

/// A port: digits, 1-65535. A service name (`http`) is refused with a hint.
pub(crate) fn port_number(text: &str) -> Result<u32, String> {
    match number::<u32>(text) {
        Some(port) if (1..=MAX_PORT).contains(&port) => Ok(port),
        Some(_) => Err(format!("{} is not a port", Code(&quote(text, 20)))),
        // A name has a letter: all digits is a number too big to be a port.
        None if text.chars().any(|c| c.is_ascii_alphabetic())
            && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') =>
        {
            Err(format!("{} is a service name, not a port number (list numbers: -P, -n)", Code(&quote(text, 20))))
        }
        None => Err(format!("{} is not a port", Code(&quote(text, 20)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_way_of_writing_an_address() {
        assert_eq!(colon("127.0.0.1:30000"), Ok((Bind::Loopback, 30000)));
        assert_eq!(colon("[::1]:30001"), Ok((Bind::Loopback, 30001)));
        assert_eq!(colon("*:30002"), Ok((Bind::All, 30002)));
        assert_eq!(colon(":::22"), Ok((Bind::All, 22)));
        assert_eq!(colon("[::]:22"), Ok((Bind::All, 22)));
        assert_eq!(colon("127.0.0.53%lo:53"), Ok((Bind::Loopback, 53)));
        assert_eq!(colon("[::ffff:127.0.0.1]:5000"), Ok((Bind::Loopback, 5000)));
        assert_eq!(colon("192.168.1.5:22"), Ok((Bind::Address("192.168.1.5".into()), 22)));
        assert_eq!(dot("*.5000"), Ok((Bind::All, 5000)));
        assert_eq!(dot("::1.30002"), Ok((Bind::Loopback, 30002)));
        assert_eq!(dot("fe80::1%lo0.5000"), Ok((Bind::Address("fe80::1".into()), 5000)));
    }

    #[test]
    fn refuses_what_is_no_port() {
        assert!(colon("*:http").unwrap_err().contains("service name"));
        // Too big for a port is not a name.
        assert_eq!(colon("127.0.0.1:18446744073709551617").unwrap_err(), "`18446744073709551617` is not a port");
        assert_eq!(colon("127.0.0.1:99999").unwrap_err(), "`99999` is not a port");
        assert!(colon("1.2.3.4:0").is_err());
        assert!(colon("1.2.3.4:65536").is_err());
        assert!(colon("1.2.3.4").is_err());
        assert!(colon("[::1]:").is_err());
        assert!(dot("*.*").is_err());
    }
}
