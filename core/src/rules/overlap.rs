//! Which claimed ranges overlap, found without comparing every pair of rows.
//!
//! Registries repeat ranges a lot (a block claimed by a project row, the same
//! block by a duplicate row, the same slot by two instance rows), so claims
//! are grouped by their exact range first and only the distinct ranges are
//! swept. For each claim the answer is the earliest row before it that
//! overlaps it, one of another owner and one of the same owner: O(n) in the
//! claims plus O(d log d + p) for d distinct ranges with p overlapping pairs.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap;

use crate::ports::PortRange;

/// A range claimed by a row on behalf of an owner (a project, or the row itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    /// The ports.
    pub range: PortRange,
    /// The row's position in the document; smaller is earlier.
    pub row: usize,
    /// Who claims it; claims of one owner do not conflict with each other.
    pub owner: usize,
}

/// The earliest earlier claims that overlap a claim.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Earlier {
    /// Index of the earliest overlapping claim of another owner on an earlier row.
    pub other_owner: Option<usize>,
    /// Index of the earliest overlapping claim of the same owner on an earlier row.
    pub same_owner: Option<usize>,
}

/// Claims sharing one exact range.
struct Group {
    range: PortRange,
    /// Each owner's earliest claim in the group.
    first_by_owner: FxHashMap<usize, usize>,
    /// The earliest claim, and the earliest of an owner other than its.
    first: usize,
    first_other: Option<usize>,
}

/// For each claim, the earliest overlapping claims on earlier rows.
pub fn earlier_overlaps(claims: &[Claim]) -> Vec<Earlier> {
    let mut by_range: FxHashMap<PortRange, Vec<usize>> = FxHashMap::default();
    for (index, claim) in claims.iter().enumerate() {
        by_range.entry(claim.range).or_default().push(index);
    }
    let mut group_of = vec![0; claims.len()];
    let groups: Vec<Group> = by_range
        .into_values()
        .enumerate()
        .map(|(g, mut members)| {
            members.sort_by_key(|&i| claims[i].row);
            let mut first_by_owner = FxHashMap::default();
            for &i in &members {
                group_of[i] = g;
                first_by_owner.entry(claims[i].owner).or_insert(i);
            }
            let first = members[0];
            let first_other = members.iter().copied().find(|&i| claims[i].owner != claims[first].owner);
            Group { range: claims[first].range, first_by_owner, first, first_other }
        })
        .collect();
    let ranges: Vec<PortRange> = groups.iter().map(|g| g.range).collect();
    let mut neighbours: Vec<Vec<usize>> = (0..groups.len()).map(|g| vec![g]).collect();
    for (a, b) in overlapping_pairs(&ranges) {
        neighbours[a].push(b);
        neighbours[b].push(a);
    }
    let earliest = |current: Option<usize>, candidate: usize| match current {
        Some(c) if claims[c].row <= claims[candidate].row => Some(c),
        _ => Some(candidate),
    };
    claims
        .iter()
        .enumerate()
        .map(|(index, claim)| {
            let mut found = Earlier::default();
            for &g in &neighbours[group_of[index]] {
                let group = &groups[g];
                let other =
                    if claims[group.first].owner != claim.owner { Some(group.first) } else { group.first_other };
                if let Some(other) = other.filter(|&o| claims[o].row < claim.row) {
                    found.other_owner = earliest(found.other_owner, other);
                }
                let same = group.first_by_owner.get(&claim.owner).copied();
                if let Some(same) = same.filter(|&s| claims[s].row < claim.row) {
                    found.same_owner = earliest(found.same_owner, same);
                }
            }
            found
        })
        .collect()
}

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

    fn brute_pairs(ranges: &[PortRange]) -> Vec<(usize, usize)> {
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

    /// The earliest row of each kind, by comparing all pairs.
    fn brute_earlier(claims: &[Claim]) -> Vec<(Option<usize>, Option<usize>)> {
        claims
            .iter()
            .map(|c| {
                let before = |same: bool| {
                    claims
                        .iter()
                        .filter(|o| o.row < c.row && o.range.overlaps(c.range) && (o.owner == c.owner) == same)
                        .map(|o| o.row)
                        .min()
                };
                (before(false), before(true))
            })
            .collect()
    }

    proptest! {
        #[test]
        fn sweep_finds_exactly_the_overlapping_pairs(raw in prop::collection::vec((0u32..300, 0u32..40), 0..40)) {
            let ranges: Vec<PortRange> = raw.iter().map(|&(s, l)| PortRange::new(s, s + l)).collect();
            prop_assert_eq!(overlapping_pairs(&ranges), brute_pairs(&ranges));
        }

        #[test]
        fn earlier_overlaps_match_all_pairs(raw in prop::collection::vec((0u32..20, 0u32..3, 0usize..4), 0..30)) {
            // Coarse ranges so that exact repeats, partial overlaps and gaps all occur.
            let claims: Vec<Claim> = raw
                .iter()
                .enumerate()
                .map(|(row, &(s, l, owner))| Claim { range: PortRange::new(s * 10, s * 10 + l * 10 + 9), row, owner })
                .collect();
            let found: Vec<(Option<usize>, Option<usize>)> = earlier_overlaps(&claims)
                .iter()
                .map(|e| (e.other_owner.map(|i| claims[i].row), e.same_owner.map(|i| claims[i].row)))
                .collect();
            prop_assert_eq!(found, brute_earlier(&claims));
        }
    }
}
