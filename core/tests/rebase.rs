//! `edit::rebase`: edits made after others, given back on the original, give
//! the same text in one pass, or are refused.

use portreg_core::edit::{apply, rebase, try_apply};
use portreg_core::TextEdit;
use proptest::prelude::*;

/// Non-overlapping edits on a text of `len` ASCII bytes.
fn edits(len: usize) -> impl Strategy<Value = Vec<TextEdit>> {
    prop::collection::vec((0..=len, 0..=3usize, "[a-z\n]{0,4}"), 0..4).prop_map(move |raw| {
        let mut out: Vec<TextEdit> = Vec::new();
        let mut at = 0;
        let mut sorted = raw;
        sorted.sort_by_key(|(start, _, _)| *start);
        for (start, width, replacement) in sorted {
            let start = start.max(at);
            let end = (start + width).min(len);
            if start > len {
                break;
            }
            out.push(TextEdit { range: start..end, replacement });
            at = end + 1;
        }
        out
    })
}

fn cases() -> u32 {
    std::env::var("PORTREG_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn one_pass_gives_the_text_of_two(
        (source, first, later) in "[a-z\n]{0,24}".prop_flat_map(|source| {
            let len = source.len();
            (Just(source), edits(len))
        }).prop_flat_map(|(source, first)| {
            let middle = apply(&source, &first);
            let len = middle.len();
            (Just(source), Just(first), edits(len))
        })
    ) {
        let middle = apply(&source, &first);
        let want = apply(&middle, &later);
        if let Some(rebased) = rebase(&first, &later) {
            let all: Vec<TextEdit> = first.iter().cloned().chain(rebased).collect();
            let once = try_apply(&source, &all);
            prop_assert_eq!(once.as_deref(), Ok(want.as_str()));
        }
    }
}
