//! One block in detail: who holds it, its 10 instances × 10 services and
//! who claims each slot, and the ports a pasted listing shows in use.

use leptos::prelude::*;
use portreg_core::overview::{block_slots, BlockView, SlotView};
use portreg_core::{PortRange, Service};

use crate::analysis::Analysis;
use crate::rich_text::{shown, RichText};
use crate::state::{use_state, AppState};

/// The selected block's detail, when a block is selected.
#[component]
pub fn BlockDetail() -> impl IntoView {
    let state = use_state();
    move || {
        let block = state.selected_block.get()?;
        let view = state.analysis.with(|a| match a {
            Analysis::Checked { blocks, .. } => blocks.iter().find(|b| b.block == block).cloned(),
            Analysis::TooLarge(_) => None,
        })?;
        Some(view! { <DetailPanel view/> })
    }
}

/// Closes the detail and gives the focus back to its block in the grid.
fn close(state: AppState, block: u32) {
    state.selected_block.set(None);
    crate::dom::focus(&format!("[data-testid=\"block\"][data-block=\"{block}\"]"));
}

/// The detail of one block; Escape or Close closes it.
#[component]
fn DetailPanel(view: BlockView) -> impl IntoView {
    let state = use_state();
    let block = view.block;
    let policy = state.policy.get_value();
    let slots = state.analysis.with(|a| a.registry().map(|r| block_slots(r, &policy, block))).unwrap_or_default();
    let unclaimed = shown(&view.unclaimed_slot());
    view! {
        <section
            class="panel detail"
            aria-labelledby="detail-title"
            data-testid="block-detail"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    close(state, block);
                }
            }
        >
            <h2 id="detail-title">{format!("Block {block}: {}", view.range)}</h2>
            <button type="button" class="close" data-testid="close-detail" aria-label="Close the block detail (Escape)" on:click=move |_| close(state, block)>"Close"</button>
            <p class=format!("holding {}", view.state.as_str()) data-testid="block-holding" data-state=view.state.as_str()>{shown(&view.holding())}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=format!("Instances of block {block}")>
                <table class="slots">
                    <SlotHead services=policy.services.clone()/>
                    <tbody>
                        {slots.into_iter().map(|slot| view! { <SlotLine instance=slot unclaimed=unclaimed.clone()/> }).collect_view()}
                    </tbody>
                </table>
            </div>
            {in_use(state, view.range)}
        </section>
    }
}

/// The table's head: the instance, who registered it, and each service by
/// offset and key (its full name in the title).
#[component]
fn SlotHead(services: Vec<Service>) -> impl IntoView {
    view! {
        <thead>
            <tr>
                <th scope="col">"Instance"</th>
                <th scope="col">"Registered"</th>
                <th scope="col" class="range">"Ports"</th>
                {services.into_iter().map(|s| view! {
                    <th scope="col" class="service" title=s.name><span class="offset">{format!("+{}", s.offset)}</span>" "<span class="key">{s.key}</span></th>
                }).collect_view()}
            </tr>
        </thead>
    }
}

/// Who claims an instance slot, in words; `unclaimed` when no row does.
fn claimed(slot: &SlotView, unclaimed: &str) -> String {
    if slot.rows.is_empty() {
        return unclaimed.to_owned();
    }
    let rows: Vec<String> = slot
        .rows
        .iter()
        .map(|r| {
            let status = r.status.map_or(String::new(), |s| format!(", {s}"));
            let branch = if r.branch.is_empty() { String::new() } else { format!(" ({})", r.branch) };
            shown(&format!("{}{branch}{status}", r.project))
        })
        .collect();
    rows.join("; ")
}

/// One instance: who claims it and its ten ports, each marked when in use.
#[component]
fn SlotLine(instance: SlotView, unclaimed: String) -> impl IntoView {
    let state = use_state();
    let free = instance.rows.is_empty() && unclaimed == "free";
    let who = claimed(&instance, &unclaimed);
    let ports: Vec<(u32, String)> = (instance.range.start..=instance.range.end)
        .map(|port| (port, state.analysis.with(|a| a.listening().map(|l| shown(&l.who(port))).unwrap_or_default())))
        .collect();
    let in_use: Vec<String> =
        ports.iter().filter(|(_, who)| !who.is_empty()).map(|(port, _)| port.to_string()).collect();
    let in_use = if in_use.is_empty() { String::new() } else { format!(" in use: {}", in_use.join(", ")) };
    view! {
        <tr class:free=free>
            <th scope="row">{instance.instance}" "<Purpose text=instance.purpose/></th>
            <td class="claimed">{who}</td>
            // A narrow screen shows the range instead of the ten ports.
            <td class="range">{format!("{}–{}", instance.range.start, instance.range.end)}<span class="in-use">{in_use}</span></td>
            {ports.into_iter().map(|(port, who)| {
                let title = if who.is_empty() { String::new() } else { format!("in use: {who}") };
                view! { <td class="port" class:listening=!who.is_empty() data-port=port data-listening=who title=title>{port}</td> }
            }).collect_view()}
        </tr>
    }
}

/// An instance's purpose, free to wrap after each `/` (`Development/Main`).
#[component]
fn Purpose(text: &'static str) -> impl IntoView {
    let parts: Vec<&'static str> = text.split_inclusive('/').collect();
    parts.into_iter().map(|part| view! { {part}<wbr/> }).collect_view()
}

/// The ports of `range` the pasted listing shows in use, and by what.
fn in_use(state: AppState, range: PortRange) -> Option<impl IntoView> {
    let ports: Vec<(u32, String)> = state.analysis.with(|a| {
        let listening = a.listening()?;
        let mut ports: Vec<u32> = listening.within(range).iter().map(|l| l.port).collect();
        ports.dedup();
        Some(ports.into_iter().map(|port| (port, shown(&listening.who(port)))).collect())
    })?;
    (!ports.is_empty()).then(|| {
        view! {
            <h3>"In use"</h3>
            <ul data-testid="block-in-use">
                {ports.into_iter().map(|(port, who)| view! {
                    <li data-port=port><strong>{port}</strong>": "<RichText text=who/></li>
                }).collect_view()}
            </ul>
        }
    })
}
