//! The editor's line numbers: a gutter that scrolls with the text and draws
//! only the numbers in view, so a long document costs no more than a short one.

use leptos::prelude::*;

/// The editor's line height in CSS pixels; `public/styles.css` sets the same
/// (`--editor-line`).
pub const LINE_PX: u32 = 20;

/// Numbers drawn at least: more than an editor of usual height shows.
const WINDOW: usize = 120;

/// Lines of `text` as the editor shows them: a line ends at LF, at CRLF and
/// at a lone CR (an old Mac file), as the findings count them.
pub fn line_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let feeds = bytes.iter().filter(|&&b| b == b'\n').count();
    let lone_returns =
        bytes.iter().enumerate().filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n')).count();
    1 + feeds + lone_returns
}

/// The numbers of the lines from the one at `scroll_top` down, as many as
/// an editor `height` pixels tall shows (at least [`WINDOW`]) and none past
/// `count`.
pub fn visible_lines(scroll_top: u32, height: u32, count: usize) -> std::ops::RangeInclusive<usize> {
    let first = usize::try_from(scroll_top / LINE_PX).unwrap_or(0) + 1;
    let first = first.min(count.max(1));
    let window = WINDOW.max(usize::try_from(height / LINE_PX).unwrap_or(0) + 2);
    first..=(first + window - 1).min(count.max(1))
}

/// The gutter beside the editor: `count` lines numbered from `first` + 1
/// (the editor may hold a part of a document of `total` lines), the editor
/// scrolled by `scroll_top` pixels.
#[component]
pub fn LineNumbers(
    /// How far the editor is scrolled, in pixels.
    scroll_top: RwSignal<u32>,
    /// How tall the editor is, in pixels.
    height: RwSignal<u32>,
    /// How many lines the editor holds.
    count: Memo<usize>,
    /// How many lines of the document come before those the editor holds.
    first: Memo<usize>,
    /// How many lines the document has.
    total: Memo<usize>,
) -> impl IntoView {
    let lines = move || {
        let shown = visible_lines(scroll_top.get(), height.get(), count.get());
        let before = first.get();
        shown.start() + before..=shown.end() + before
    };
    // One text node, a number a line: cheaper to draw and to download than an element each.
    let text = move || lines().map(|n| n.to_string()).collect::<Vec<_>>().join("\n");
    // The first number drawn starts where its line does: partly scrolled out of view.
    let shift = move || format!("transform: translateY({}px)", -i64::from(scroll_top.get() % LINE_PX));
    let digits = move || total.get().to_string().len().max(2);
    view! {
        <div class="gutter" aria-hidden="true" data-testid="line-numbers" data-lines=total style=move || format!("width: {}ch", digits() + 2)>
            <div class="gutter-lines" style=shift data-first=move || *lines().start()>{text}</div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_as_the_findings_do() {
        assert_eq!(line_count(""), 1);
        assert_eq!(line_count("a\nb\n"), 3);
        assert_eq!(line_count("a\r\nb\r\nc"), 3);
        assert_eq!(line_count("a\rb\rc\r"), 4);
        assert_eq!(line_count("a\r\r\nb"), 3);
    }

    #[test]
    fn draws_only_the_lines_in_view() {
        assert_eq!(visible_lines(0, 400, 3), 1..=3);
        assert_eq!(visible_lines(LINE_PX * 10 + 5, 400, 50_000), 11..=130);
        assert_eq!(visible_lines(LINE_PX * 49_990, 400, 50_000), 49_991..=50_000);
        assert_eq!(visible_lines(0, 400, 0), 1..=1);
        // An editor made taller than the usual window still numbers every line it shows.
        assert_eq!(visible_lines(0, LINE_PX * 150, 50_000), 1..=152);
    }
}
