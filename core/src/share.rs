//! A document packed into a URL fragment: its compressed bytes (raw deflate,
//! which the web app has the browser make and read) in base64url without
//! padding. Fragments never reach a server.

/// Longest document a share link carries, before compression.
pub const MAX_SHARE_BYTES: usize = 1 << 20;

/// `bytes` as fragment text: base64url without padding.
pub fn to_fragment(bytes: &[u8]) -> String {
    base64url(bytes)
}

/// The bytes of fragment text made by [`to_fragment`]; `None` when it is
/// not base64url. What mail and chat do to a link is undone first: escapes
/// such as `%20` are decoded, whitespace and line breaks dropped, and `=`
/// padding at the end ignored.
pub fn from_fragment(text: &str) -> Option<Vec<u8>> {
    let decoded = percent_decoded(text);
    let kept: Vec<u8> = decoded.into_iter().filter(|b| !b.is_ascii_whitespace()).collect();
    let end = kept.iter().rposition(|&b| b != b'=').map_or(0, |i| i + 1);
    from_base64url(std::str::from_utf8(&kept[..end]).ok()?)
}

/// `text` with each `%XX` escape replaced by its byte.
fn percent_decoded(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

// Hand-written: the `base64` crate (0.22, alloc only) made the app's wasm
// 1.8 KB larger gzipped (378,275 → 380,051 bytes) for these two functions.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let values: Option<Vec<u32>> =
        text.bytes().map(|c| ALPHABET.iter().position(|&a| a == c).map(|v| v as u32)).collect();
    for chunk in values?.chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &v)| n | (v << (18 - 6 * i)));
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let packed = to_fragment(&bytes);
            prop_assert!(packed.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            prop_assert_eq!(packed.len(), (bytes.len() * 4).div_ceil(3));
            prop_assert_eq!(from_fragment(&packed), Some(bytes));
        }
    }

    #[test]
    fn rejects_damaged_fragments() {
        assert_eq!(from_fragment("not base64!"), None);
        assert_eq!(from_fragment("A"), None);
        assert_eq!(from_fragment("AAAA"), Some(vec![0, 0, 0]));
        assert_eq!(from_fragment("%"), None);
        assert_eq!(from_fragment("%zz"), None);
        assert_eq!(from_fragment("AQ%3"), None);
    }

    #[test]
    fn undoes_what_mail_and_chat_do_to_a_link() {
        let bytes = vec![1, 2, 3, 250, 251];
        let packed = to_fragment(&bytes);
        for damaged in [
            format!(" {packed} \n"),
            format!("%20{packed}%20"),
            format!("{}\r\n{}", &packed[..3], &packed[3..]),
            format!("{}%0A{}", &packed[..3], &packed[3..]),
            format!("{packed}=="),
            format!("{packed}%3D"),
        ] {
            assert_eq!(from_fragment(&damaged), Some(bytes.clone()), "{damaged:?}");
        }
    }
}
