//! The one sort of the library. Every sort in portreg orders by a `u64` key
//! through [`sort_by_key`], so the web app's download holds one copy of the
//! sort code instead of one per item type and key (each copy of std's sort is
//! about half a kilobyte to two kilobytes of wasm).

/// Sorts `items` by `key`, ascending; items with equal keys keep their order.
pub fn sort_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    let mut keyed: Vec<(u64, usize)> = items.iter().enumerate().map(|(index, item)| (key(item), index)).collect();
    // The index breaks ties, so this unstable sort keeps equal keys in order.
    keyed.sort_unstable();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(keyed.into_iter().filter_map(|(_, index)| slots.get_mut(index).and_then(Option::take)));
}

/// Sorts `numbers` ascending and removes repeats.
pub fn sort_dedup(numbers: &mut Vec<u32>) {
    sort_by_key(numbers, |&n| u64::from(n));
    numbers.dedup();
}

/// A key ordering by `high`, then by `low`; each is taken as at most
/// `u32::MAX` (byte offsets and counts past 4 GiB do not occur: documents are
/// refused long before).
pub fn pair(high: usize, low: usize) -> u64 {
    let clamp = |n: usize| u64::try_from(n).unwrap_or(u64::MAX).min(u64::from(u32::MAX));
    clamp(high) << 32 | clamp(low)
}

/// A key ordering ASCII codes of up to four bytes (`B101`, `I305`) as their
/// text orders: the bytes read as a big-endian number, a shorter code
/// before the longer codes it begins.
pub fn code_key(code: &str) -> u32 {
    let mut bytes = [0u8; 4];
    for (slot, byte) in bytes.iter_mut().zip(code.bytes()) {
        *slot = byte;
    }
    u32::from_be_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_std_stable_sort_does(items in proptest::collection::vec((0u64..20, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |&(key, _)| key);
            let mut theirs = items;
            theirs.sort_by_key(|&(key, _)| key);
            prop_assert_eq!(ours, theirs);
        }

        #[test]
        fn sort_dedup_is_sorted_and_unique(numbers in proptest::collection::vec(0u32..500, 0..300)) {
            let mut ours = numbers.clone();
            sort_dedup(&mut ours);
            let mut theirs = numbers;
            theirs.sort_unstable();
            theirs.dedup();
            prop_assert_eq!(ours, theirs);
        }

        #[test]
        fn pair_orders_as_the_tuple(a in (0usize..1 << 33, 0usize..1 << 33), b in (0usize..1 << 33, 0usize..1 << 33)) {
            let clamp = |(h, l): (usize, usize)| (h.min(u32::MAX as usize), l.min(u32::MAX as usize));
            prop_assert_eq!(pair(a.0, a.1).cmp(&pair(b.0, b.1)), clamp(a).cmp(&clamp(b)));
        }

        #[test]
        fn code_key_orders_as_the_text(a in "[A-Z][0-9]{0,3}", b in "[A-Z][0-9]{0,3}") {
            prop_assert_eq!(code_key(&a).cmp(&code_key(&b)), a.cmp(&b));
        }
    }
}
