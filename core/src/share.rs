//! A document packed into a URL fragment: its compressed bytes (raw deflate,
//! which the web app has the browser make and read) in base64url without
//! padding. Fragments never reach a server.

/// Longest document a share link carries, before compression.
pub const MAX_SHARE_BYTES: usize = 1 << 20;

/// `bytes` as fragment text: base64url without padding.
pub fn to_fragment(bytes: &[u8]) -> String {
    base64url(bytes)
}

/// The bytes of fragment text made by [`to_fragment`], surrounding
/// whitespace ignored; `None` when it is not base64url.
pub fn from_fragment(text: &str) -> Option<Vec<u8>> {
    from_base64url(text.trim())
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
        assert_eq!(from_fragment(" AQ \n"), Some(vec![1]));
    }
}
