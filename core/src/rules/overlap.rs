//! Which claimed ranges overlap, found without comparing every pair of rows.
//!
//! Registries repeat ranges a lot (a block claimed by a project row, the same
//! block by a duplicate row, the same slot by two instance rows), so claims
//! are grouped by their exact range first and only the distinct ranges are
//! swept. For each claim the answer is the earliest row before it that
//! overlaps it, one of another owner and one of the same owner: O(n log n) in the
//! claims plus O(d log d + p) for d distinct ranges with p overlapping pairs.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

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

/// Claims sharing one exact range: a run of `order`.
struct Group {
    range: PortRange,
    /// The earliest claim, and the earliest of an owner other than its.
    first: usize,
    first_other: Option<usize>,
    /// Each owner's earliest claim, sorted by owner: a slice of `Groups::firsts`.
    owners: std::ops::Range<usize>,
}

/// For each claim, the earliest overlapping claims on earlier rows.
///
/// Everything lives in a few flat vectors (no allocation per group), since a
/// full registry has a thousand instance rows with a range each.
pub fn earlier_overlaps(claims: &[Claim]) -> Vec<Earlier> {
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_unstable_by_key(|&i| (claims[i].range, claims[i].row, i));
    let mut group_of = vec![0; claims.len()];
    let mut groups: Vec<Group> = Vec::new();
    let mut firsts: Vec<(usize, usize)> = Vec::with_capacity(claims.len());
    let mut start = 0;
    while start < order.len() {
        let range = claims[order[start]].range;
        let len = order[start..].iter().take_while(|&&i| claims[i].range == range).count();
        let members = &order[start..start + len];
        let first = members[0];
        let first_other = members.iter().copied().find(|&i| claims[i].owner != claims[first].owner);
        // Each owner's earliest member: sort by (owner, row), keep the first of each owner.
        let owners_start = firsts.len();
        firsts.extend(members.iter().map(|&i| (claims[i].owner, i)));
        firsts[owners_start..].sort_unstable_by_key(|&(owner, i)| (owner, claims[i].row));
        let mut kept = owners_start;
        for at in owners_start..firsts.len() {
            if at == owners_start || firsts[at].0 != firsts[kept - 1].0 {
                firsts[kept] = firsts[at];
                kept += 1;
            }
        }
        firsts.truncate(kept);
        for &i in members {
            group_of[i] = groups.len();
        }
        groups.push(Group { range, first, first_other, owners: owners_start..kept });
        start += len;
    }
    // Overlapping groups as adjacency lists in one vector (compressed rows).
    let ranges: Vec<PortRange> = groups.iter().map(|g| g.range).collect();
    let pairs = overlapping_pairs(&ranges);
    let mut offsets = vec![0usize; groups.len() + 1];
    for &(a, b) in &pairs {
        offsets[a + 1] += 1;
        offsets[b + 1] += 1;
    }
    for g in 0..groups.len() {
        offsets[g + 1] += offsets[g];
    }
    let mut fill = offsets.clone();
    let mut adjacent = vec![0usize; offsets[groups.len()]];
    for &(a, b) in &pairs {
        adjacent[fill[a]] = b;
        fill[a] += 1;
        adjacent[fill[b]] = a;
        fill[b] += 1;
    }
    let earliest = |current: Option<usize>, candidate: usize| match current {
        Some(c) if claims[c].row <= claims[candidate].row => Some(c),
        _ => Some(candidate),
    };
    claims
        .iter()
        .enumerate()
        .map(|(index, claim)| {
            let own = group_of[index];
            let mut found = Earlier::default();
            for &g in std::iter::once(&own).chain(&adjacent[offsets[own]..offsets[own + 1]]) {
                let group = &groups[g];
                let other =
                    if claims[group.first].owner != claim.owner { Some(group.first) } else { group.first_other };
                if let Some(other) = other.filter(|&o| claims[o].row < claim.row) {
                    found.other_owner = earliest(found.other_owner, other);
                }
                let owners = &firsts[group.owners.clone()];
                let same = owners.binary_search_by_key(&claim.owner, |&(owner, _)| owner).ok().map(|at| owners[at].1);
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
