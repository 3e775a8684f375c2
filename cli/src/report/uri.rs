//! File names as URI references, for SARIF's `artifactLocation.uri`.

use std::fmt::Write;

/// `name` as a URI reference: a relative path stays relative, an absolute
/// one becomes a `file://` URI. Every byte but ASCII letters, digits,
/// `-._~` and `/` is percent-encoded, so a name with spaces, `%`, `#`, `?`
/// or control characters stays one valid reference to the same file.
pub fn from_path(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    if name.starts_with('/') {
        out.push_str("file://");
    }
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_paths_and_encodes_the_rest() {
        assert_eq!(from_path("docs/ports.md"), "docs/ports.md");
        assert_eq!(from_path("/srv/team ports/ports.md"), "file:///srv/team%20ports/ports.md");
        assert_eq!(from_path("a%b#c?d\n\u{1b}é.md"), "a%25b%23c%3Fd%0A%1B%C3%A9.md");
        assert_eq!(from_path("<stdin>"), "%3Cstdin%3E");
    }
}
