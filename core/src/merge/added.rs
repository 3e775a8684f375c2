//! Add/add: both sides created the registry (git gives an empty base). The
//! lines both versions hold alike, in order, stand in for the base, so each
//! side's own rows are what it added: they merge entry by entry under the
//! tables both share (matched by their header lines), and collisions between
//! them are found as on any merge.

use similar::{capture_diff_slices, Algorithm, DiffOp};

use super::lines::{self, Line, Token};
use super::rows::content;
use crate::policy::Policy;

/// The lines `ours` and `theirs` share, in order, as one text: a row only
/// when both hold it with the same content (a row the two wrote differently
/// is each side's own, and so a conflict if they differ).
pub fn common_base(ours: &str, theirs: &str, policy: &Policy) -> String {
    let (o, t) = (lines::split(ours, policy), lines::split(theirs, policy));
    fn tokens<'a>(lines: &[Line<'a>]) -> Vec<Token<'a>> {
        lines.iter().map(|l| l.token.clone()).collect()
    }
    let mut out = String::with_capacity(ours.len());
    for op in capture_diff_slices(Algorithm::Myers, &tokens(&o), &tokens(&t)) {
        let DiffOp::Equal { old_index, new_index, len } = op else { continue };
        for n in 0..len {
            let (a, b) = (&o[old_index + n], &t[new_index + n]);
            if content(a) == content(b) {
                out.push_str(a.text);
                if !a.text.ends_with(['\n', '\r']) {
                    out.push('\n');
                }
            }
        }
    }
    out
}
