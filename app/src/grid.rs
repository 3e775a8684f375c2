//! The 100 project blocks as a 10×10 grid coloured by state.

use leptos::prelude::*;
use portreg_core::overview::BlockView;

use crate::analysis::Analysis;
use crate::dom;
use crate::state::use_state;

const STATES: [&str; 9] =
    ["free", "reserved", "active", "inactive", "legacy", "emergency", "deprecated", "archived", "conflict"];

/// The block grid with its legend and a line describing the block under the
/// pointer or focus.
#[component]
pub fn Grid() -> impl IntoView {
    let state = use_state();
    let pointed = RwSignal::new(None::<BlockView>);
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
                {STATES.map(|s| view! { <li><span class=format!("swatch {s}")></span>{s}</li> }).collect_view()}
            </ul>
            <div class="grid" data-testid="block-grid">
                <For each=blocks key=|b| (b.block, b.state, b.projects.clone()) let:block>
                    <BlockCell block=block pointed=pointed/>
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

fn describe(block: &BlockView) -> String {
    let who = if block.projects.is_empty() { "free".to_owned() } else { block.projects.join(", ") };
    format!("Block {} ({}): {} — {}", block.block, block.range, block.state.as_str(), who)
}

#[component]
fn BlockCell(
    /// The block.
    block: BlockView,
    /// The block described under the grid.
    pointed: RwSignal<Option<BlockView>>,
) -> impl IntoView {
    let state = use_state();
    let number = block.block;
    let details = describe(&block);
    let name = block.projects.first().cloned().unwrap_or_default();
    // The accessible name starts with the visible text, then the details.
    let label = format!("{number} {name}: {details}");
    let (enter, focus) = (block.clone(), block.clone());
    view! {
        <button
            type="button"
            class=format!("block {}", block.state.as_str())
            class:selected=move || state.selected_block.get() == Some(number)
            data-testid="block"
            data-block=number
            data-state=block.state.as_str()
            data-project=block.projects.join(", ")
            title=details
            aria-label=label
            on:click=move |_| state.selected_block.set(Some(number))
            on:mouseenter=move |_| pointed.set(Some(enter.clone()))
            on:focus=move |_| pointed.set(Some(focus.clone()))
        >
            <span class="block-number">{number}</span>
            " "
            <span class="block-name">{name}</span>
        </button>
    }
}
