//! The 100 project blocks as a 10×10 grid coloured by state.

use leptos::prelude::*;
use portreg_core::overview::BlockView;

use crate::analysis::Analysis;
use crate::dom;
use crate::rich_text::shown;
use crate::state::use_state;

/// Every state a block is drawn in, with the mark that tells it apart
/// without its colour.
const STATES: [(&str, &str); 11] = [
    ("free", ""),
    ("reserved", "◔"),
    ("active", "●"),
    ("inactive", "◌"),
    ("legacy", "↺"),
    ("emergency", "⚡"),
    ("deprecated", "↓"),
    ("archived", "▫"),
    ("unknown", "?"),
    ("stray", "⚠"),
    ("conflict", "✕"),
];

/// A state's name in the legend; a retired block's says it may be given again.
fn legend_label(state: &str) -> String {
    match state {
        "deprecated" | "archived" => format!("{state} (free to reuse)"),
        _ => state.to_owned(),
    }
}

/// The mark of a state.
fn mark(state: &str) -> &'static str {
    STATES.iter().find(|(s, _)| *s == state).map_or("", |(_, mark)| mark)
}

/// The block grid with its legend and a line describing the block under the
/// pointer or focus.
#[component]
pub fn Grid() -> impl IntoView {
    let state = use_state();
    let pointed = RwSignal::new(None::<BlockView>);
    // The one block in the Tab order (roving tabindex); arrows move it.
    let current = RwSignal::new(0u32);
    Effect::new(move |_| {
        if let Some(block) = state.selected_block.get() {
            current.set(block);
        }
    });
    let blocks = move || {
        state.analysis.with(|a| match a {
            Analysis::Checked { blocks, .. } => blocks.clone(),
            Analysis::TooLarge(_) => Vec::new(),
        })
    };
    Effect::new(move |_| dom::mark("portreg:grid"));
    view! {
        <section class="panel" aria-labelledby="grid-title">
            <h2 id="grid-title">"Blocks"</h2>
            <ul class="legend" aria-label="Legend">
                {STATES.map(|(s, m)| view! { <li><span class=format!("swatch state {s}") data-state=s aria-hidden="true">{m}</span>{legend_label(s)}</li> }).collect_view()}
                <li><span class="swatch listening" aria-hidden="true"><span class="in-use-mark"></span></span>"ports in use (Usage)"</li>
            </ul>
            <div class="grid" data-testid="block-grid" role="group" aria-label="Blocks 0 to 99: arrow keys move, Enter shows a block's instances">
                <For each=blocks key=|b| (b.block, b.state, b.projects.clone()) let:block>
                    <BlockCell block=block pointed=pointed current=current/>
                </For>
            </div>
            <p class="pointed" aria-live="polite">
                {move || pointed.get().map_or_else(
                    || "Point at or focus a block for details; choose it to see its instances.".to_owned(),
                    |b| describe(&b),
                )}
            </p>
        </section>
    }
}

/// The block an arrow key (or Home, End) moves to from `block` in a grid
/// of `columns` columns (10, or 5 on a phone).
fn arrow_target(block: u32, key: &str, columns: u32) -> Option<u32> {
    let target = match key {
        "ArrowRight" => block.checked_add(1)?,
        "ArrowLeft" => block.checked_sub(1)?,
        "ArrowDown" => block + columns,
        "ArrowUp" => block.checked_sub(columns)?,
        "Home" => block - block % columns,
        "End" => block - block % columns + columns - 1,
        _ => return None,
    };
    (target < 100).then_some(target)
}

/// The columns the grid is drawn in: its `--columns`, set by the stylesheet.
fn grid_columns() -> u32 {
    let columns = || {
        let window = web_sys::window()?;
        let grid = window.document()?.query_selector("[data-testid=\"block-grid\"]").ok()??;
        let style = window.get_computed_style(&grid).ok()??;
        style.get_property_value("--columns").ok()?.trim().parse().ok()
    };
    columns().filter(|c| (1..=100).contains(c)).unwrap_or(10)
}

/// Moves the focus (and the grid's one Tab stop) by an arrow key; Escape
/// closes the open block detail.
fn on_arrow(ev: &web_sys::KeyboardEvent, number: u32, current: RwSignal<u32>, selected: RwSignal<Option<u32>>) {
    if ev.key() == "Escape" && selected.get_untracked().is_some() {
        ev.prevent_default();
        selected.set(None);
    } else if let Some(target) = arrow_target(number, &ev.key(), grid_columns()) {
        ev.prevent_default();
        current.set(target);
        dom::focus(&format!("[data-testid=\"block\"][data-block=\"{target}\"]"));
    }
}

/// How many of the ports of `range` the pasted listing shows in use.
fn ports_in_use(state: crate::state::AppState, range: portreg_core::PortRange) -> usize {
    state.analysis.with(|a| {
        let mut ports: Vec<u32> =
            a.listening().map_or(Vec::new(), |l| l.within(range).iter().map(|l| l.port).collect());
        ports.dedup();
        ports.len()
    })
}

/// `text`, and how many of the block's ports are in use when some are.
fn with_use(text: &str, in_use: usize) -> String {
    match in_use {
        0 => text.to_owned(),
        1 => format!("{text}; 1 port in use"),
        n => format!("{text}; {n} ports in use"),
    }
}

fn describe(block: &BlockView) -> String {
    shown(&format!("Block {} ({}): {}", block.block, block.range, block.holding()))
}

/// One block of the grid: its number, its state's mark and its first
/// project's name (cut to two lines; the title and the detail say it whole).
#[component]
fn BlockCell(
    /// The block.
    block: BlockView,
    /// The block described under the grid.
    pointed: RwSignal<Option<BlockView>>,
    /// The block in the Tab order.
    current: RwSignal<u32>,
) -> impl IntoView {
    let state = use_state();
    let number = block.block;
    let details = describe(&block);
    let name = shown(block.projects.first().map_or("", String::as_str));
    // The accessible name starts with the visible text, then the details.
    let label = format!("{number} {name}: {details}");
    let (enter, focus) = (block.clone(), block.clone());
    let range = block.range;
    let state_word = block.state.as_str();
    let in_use = move || ports_in_use(state, range);
    view! {
        <button
            type="button"
            class=move || format!("block {}{}", state_word, if in_use() > 0 { " listening" } else { "" })
            class:selected=move || state.selected_block.get() == Some(number)
            data-testid="block"
            data-block=number
            data-state=block.state.as_str()
            data-project=shown(&block.projects.join(", "))
            title=move || with_use(&details, in_use())
            aria-label=move || with_use(&label, in_use())
            tabindex=move || if current.get() == number { "0" } else { "-1" }
            on:keydown=move |ev| on_arrow(&ev, number, current, state.selected_block)
            on:click=move |_| {
                state.selected_block.set(Some(number));
                // The detail is drawn below the grid: bring it into view, however little of it showed.
                request_animation_frame(|| dom::reveal("[data-testid=\"block-detail\"]"));
            }
            on:mouseenter=move |_| pointed.set(Some(enter.clone()))
            on:focus=move |_| pointed.set(Some(focus.clone()))
        >
            // The in-use mark shares the number's line, so the name keeps its own line in the cell.
            <span class="block-number">
                {number}" "<span class="block-mark" aria-hidden="true">{mark(block.state.as_str())}</span>
                {move || (in_use() > 0).then(|| view! { <span class="in-use-mark" aria-hidden="true"></span> })}
            </span>
            " "
            <span class="block-name">{name}</span>
        </button>
    }
}
