//! One block in detail: its 10 instances × 10 services and who claims each slot.

use leptos::prelude::*;
use portreg_core::overview::block_slots;

use crate::analysis::Analysis;
use crate::rich_text::{shown, RichText};

use crate::state::use_state;

/// The ports of `range` the pasted listing shows in use, and by what.
fn in_use(state: crate::state::AppState, range: portreg_core::PortRange) -> Option<impl IntoView> {
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

/// The selected block's instance table.
#[component]
pub fn BlockDetail() -> impl IntoView {
    let state = use_state();
    let detail = move || {
        let block = state.selected_block.get()?;
        let policy = state.policy.get_value();
        let range = policy.block_range(block)?;
        let slots = state.analysis.with(|a| a.registry().map(|r| block_slots(r, &policy, block)))?;
        let view = state.analysis.with(|a| match a {
            Analysis::Checked { blocks, .. } => blocks.iter().find(|b| b.block == block).cloned(),
            Analysis::TooLarge(_) => None,
        })?;
        let unclaimed = shown(&view.unclaimed_slot());
        let services = policy.services.clone();
        Some(view! {
            <section
                class="panel"
                aria-labelledby="detail-title"
                data-testid="block-detail"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        state.selected_block.set(None);
                        crate::dom::focus(&format!("[data-testid=\"block\"][data-block=\"{block}\"]"));
                    }
                }
            >
                <h2 id="detail-title">{format!("Block {block}: {range}")}</h2>
                <button type="button" class="close" data-testid="close-detail" aria-label="Close the block detail (Escape)" on:click=move |_| {
                    state.selected_block.set(None);
                    crate::dom::focus(&format!("[data-testid=\"block\"][data-block=\"{block}\"]"));
                }>"Close"</button>
                <p class=format!("holding {}", view.state.as_str()) data-testid="block-holding" data-state=view.state.as_str()>{shown(&view.holding())}</p>
                <div class="table-scroll" tabindex="0" role="region" aria-label=format!("Instances of block {block}")>
                    <table class="slots">
                        <thead>
                            <tr>
                                <th scope="col">"Instance"</th>
                                <th scope="col">"Registered"</th>
                                {services.iter().map(|s| view! { <th scope="col" title=s.name>{format!("+{} {}", s.offset, s.key)}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {slots.into_iter().map(|slot| {
                                let claimed = if slot.rows.is_empty() {
                                    unclaimed.clone()
                                } else {
                                    slot.rows.iter().map(|r| {
                                        let status = r.status.map_or(String::new(), |s| format!(", {s}"));
                                        let branch = if r.branch.is_empty() { String::new() } else { format!(" ({})", r.branch) };
                                        shown(&format!("{}{branch}{status}", r.project))
                                    }).collect::<Vec<_>>().join("; ")
                                };
                                let free = slot.rows.is_empty() && unclaimed == "free";
                                view! {
                                    <tr class:free=free>
                                        <th scope="row">{format!("{} {}", slot.instance, slot.purpose)}</th>
                                        <td>{claimed}</td>
                                        {(0..10).map(|offset| {
                                            let port = slot.range.start + offset;
                                            let who = state.analysis.with(|a| a.listening().map(|l| shown(&l.who(port))).unwrap_or_default());
                                            let title = if who.is_empty() { String::new() } else { format!("in use: {who}") };
                                            view! {
                                                <td class="port" class:listening=!who.is_empty() data-port=port data-listening=who title=title>{port}</td>
                                            }
                                        }).collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {in_use(state, range)}
            </section>
        })
    };
    view! { {detail} }
}
