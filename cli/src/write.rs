//! Writing an edited registry: atomically into the file, or to standard output.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::args::WriteArgs;
use crate::input::{io_reason, Document};
use crate::out::Out;
use crate::Failure;

/// Sends `edited` where `output` says: the file (temp file renamed over it),
/// the document on standard output, or a diff. Standard input is never written
/// back; its result goes to standard output.
pub fn deliver(document: &Document, edited: &str, output: WriteArgs, out: &mut Out) -> Result<(), Failure> {
    if output.diff {
        return out.raw(diff(&document.name, &document.text, edited).as_bytes());
    }
    match (&document.path, output.stdout) {
        (Some(path), false) => write_atomic(path, edited),
        _ => out.raw(edited.as_bytes()),
    }
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
    let file_name = target.file_name().map_or_else(|| "ports.md".into(), |n| n.to_string_lossy().into_owned());
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(unchanged)?;
    keep_owner_and_mode(temp.as_file(), &meta).map_err(unchanged)?;
    temp.write_all(text.as_bytes()).map_err(unchanged)?;
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

/// A unified diff with two lines of context. Lines are matched by a longest
/// common subsequence over the part between the unchanged head and tail; a
/// middle too large for that is shown as one replaced block.
pub fn diff(name: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    let old: Vec<&str> = before.split_inclusive('\n').collect();
    let new: Vec<&str> = after.split_inclusive('\n').collect();
    let ops = line_ops(&old, &new);
    let mut out = format!("--- a/{name}\n+++ b/{name}\n");
    for hunk in hunks(&ops, 2) {
        let (mut old_start, mut new_start, mut old_len, mut new_len) = (0, 0, 0, 0);
        let mut body = String::new();
        for (i, op) in ops[hunk.clone()].iter().enumerate() {
            let (prefix, text) = match *op {
                Op::Same(o, n) => {
                    if i == 0 {
                        (old_start, new_start) = (o, n);
                    }
                    old_len += 1;
                    new_len += 1;
                    (' ', old[o])
                }
                Op::Removed(o, n) => {
                    if i == 0 {
                        (old_start, new_start) = (o, n);
                    }
                    old_len += 1;
                    ('-', old[o])
                }
                Op::Added(o, n) => {
                    if i == 0 {
                        (old_start, new_start) = (o, n);
                    }
                    new_len += 1;
                    ('+', new[n])
                }
            };
            body.push(prefix);
            body.push_str(text.strip_suffix('\n').unwrap_or(text));
            body.push('\n');
        }
        out.push_str(&format!("@@ -{},{old_len} +{},{new_len} @@\n{body}", old_start + 1, new_start + 1));
    }
    out
}

/// One line of a diff, with the line indices (old, new) where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same(usize, usize),
    Removed(usize, usize),
    Added(usize, usize),
}

/// Cells of the LCS table above which the middle is shown as one block.
const MAX_TABLE: usize = 4_000_000;

fn line_ops(old: &[&str], new: &[&str]) -> Vec<Op> {
    let head = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let tail = old[head..].iter().rev().zip(new[head..].iter().rev()).take_while(|(a, b)| a == b).count();
    let (a, b) = (&old[head..old.len() - tail], &new[head..new.len() - tail]);
    let mut ops: Vec<Op> = (0..head).map(|i| Op::Same(i, i)).collect();
    if (a.len() + 1) * (b.len() + 1) <= MAX_TABLE {
        // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
        let width = b.len() + 1;
        let mut lcs = vec![0u32; (a.len() + 1) * width];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                lcs[i * width + j] = if a[i] == b[j] {
                    lcs[(i + 1) * width + j + 1] + 1
                } else {
                    lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            if i < a.len() && j < b.len() && a[i] == b[j] {
                ops.push(Op::Same(head + i, head + j));
                i += 1;
                j += 1;
            } else if j < b.len() && (i == a.len() || lcs[i * width + j + 1] > lcs[(i + 1) * width + j]) {
                ops.push(Op::Added(head + i, head + j));
                j += 1;
            } else {
                ops.push(Op::Removed(head + i, head + j));
                i += 1;
            }
        }
    } else {
        ops.extend((0..a.len()).map(|i| Op::Removed(head + i, head)));
        ops.extend((0..b.len()).map(|j| Op::Added(head + a.len(), head + j)));
    }
    ops.extend((0..tail).map(|k| Op::Same(old.len() - tail + k, new.len() - tail + k)));
    ops
}

/// Ranges of `ops` to print: each change with `context` unchanged lines
/// around it, nearby changes merged.
fn hunks(ops: &[Op], context: usize) -> Vec<std::ops::Range<usize>> {
    let mut hunks: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        if matches!(op, Op::Same(..)) {
            continue;
        }
        let range = i.saturating_sub(context)..(i + context + 1).min(ops.len());
        match hunks.last_mut() {
            Some(last) if range.start <= last.end => last.end = range.end,
            _ => hunks.push(range),
        }
    }
    hunks
}

#[cfg(test)]
mod tests {
    use super::diff;

    #[test]
    fn shows_separate_hunks_with_context() {
        let before = "a\nb\nc\nd\ne\nf\ng\nh\ni\n";
        let after = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\n";
        assert_eq!(
            diff("f.md", before, after),
            "--- a/f.md\n+++ b/f.md\n@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n d\n@@ -8,2 +8,3 @@\n h\n i\n+j\n"
        );
        assert_eq!(diff("f.md", before, before), "");
    }
}
