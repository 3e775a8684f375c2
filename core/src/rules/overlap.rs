//! Which claimed ranges overlap, found by a sweep rather than by comparing all pairs.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::ports::PortRange;

/// Index pairs `(a, b)` of `ranges` that share a port, with `a < b`.
///
/// Sorting by start and keeping the ranges still open in a heap ordered by
/// end costs O(n log n + k) for k overlapping pairs.
pub fn overlapping_pairs(ranges: &[PortRange]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    order.sort_by_key(|&i| (ranges[i].start, ranges[i].end));
    let mut open: BinaryHeap<Reverse<(u32, usize)>> = BinaryHeap::new();
    let mut pairs = Vec::new();
    for i in order {
        let range = ranges[i];
        while open.peek().is_some_and(|Reverse((end, _))| *end < range.start) {
            open.pop();
        }
        pairs.extend(open.iter().map(|Reverse((_, j))| (i.min(*j), i.max(*j))));
        open.push(Reverse((range.end, i)));
    }
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn brute_force(ranges: &[PortRange]) -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        for a in 0..ranges.len() {
            for b in a + 1..ranges.len() {
                if ranges[a].overlaps(ranges[b]) {
                    pairs.push((a, b));
                }
            }
        }
        pairs
    }

    proptest! {
        #[test]
        fn sweep_finds_exactly_the_overlapping_pairs(
            raw in prop::collection::vec((0u32..300, 0u32..40), 0..40)
        ) {
            let ranges: Vec<PortRange> = raw.iter().map(|&(s, l)| PortRange::new(s, s + l)).collect();
            prop_assert_eq!(overlapping_pairs(&ranges), brute_force(&ranges));
        }
    }
}
