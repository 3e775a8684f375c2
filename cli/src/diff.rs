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

/// The diff from `before` to `after` of the file shown as `name` (named in
/// the headers as [`header_name`] writes it; the lines are the document's
/// own); empty when nothing changed.
pub fn unified(name: &str, before: &str, after: &str) -> String {
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

/// `name` as a diff header names it on `side` (`a` or `b`), so that `patch
/// -p1` and `git apply` find the file from the directory portreg ran in:
/// without `.` parts or a leading `/` (git apply refuses both); a path with
/// `..` is named by its place from the root (to apply from `/`), as an
/// absolute one is. In double quotes with C escapes, as git writes such
/// names, when it holds a space, a quote, a backslash or a character a
/// terminal acts on (written as the octal escapes of its bytes, which both
/// tools read back).
fn header_name(side: char, name: &str) -> String {
    let climbs = Path::new(name).components().any(|part| part == Component::ParentDir);
    let resolved = climbs.then(|| Path::new(name).canonicalize().ok()).flatten();
    let name = resolved.as_deref().and_then(Path::to_str).unwrap_or(name);
    let parts: Vec<&str> = name.split('/').filter(|part| !part.is_empty() && *part != ".").collect();
    let path = format!("{side}/{}", parts.join("/"));
    if !path.chars().any(|c| matches!(c, ' ' | '"' | '\\') || is_terminal_control(c)) {
        return path;
    }
    let mut quoted = String::from("\"");
    for c in path.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\t' => quoted.push_str("\\t"),
            '\n' => quoted.push_str("\\n"),
            c if is_terminal_control(c) => {
                for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                    quoted.push_str(&format!("\\{byte:03o}"));
                }
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::unified;

    #[test]
    fn shows_separate_hunks_with_context() {
        let before = "a\nb\nc\nd\ne\nf\ng\nh\ni\n";
        let after = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\n";
        assert_eq!(
            unified("f.md", before, after),
            "--- a/f.md\n+++ b/f.md\n@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n d\n@@ -8,2 +8,3 @@\n h\n i\n+j\n"
        );
        assert_eq!(unified("f.md", before, before), "");
    }

    #[test]
    fn marks_a_side_without_a_final_newline() {
        assert_eq!(
            unified("f.md", "a\nb", "a\nb\nc"),
            "--- a/f.md\n+++ b/f.md\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n\\ No newline at end of file\n"
        );
        assert_eq!(unified("f.md", "a\r\n", "b\r\n"), "--- a/f.md\n+++ b/f.md\n@@ -1 +1 @@\n-a\r\n+b\r\n");
    }
}
