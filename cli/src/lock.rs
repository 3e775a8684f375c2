//! The edit lock: one editing portreg at a time per registry.
//!
//! The registry itself cannot carry the lock, since every write replaces it
//! (a new file renamed over it). The lock is a sidecar file beside the
//! registry, `.NAME.lock`, held with `flock`. An edit takes it before it reads
//! the registry and holds it until the edited text is written, so each edit
//! is computed on the text the previous one left.
//!
//! The holder removes the lock file just before it lets go, so none is left
//! beside the registry. A waiter that then gets the lock of the removed file
//! sees that the path no longer names it and starts over on the new one.

use std::ffi::{OsStr, OsString};
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fs4::{FileExt, TryLockError};

use crate::input::io_reason;
use crate::Failure;

/// How long an edit waits for another portreg to finish editing the registry.
pub const WAIT: Duration = Duration::from_secs(10);

/// Pause between two tries to take the lock.
const RETRY: Duration = Duration::from_millis(20);

/// The held edit lock of one registry; dropping it lets go.
#[derive(Debug)]
pub struct EditLock {
    /// The locked file, open for as long as the lock is held.
    file: File,
    /// Where the lock file is.
    path: PathBuf,
}

impl EditLock {
    /// Takes the edit lock of the registry at `registry` (`name` as the user
    /// gave it), waiting up to [`WAIT`]. `None` when the registry cannot be
    /// found: reading it will say why.
    pub fn acquire(registry: &Path, name: &str) -> Result<Option<Self>, Failure> {
        let Ok(target) = fs::canonicalize(registry) else {
            return Ok(None);
        };
        let path = lock_path(&target);
        let deadline = Instant::now() + WAIT;
        loop {
            let file = open(&path).map_err(|e| {
                Failure(format!(
                    "cannot write {name}: cannot create its lock file {}: {} (the file is unchanged)",
                    path.display(),
                    io_reason(&e)
                ))
            })?;
            loop {
                match FileExt::try_lock(&file) {
                    Ok(()) => break,
                    Err(TryLockError::WouldBlock) if Instant::now() < deadline => std::thread::sleep(RETRY),
                    Err(TryLockError::WouldBlock) => return Err(busy(name)),
                    Err(TryLockError::Error(e)) => {
                        return Err(Failure(format!("cannot lock {name}: {}", io_reason(&e))));
                    }
                }
            }
            if still_named(&file, &path) {
                return Ok(Some(Self { file, path }));
            }
            if Instant::now() >= deadline {
                return Err(busy(name));
            }
        }
    }
}

impl Drop for EditLock {
    /// Removes the lock file while still holding it; closing the file then
    /// lets go.
    fn drop(&mut self) {
        if cfg!(unix) {
            let _ = fs::remove_file(&self.path);
        }
        let _ = FileExt::unlock(&self.file);
    }
}

/// The refusal when another edit holds the lock for longer than [`WAIT`].
fn busy(name: &str) -> Failure {
    Failure(format!("another portreg is editing {name}; try again"))
}

/// `.NAME.lock` beside the registry.
fn lock_path(target: &Path) -> PathBuf {
    let mut name = OsString::from(".");
    name.push(target.file_name().unwrap_or(OsStr::new("ports.md")));
    name.push(".lock");
    target.with_file_name(name)
}

/// Opens the lock file, creating it when it is missing; one another user
/// created is opened for reading, which is enough to lock it. A symlink
/// planted at its path is not followed.
fn open(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    no_follow(&mut options);
    match options.open(path) {
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied && path.exists() => {
            let mut read_only = OpenOptions::new();
            read_only.read(true);
            no_follow(&mut read_only);
            read_only.open(path)
        }
        other => other,
    }
}

#[cfg(unix)]
fn no_follow(options: &mut OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt;
    options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
}

#[cfg(not(unix))]
fn no_follow(_options: &mut OpenOptions) {}

/// Whether `path` still names the locked `file` (the holder before may have
/// removed it after this process opened it).
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(held), Ok(named)) => held.dev() == named.dev() && held.ino() == named.ino(),
        _ => false,
    }
}

/// Elsewhere the lock file is never removed, so it is always the one named.
#[cfg(not(unix))]
fn still_named(_file: &File, _path: &Path) -> bool {
    true
}
