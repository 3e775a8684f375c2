//! Which claimed ranges overlap, found without comparing every pair of rows.
//!
//! For each claim the answer is the earliest claim on an earlier row that
//! overlaps it, one of another owner and one of the same owner. Claims are
//! taken in row order and put into a segment tree over the range ends (the
//! distinct start and end ports, so a full registry's tree is small), whose
//! nodes keep the two earliest claims of different owners that cover or touch
//! them: O(n log n) in time and O(n) in memory for n claims, however many pairs
//! overlap (20,000 nested ranges overlap in 200 million pairs).

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

/// For each claim, the earliest overlapping claims on earlier rows (the
/// earliest by row, then by index among the claims of one row).
pub fn earlier_overlaps(claims: &[Claim]) -> Vec<Earlier> {
    let mut points: Vec<u32> = claims.iter().flat_map(|c| [c.range.start, c.range.end]).collect();
    crate::order::sort_dedup(&mut points);
    let at = |port: u32| points.partition_point(|&p| p < port);
    let spans: Vec<(usize, usize)> = claims.iter().map(|c| (at(c.range.start), at(c.range.end))).collect();
    let mut order: Vec<usize> = (0..claims.len()).collect();
    crate::order::sort_by_key(&mut order, |&i| crate::order::pair(claims[i].row, 0));
    let mut found = vec![Earlier::default(); claims.len()];
    let mut tree = EarliestTree::new(points.len());

    // Every owner at once, for claims of other owners.
    sweep(&order, claims, &spans, &mut tree, |index, best| {
        found[index].other_owner = best.earliest_not_of(claims[index].owner);
    });
    // Each owner alone, for claims of the same owner.
    let mut by_owner: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for &index in &order {
        by_owner.entry(claims[index].owner).or_default().push(index);
    }
    for indices in by_owner.values().filter(|indices| indices.len() > 1) {
        tree.clear();
        sweep(indices, claims, &spans, &mut tree, |index, best| {
            found[index].same_owner = best.first.map(|entry| entry.index as usize);
        });
    }
    found
}

/// Takes `order` (claim indices in row order) one row at a time: every
/// claim of the row asks the tree first, then the row's claims go in.
fn sweep(
    order: &[usize],
    claims: &[Claim],
    spans: &[(usize, usize)],
    tree: &mut EarliestTree,
    mut answer: impl FnMut(usize, Best),
) {
    let mut start = 0;
    while start < order.len() {
        let row = claims[order[start]].row;
        let len = order[start..].iter().take_while(|&&i| claims[i].row == row).count();
        let members = &order[start..start + len];
        for &index in members {
            answer(index, tree.query(spans[index]));
        }
        for &index in members {
            tree.insert(spans[index], Entry::of(claims, index));
        }
        start += len;
    }
}

/// A claim in the tree: ordered by row, then index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    row: usize,
    index: u32,
    owner: usize,
}

impl Entry {
    fn of(claims: &[Claim], index: usize) -> Self {
        Self { row: claims[index].row, index: index as u32, owner: claims[index].owner }
    }

    fn before(self, other: Entry) -> bool {
        (self.row, self.index) < (other.row, other.index)
    }
}

/// The earliest entry, and the earliest whose owner is not the first's.
#[derive(Debug, Clone, Copy, Default)]
struct Best {
    first: Option<Entry>,
    second: Option<Entry>,
}

impl Best {
    fn add(&mut self, entry: Option<Entry>) {
        let Some(entry) = entry else { return };
        match self.first {
            None => self.first = Some(entry),
            Some(first) if entry.before(first) => {
                if entry.owner != first.owner {
                    self.second = Some(first);
                }
                self.first = Some(entry);
            }
            Some(first) => {
                if entry.owner != first.owner && self.second.is_none_or(|second| entry.before(second)) {
                    self.second = Some(entry);
                }
            }
        }
    }

    fn merge(&mut self, other: Best) {
        self.add(other.first);
        self.add(other.second);
    }

    fn earliest_not_of(self, owner: usize) -> Option<usize> {
        let entry = if self.first?.owner != owner { self.first } else { self.second };
        entry.map(|e| e.index as usize)
    }
}

/// A segment tree over the compressed port points.
struct EarliestTree {
    size: usize,
    /// Claims whose span covers the node's whole span (stored at the node).
    cover: Vec<Best>,
    /// Claims whose span touches the node's span.
    touch: Vec<Best>,
    /// Nodes written since the last clear.
    written: Vec<usize>,
}

impl EarliestTree {
    fn new(points: usize) -> Self {
        let size = points.max(1).next_power_of_two();
        Self {
            size,
            cover: vec![Best::default(); 2 * size],
            touch: vec![Best::default(); 2 * size],
            written: Vec::new(),
        }
    }

    fn clear(&mut self) {
        for node in self.written.drain(..) {
            self.cover[node] = Best::default();
            self.touch[node] = Best::default();
        }
    }

    fn insert(&mut self, span: (usize, usize), entry: Entry) {
        self.insert_at(1, 0, self.size - 1, span, entry);
    }

    fn insert_at(&mut self, node: usize, lo: usize, hi: usize, (a, b): (usize, usize), entry: Entry) {
        if b < lo || hi < a {
            return;
        }
        self.written.push(node);
        self.touch[node].add(Some(entry));
        if a <= lo && hi <= b {
            self.cover[node].add(Some(entry));
            return;
        }
        let mid = (lo + hi) / 2;
        self.insert_at(2 * node, lo, mid, (a, b), entry);
        self.insert_at(2 * node + 1, mid + 1, hi, (a, b), entry);
    }

    fn query(&self, span: (usize, usize)) -> Best {
        let mut best = Best::default();
        self.query_at(1, 0, self.size - 1, span, &mut best);
        best
    }

    fn query_at(&self, node: usize, lo: usize, hi: usize, (a, b): (usize, usize), best: &mut Best) {
        if b < lo || hi < a {
            return;
        }
        // A claim covering this node touches the query, which touches the node.
        best.merge(self.cover[node]);
        if a <= lo && hi <= b {
            best.merge(self.touch[node]);
            return;
        }
        let mid = (lo + hi) / 2;
        self.query_at(2 * node, lo, mid, (a, b), best);
        self.query_at(2 * node + 1, mid + 1, hi, (a, b), best);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
        fn earlier_overlaps_match_all_pairs(
            raw in prop::collection::vec((0u32..20, 0u32..3, 0usize..4), 0..30),
            rows_per_claim in 1usize..3,
        ) {
            // Coarse ranges so that exact repeats, partial overlaps and gaps all
            // occur; some rows hold more than one claim.
            let claims: Vec<Claim> = raw
                .iter()
                .enumerate()
                .map(|(i, &(s, l, owner))| {
                    Claim { range: PortRange::new(s * 10, s * 10 + l * 10 + 9), row: i / rows_per_claim, owner }
                })
                .collect();
            let found: Vec<(Option<usize>, Option<usize>)> = earlier_overlaps(&claims)
                .iter()
                .map(|e| (e.other_owner.map(|i| claims[i].row), e.same_owner.map(|i| claims[i].row)))
                .collect();
            prop_assert_eq!(found, brute_earlier(&claims));
        }
    }
}
