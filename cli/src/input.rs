//! Reading the registry: from a file, standard input, or the default places.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::Failure;

/// A document read whole, with the name to show in messages.
pub struct Document {
    /// File name as given, or `<stdin>`.
    pub name: String,
    /// The file, when read from one (standard input has none).
    pub path: Option<PathBuf>,
    /// The text.
    pub text: String,
}

/// Reads `file`, `-` for standard input, or the default registry when `None`.
pub fn read(file: Option<&Path>) -> Result<Document, Failure> {
    let path = match file {
        Some(p) if p == Path::new("-") => return read_stdin(),
        Some(p) => p.to_path_buf(),
        None => default_registry()?,
    };
    let name = path.display().to_string();
    let bytes = std::fs::read(&path).map_err(|e| Failure(format!("cannot read {name}: {}", io_reason(&e))))?;
    let text = utf8(bytes, &name)?;
    Ok(Document { name, path: Some(path), text })
}

fn read_stdin() -> Result<Document, Failure> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| Failure(format!("cannot read standard input: {}", io_reason(&e))))?;
    let name = "<stdin>".to_owned();
    Ok(Document { text: utf8(bytes, &name)?, name, path: None })
}

fn utf8(bytes: Vec<u8>, name: &str) -> Result<String, Failure> {
    String::from_utf8(bytes).map_err(|e| {
        Failure(format!("{name} is not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()))
    })
}

/// `$PORTREG_REGISTRY`, then `./ports.md`, then the policy's `~/_ai/ports.md`.
fn default_registry() -> Result<PathBuf, Failure> {
    if let Some(path) = std::env::var_os("PORTREG_REGISTRY").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let local = PathBuf::from("ports.md");
    if local.exists() {
        return Ok(local);
    }
    let home = std::env::var_os("HOME").map(|h| PathBuf::from(h).join("_ai/ports.md"));
    home.filter(|p| p.exists())
        .ok_or_else(|| Failure("no registry given and none found (./ports.md, ~/_ai/ports.md); pass FILE".to_owned()))
}

/// The reason of an I/O error without Rust's `(os error N)` suffix.
pub fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}
