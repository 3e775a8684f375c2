//! A document packed into a URL fragment: deflate, then base64url without padding.

/// Longest document a share link carries, before compression.
pub const MAX_SHARE_BYTES: usize = 1 << 20;

/// Packs `text` for a URL fragment.
pub fn encode(text: &str) -> String {
    base64url(&miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9))
}

/// Unpacks a fragment made by [`encode`]. `None` when it is damaged, not UTF-8,
/// or unpacks to more than [`MAX_SHARE_BYTES`].
pub fn decode(fragment: &str) -> Option<String> {
    let packed = from_base64url(fragment.trim())?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_SHARE_BYTES).ok()?;
    String::from_utf8(bytes).ok()
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
        fn round_trips(text in "\\PC{0,400}") {
            let packed = encode(&text);
            prop_assert!(packed.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            prop_assert_eq!(decode(&packed), Some(text));
        }
    }

    #[test]
    fn rejects_damaged_fragments() {
        assert_eq!(decode("not base64!"), None);
        assert_eq!(decode("A"), None);
        assert_eq!(decode("AAAA"), None);
    }
}
