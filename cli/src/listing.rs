//! Reading a listing given with `--listing`: a file or standard input,
//! refused past the size core reads.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use portreg_core::usage::MAX_LISTING_BYTES;

use crate::input::io_reason;
use crate::Failure;

/// A listing's text and the name to show for it.
pub struct ListingText {
    /// The file name as given, or `<stdin>`.
    pub name: String,
    /// The text.
    pub text: String,
}

/// Reads the listing at `path` (`-` for standard input).
pub fn read(path: &Path) -> Result<ListingText, Failure> {
    let (name, reader): (String, Box<dyn Read>) = if path == Path::new("-") {
        ("<stdin>".to_owned(), Box::new(std::io::stdin().lock()))
    } else {
        let name = path.display().to_string();
        let file = File::open(path).map_err(|e| Failure(format!("cannot read {name}: {}", io_reason(&e))))?;
        (name, Box::new(file))
    };
    let text = read_limited(reader, &name)?;
    Ok(ListingText { name, text })
}

/// Reads `reader` as UTF-8 text, refusing it past [`MAX_LISTING_BYTES`].
pub fn read_limited(reader: impl Read, name: &str) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_LISTING_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure(format!("cannot read {name}: {}", io_reason(&e))))?;
    if bytes.len() > MAX_LISTING_BYTES {
        let mib = MAX_LISTING_BYTES / 1024 / 1024;
        return Err(Failure(format!("{name} is larger than {mib} MiB, the limit for a listing")));
    }
    // Windows tools may write in a legacy code page: what is not UTF-8 is shown replaced, not refused.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
