//! The change an edit makes, as a unified diff that `patch` and `git apply`
//! take: `a/` and `b/` headers, and `\ No newline at end of file` where a side
//! ends without one. Line endings are part of the lines, so a CRLF file's
//! diff carries its CRs.

use std::path::{Component, Path};
use std::time::Duration;

use similar::TextDiff;

use crate::output::is_terminal_control;

/// Unchanged lines shown around each change.
const CONTEXT: usize = 2;

/// How long the diff may search for the smallest set of changes before it
/// settles for a larger one (still a correct diff).
const TIMEOUT: Duration = Duration::from_secs(2);

/// The diff from `before` to `after` of the file at `name` (named in
/// the headers as [`header_name`] writes it; the lines are the document's
/// own); empty when nothing changed.
pub fn unified(name: &Path, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    TextDiff::configure()
        .timeout(TIMEOUT)
        .diff_lines(before, after)
        .unified_diff()
        .context_radius(CONTEXT)
        .header(&header_name('a', name), &header_name('b', name))
        .to_string()
}

/// `path` as a diff header names it on `side` (`a` or `b`), so that `patch
/// -p1` and `git apply` find the file from the directory portreg ran in:
/// without `.` parts or a leading `/` (git apply refuses both); a path with
/// `..` is named by its place from the root (to apply from `/`), as an
/// absolute one is. In double quotes with C escapes, as git writes such
/// names, when it holds a space, a quote, a backslash, a character a
/// terminal acts on or bytes that are not UTF-8 (written as the octal
/// escapes of their bytes, which both tools read back).
fn header_name(side: char, path: &Path) -> String {
    let climbs = path.components().any(|part| part == Component::ParentDir);
    let resolved = climbs.then(|| path.canonicalize().ok()).flatten();
    let bytes = resolved.as_deref().unwrap_or(path).as_os_str().as_encoded_bytes();
    let parts: Vec<&[u8]> = bytes.split(|&b| b == b'/').filter(|part| !part.is_empty() && *part != b".").collect();
    let mut named = vec![side as u8, b'/'];
    named.extend_from_slice(&parts.join(&b'/'));
    let mut quoted = String::from("\"");
    let mut plain = true;
    for chunk in named.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '"' => quoted.push_str("\\\""),
                '\\' => quoted.push_str("\\\\"),
                '\t' => quoted.push_str("\\t"),
                '\n' => quoted.push_str("\\n"),
                c if is_terminal_control(c) => octal(&mut quoted, c.encode_utf8(&mut [0; 4]).as_bytes()),
                c => quoted.push(c),
            }
            plain &= !matches!(c, ' ' | '"' | '\\') && !is_terminal_control(c);
        }
        octal(&mut quoted, chunk.invalid());
        plain &= chunk.invalid().is_empty();
    }
    if plain {
        return String::from_utf8_lossy(&named).into_owned();
    }
    quoted.push('"');
    quoted
}

/// `bytes` as C octal escapes, onto `out`.
fn octal(out: &mut String, bytes: &[u8]) {
    for byte in bytes {
        out.push_str(&format!("\\{byte:03o}"));
    }
}

#[cfg(test)]
mod tests {
    use super::unified;
    use std::path::Path;

    #[test]
    fn shows_separate_hunks_with_context() {
        let before = "a\nb\nc\nd\ne\nf\ng\nh\ni\n";
        let after = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\n";
        assert_eq!(
            unified(Path::new("f.md"), before, after),
            "--- a/f.md\n+++ b/f.md\n@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n d\n@@ -8,2 +8,3 @@\n h\n i\n+j\n"
        );
        assert_eq!(unified(Path::new("f.md"), before, before), "");
    }

    #[test]
    fn marks_a_side_without_a_final_newline() {
        assert_eq!(
            unified(Path::new("f.md"), "a\nb", "a\nb\nc"),
            "--- a/f.md\n+++ b/f.md\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n\\ No newline at end of file\n"
        );
        assert_eq!(unified(Path::new("f.md"), "a\r\n", "b\r\n"), "--- a/f.md\n+++ b/f.md\n@@ -1 +1 @@\n-a\r\n+b\r\n");
    }
}
