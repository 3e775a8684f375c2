//! Writing an edited registry: atomically into the file, or to standard output.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::args::WriteArgs;
use crate::diff;
use crate::input::{io_reason, Input};
use crate::out::Out;
use crate::Failure;

/// Sends `edited` where `output` says: the file (temp file renamed over it),
/// the document on standard output, or a diff (on a terminal, escaped:
/// [`Out::document`]). Standard input is never written
/// back; its result goes to standard output.
pub fn deliver(document: &Input, edited: &str, output: WriteArgs, out: &mut Out) -> Result<(), Failure> {
    if output.diff {
        if has_lone_cr(&document.text) || has_lone_cr(edited) {
            return Err(Failure(format!(
                "--diff cannot show {} as a diff that patch or git apply takes: its lines end in lone CRs \
                 (an old Mac file), which they do not read as line endings; use --stdout",
                document.name
            )));
        }
        // The file by its own bytes (a name that is not UTF-8 included).
        let name = document.path.as_deref().unwrap_or(Path::new(&document.name));
        return out.document(&diff::unified(name, &document.text, edited));
    }
    match (&document.path, output.stdout) {
        (Some(path), false) => write_atomic(path, edited),
        _ => out.document(edited),
    }
}

/// Whether `text` holds a CR that no LF follows.
fn has_lone_cr(text: &str) -> bool {
    text.as_bytes().windows(2).any(|pair| pair[0] == b'\r' && pair[1] != b'\n') || text.ends_with('\r')
}

/// Whether [`deliver`] writes the result into the registry's file: a file
/// was read and neither `--stdout` nor `--diff` was asked for.
pub fn writes_file(document: &Input, output: WriteArgs) -> bool {
    document.path.is_some() && output.writes_back()
}

/// Where the result of an edit went when [`deliver`] did not write it into
/// the file, for the note after it (`None` when it did): the file is said to
/// be unchanged, and how to write it is said only where running again without
/// the flag would.
pub fn not_written(document: &Input, output: WriteArgs) -> Option<String> {
    if writes_file(document, output) {
        return None;
    }
    let printed = if output.diff { "the diff was printed" } else { "the result was printed" };
    if document.path.is_none() {
        return Some(format!("{printed}; standard input is never written back"));
    }
    let flag = if output.diff { "--diff" } else { "--stdout" };
    Some(format!("{} is unchanged: {printed}; run without {flag} to write it", document.name))
}

/// Writes `text` into the registry at `path` so that it is either the old or
/// the new text, never half: a fresh temp file beside the target (a unique
/// name, created new, so nothing planted there is followed) gets the target's
/// owner and mode and the text, is flushed to disk and renamed over the
/// target; then the directory is flushed. A symlink is written through: the
/// file it points to is replaced and the link stays. A read-only target is
/// refused.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), Failure> {
    let name = path.display().to_string();
    let unchanged = |e: io::Error| Failure(format!("cannot write {name}: {} (the file is unchanged)", io_reason(&e)));
    let target = fs::canonicalize(path).map_err(unchanged)?;
    let meta = fs::metadata(&target).map_err(unchanged)?;
    if !meta.is_file() {
        return Err(Failure(format!("{name} is not a regular file; not changed")));
    }
    if is_read_only(&target, &meta) {
        return Err(Failure(format!("{name} is read-only; not changed")));
    }
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut prefix = OsString::from(".");
    prefix.push(target.file_name().unwrap_or(OsStr::new("ports.md")));
    prefix.push(".");
    let mut temp = tempfile::Builder::new().prefix(&prefix).suffix(".tmp").tempfile_in(dir).map_err(unchanged)?;
    temp.write_all(text.as_bytes()).map_err(unchanged)?;
    // After the write, which would clear set-user-ID and set-group-ID bits.
    keep_owner_and_mode(temp.as_file(), &meta).map_err(unchanged)?;
    temp.as_file().sync_all().map_err(unchanged)?;
    temp.persist(&target).map_err(|e| unchanged(e.error))?;
    sync_dir(dir).map_err(|e| {
        Failure(format!("{name} was written, but its directory could not be flushed to disk: {}", io_reason(&e)))
    })
}

/// Whether the target may not be written: no write permission bit at all
/// (which root would otherwise ignore), or opening it for writing is refused
/// (another user's file, the immutable attribute, a read-only mount).
fn is_read_only(target: &Path, meta: &fs::Metadata) -> bool {
    if meta.permissions().readonly() {
        return true;
    }
    match fs::OpenOptions::new().write(true).open(target) {
        Ok(_) => false,
        Err(e) => matches!(e.kind(), io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem),
    }
}

/// Gives `file` the owner, group and mode of the original. The owner is kept
/// where the system allows it (always as root); otherwise the group alone,
/// where the user belongs to it. The mode is set last, since a change of
/// owner clears set-id bits.
#[cfg(unix)]
fn keep_owner_and_mode(file: &fs::File, original: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::{fchown, MetadataExt};
    if fchown(file, Some(original.uid()), Some(original.gid())).is_err() {
        let _ = fchown(file, None, Some(original.gid()));
    }
    file.set_permissions(original.permissions())
}

/// Gives `file` the permissions of the original.
#[cfg(not(unix))]
fn keep_owner_and_mode(file: &fs::File, original: &fs::Metadata) -> io::Result<()> {
    file.set_permissions(original.permissions())
}

/// Flushes `dir` to disk, so that the rename inside it survives a crash.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

/// Directories cannot be opened to be flushed here; the rename stands.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}
