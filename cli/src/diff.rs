//! The change an edit makes, as a unified diff that `patch` and `git apply`
//! take: `a/` and `b/` headers, and `\ No newline at end of file` where a side
//! ends without one. Line endings are part of the lines, so a CRLF file's
//! diff carries its CRs.

use std::time::Duration;

use similar::TextDiff;

use crate::output::escape;

/// Unchanged lines shown around each change.
const CONTEXT: usize = 2;

/// How long the diff may search for the smallest set of changes before it
/// settles for a larger one (still a correct diff).
const TIMEOUT: Duration = Duration::from_secs(2);

/// The diff from `before` to `after` of the file shown as `name` (escaped in
/// the headers; the lines are the document's own); empty when nothing changed.
pub fn unified(name: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    TextDiff::configure()
        .timeout(TIMEOUT)
        .diff_lines(before, after)
        .unified_diff()
        .context_radius(CONTEXT)
        .header(&format!("a/{}", escape(name)), &format!("b/{}", escape(name)))
        .to_string()
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
