//! How much portreg reads: a registry is a markdown file kept by hand, so
//! anything far larger is a mistake (a device, a log, the wrong file) and is
//! refused before it is read whole.

use std::io::Read;

use crate::input::io_reason;
use crate::Failure;

/// The largest registry read, in MiB. A full registry (100 blocks, 1,000
/// instance rows) is about 100 KiB.
pub const MAX_REGISTRY_MIB: u64 = 16;

/// [`MAX_REGISTRY_MIB`] in bytes.
pub const MAX_REGISTRY_BYTES: u64 = MAX_REGISTRY_MIB * 1024 * 1024;

/// The limit as `--help` states it.
pub fn help_note() -> String {
    format!("A registry larger than {MAX_REGISTRY_MIB} MiB is refused (exit 2).")
}

/// Reads `reader` to its end, or refuses it as soon as it is past the limit.
/// `what` names it in messages (a file name, `standard input`); `size_hint`
/// is the expected length, when known.
pub fn read_to_limit(reader: impl Read, what: &str, size_hint: u64) -> Result<Vec<u8>, Failure> {
    let capacity = usize::try_from(size_hint.min(MAX_REGISTRY_BYTES + 1)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(MAX_REGISTRY_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure(format!("cannot read {what}: {}", io_reason(&e))))?;
    if bytes.len() as u64 > MAX_REGISTRY_BYTES {
        return Err(Failure(format!("{what} is larger than {MAX_REGISTRY_MIB} MiB, the limit for a registry")));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_up_to_the_limit_and_refuses_past_it() {
        let at = vec![b'x'; MAX_REGISTRY_BYTES as usize];
        assert_eq!(read_to_limit(&at[..], "a", 0).unwrap().len(), at.len());
        let over = std::io::repeat(b'x');
        let Failure(message) = read_to_limit(over, "b", u64::MAX).unwrap_err();
        assert_eq!(message, "b is larger than 16 MiB, the limit for a registry");
    }
}
