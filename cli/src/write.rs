//! Writing an edited registry: atomically into the file, or to standard output.

use std::fs;
use std::io::Write;
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

/// Writes a temp file beside the target, flushes it to disk and renames it
/// over the target, so the file is either the old or the new text, never half.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), Failure> {
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = target.file_name().map_or_else(|| "ports.md".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.portreg-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        if let Ok(meta) = fs::metadata(&target) {
            fs::set_permissions(&temp, meta.permissions())?;
        }
        fs::rename(&temp, &target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map_err(|e| Failure(format!("cannot write {}: {} (the file is unchanged)", path.display(), io_reason(&e))))
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
