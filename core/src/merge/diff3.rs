//! Three-way matching of token sequences, as diff3 does it: the base is
//! diffed against each side, and the sequences are cut into runs that are
//! stable (the same on all three) and chunks where at least one side differs.

use std::hash::Hash;
use std::ops::Range;

use similar::{capture_diff_slices, Algorithm, DiffOp};

/// A piece of the three sequences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chunk {
    /// Items matched on all three: base, ours and theirs indexes of the first, and how many.
    Stable {
        /// First base index.
        base: usize,
        /// First index in ours.
        ours: usize,
        /// First index in theirs.
        theirs: usize,
        /// How many items.
        len: usize,
    },
    /// Items where a side differs from the base.
    Changed {
        /// Base items.
        base: Range<usize>,
        /// Ours items.
        ours: Range<usize>,
        /// Theirs items.
        theirs: Range<usize>,
    },
}

/// For each base item, the index it is matched to in `side`.
fn matches<T: Hash + Eq + Ord>(base: &[T], side: &[T]) -> Vec<Option<usize>> {
    let mut map = vec![None; base.len()];
    for op in capture_diff_slices(Algorithm::Myers, base, side) {
        if let DiffOp::Equal { old_index, new_index, len } = op {
            for i in 0..len {
                map[old_index + i] = Some(new_index + i);
            }
        }
    }
    map
}

/// Cuts `base`, `ours` and `theirs` into stable runs and changed chunks, in order.
pub fn chunks<T: Hash + Eq + Ord>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<Chunk> {
    let (mo, mt) = (matches(base, ours), matches(base, theirs));
    let mut out = Vec::new();
    let (mut i, mut j, mut k) = (0, 0, 0);
    loop {
        let start = (i, j, k);
        while i < base.len() && mo[i] == Some(j) && mt[i] == Some(k) {
            (i, j, k) = (i + 1, j + 1, k + 1);
        }
        if i > start.0 {
            out.push(Chunk::Stable { base: start.0, ours: start.1, theirs: start.2, len: i - start.0 });
        }
        // The next base item matched on both sides ends the changed chunk.
        let next = (i..base.len()).find_map(|n| Some((n, mo[n]?, mt[n]?)));
        let (ni, nj, nk) = next.unwrap_or((base.len(), ours.len(), theirs.len()));
        if (ni, nj, nk) == (i, j, k) {
            if next.is_none() {
                return out;
            }
            continue;
        }
        out.push(Chunk::Changed { base: i..ni, ours: j..nj, theirs: k..nk });
        (i, j, k) = (ni, nj, nk);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(base: &str, ours: &str, theirs: &str) -> Vec<Chunk> {
        let v = |s: &str| s.chars().collect::<Vec<char>>();
        chunks(&v(base), &v(ours), &v(theirs))
    }

    #[test]
    fn finds_stable_runs_and_changes_on_either_side() {
        let found = run("abcde", "aXcde", "abcdY");
        assert_eq!(
            found,
            [
                Chunk::Stable { base: 0, ours: 0, theirs: 0, len: 1 },
                Chunk::Changed { base: 1..2, ours: 1..2, theirs: 1..2 },
                Chunk::Stable { base: 2, ours: 2, theirs: 2, len: 2 },
                Chunk::Changed { base: 4..5, ours: 4..5, theirs: 4..5 },
            ]
        );
        assert_eq!(
            run("ab", "abX", "abY"),
            [
                Chunk::Stable { base: 0, ours: 0, theirs: 0, len: 2 },
                Chunk::Changed { base: 2..2, ours: 2..3, theirs: 2..3 },
            ]
        );
        assert_eq!(run("", "", ""), []);
        assert_eq!(run("", "x", ""), [Chunk::Changed { base: 0..0, ours: 0..1, theirs: 0..0 }]);
    }
}
