//! Reading the registry: from a file, standard input, or the default places.

use std::fs::File;
use std::path::{Path, PathBuf};

use portreg_core::{Document, Policy};

use crate::{limits, Failure};

/// A document read whole, with the name to show in messages.
pub struct Input {
    /// File name as given, or `<stdin>`.
    pub name: String,
    /// The file, when read from one (standard input has none).
    pub path: Option<PathBuf>,
    /// The text.
    pub text: String,
}

impl Input {
    /// The registry as a document, read against the team's policy. The
    /// commands its findings suggest name where it was read from: its file,
    /// or `-` for standard input (never portreg's default registry instead).
    pub fn document(&self) -> Document {
        let document = Document::new(self.text.as_str(), Policy::default());
        document.in_file(self.path.as_deref().map_or(b"-", path_bytes))
    }
}

/// Where a registry is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input (`-`).
    Stdin,
    /// A file, as given or found.
    File(PathBuf),
}

/// The registry `file` names: `-` for standard input, the default registry
/// when `None`.
pub fn locate(file: Option<&Path>) -> Result<Source, Failure> {
    Ok(match file {
        Some(p) if p == Path::new("-") => Source::Stdin,
        Some(p) => Source::File(p.to_path_buf()),
        None => Source::File(default_registry()?),
    })
}

/// Reads `file`, `-` for standard input, or the default registry when `None`.
pub fn read(file: Option<&Path>) -> Result<Input, Failure> {
    read_source(locate(file)?)
}

/// Reads the registry at `source`. Input past [`limits::MAX_REGISTRY_BYTES`]
/// is refused.
pub fn read_source(source: Source) -> Result<Input, Failure> {
    let path = match source {
        Source::Stdin => return read_stdin(),
        Source::File(path) => path,
    };
    let name = path.display().to_string();
    let cannot = |e: std::io::Error| Failure(format!("cannot read {name}: {}", io_reason(&e)));
    let file = File::open(&path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    let bytes = limits::read_to_limit(file, &name, size)?;
    let text = utf8(bytes, &name)?;
    Ok(Input { name, path: Some(path), text })
}

fn read_stdin() -> Result<Input, Failure> {
    if stdin_not_open() {
        return Err(Failure("cannot read standard input: it is not open".to_owned()));
    }
    let bytes = limits::read_to_limit(std::io::stdin().lock(), "standard input", 0)?;
    let name = "<stdin>".to_owned();
    Ok(Input { text: utf8(bytes, &name)?, name, path: None })
}

/// Whether standard input was closed when portreg started. The Rust runtime
/// puts `/dev/null` opened read-write in the place of a closed descriptor 0,
/// so that is what a closed standard input looks like here; the `/dev/null`
/// that a shell (`< /dev/null`) or a spawning program gives is read-only.
#[cfg(unix)]
fn stdin_not_open() -> bool {
    use rustix::fs::{fcntl_getfl, fstat, stat, FileType, OFlags};
    let stdin = std::io::stdin();
    let (Ok(flags), Ok(own), Ok(null)) = (fcntl_getfl(&stdin), fstat(&stdin), stat("/dev/null")) else {
        return false;
    };
    flags & OFlags::RWMODE == OFlags::RDWR
        && FileType::from_raw_mode(own.st_mode) == FileType::CharacterDevice
        && own.st_rdev == null.st_rdev
}

/// Elsewhere a closed standard input reads as empty.
#[cfg(not(unix))]
fn stdin_not_open() -> bool {
    false
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

/// A file's name by its bytes, as the system has it (which need not be
/// UTF-8), for a command shown to people.
pub fn path_bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}
