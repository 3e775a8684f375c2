//! Block + instance + service to port, and any port back to what it is.

use leptos::prelude::*;
use portreg_core::lookup::lookup;
use portreg_core::Code;
use portreg_core::Policy;

use crate::rich_text::shown;
use crate::state::{use_state, AppState};

/// Both directions of the policy's formula.
#[component]
pub fn Calculator() -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="calc-title">
            <h2 id="calc-title">"Calculator"</h2>
            <Forward/>
            <Reverse/>
        </section>
    }
}

/// Why a typed block gives no port; `last` is the policy's last block.
#[derive(Debug, Clone, PartialEq, Eq)]
enum BlockInput {
    /// Nothing was typed.
    Empty { last: u32 },
    /// What was typed is no whole number.
    NotANumber { typed: String, last: u32 },
    /// The number is past the last block.
    PastTheLast { number: u32, last: u32 },
}

impl std::fmt::Display for BlockInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BlockInput::Empty { last } => write!(f, "type a block number, 0 to {last}"),
            BlockInput::NotANumber { typed, last } => {
                write!(f, "{typed} is not a block number (0 to {last})", typed = Code(typed))
            }
            BlockInput::PastTheLast { number, last } => write!(f, "block {number} is past the last block, {last}"),
        }
    }
}

/// The port of `block` (as typed), `instance` and the service at `offset`,
/// or why there is none: a block number is whole, from 0 to the last block.
fn port_of(policy: &Policy, block: &str, instance: u32, offset: u32) -> Result<u32, BlockInput> {
    let last = policy.block_count - 1;
    let number: u32 = match block.trim() {
        "" => return Err(BlockInput::Empty { last }),
        typed => typed.parse().map_err(|_| BlockInput::NotANumber { typed: typed.to_owned(), last })?,
    };
    let range = policy.instance_range(number, instance).ok_or(BlockInput::PastTheLast { number, last })?;
    Ok(range.start + offset)
}

/// Block, instance and service to a port.
#[component]
fn Forward() -> impl IntoView {
    let state = use_state();
    let policy = state.policy.get_value();
    let block = RwSignal::new("0".to_owned());
    let instance = RwSignal::new(1u32);
    let offset = RwSignal::new(0u32);
    let port = move || state.policy.with_value(|p| port_of(p, &block.get(), instance.get(), offset.get()));
    let number = |signal: RwSignal<u32>| move |ev| signal.set(event_target_value(&ev).parse().unwrap_or(0));
    view! {
        <div class="form-row">
            <label>"Block " <input type="number" min="0" step="1" max=policy.block_count - 1 data-testid="calc-block" prop:value=move || block.get() on:input=move |ev| block.set(event_target_value(&ev))/></label>
            <label>"Instance "
                <select data-testid="calc-instance" on:change=number(instance)>
                    {(1..=policy.instances_per_block()).map(|n| view! { <option value=n>{format!("{n} {}", policy.purpose(n).unwrap_or(""))}</option> }).collect_view()}
                </select>
            </label>
            <label>"Service "
                <select data-testid="calc-service" on:change=number(offset)>
                    {policy.services.iter().map(|s| view! { <option value=s.offset>{format!("+{} {}", s.offset, s.name)}</option> }).collect_view()}
                </select>
            </label>
        </div>
        <p>{move || match port() {
            Ok(port) => view! { "Port: " <output data-testid="calc-port">{port}</output> }.into_any(),
            Err(why) => view! { <output data-testid="calc-port" class="refused">{shown(&why.to_string())}</output> }.into_any(),
        }}</p>
    }
}

/// What the port typed in `text` is and who holds it, in words.
fn describe_port(state: AppState, text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return "Type a port to see what it is and who holds it.".to_owned();
    }
    let Ok(port) = text.parse::<u64>() else { return format!("{text} is not a port number.", text = Code(text)) };
    match state.analysis.with(|a| state.policy.with_value(|p| lookup(port, p, a.registry()))) {
        Err(error) => format!("{error}."),
        Ok(info) => {
            let holders: Vec<String> = info.holders.iter().map(|h| h.describe()).collect();
            let who = if holders.is_empty() {
                "held by nobody".to_owned()
            } else {
                format!("held by {}", holders.join("; "))
            };
            format!("{}: {}; {who}.", info.port, info.zone)
        }
    }
}

/// A port to what it is.
#[component]
fn Reverse() -> impl IntoView {
    let state = use_state();
    let query = RwSignal::new(String::new());
    view! {
        <label class="field-label" for="lookup-input">"What is port…"</label>
        <input id="lookup-input" type="text" inputmode="numeric" data-testid="lookup-input" placeholder="30213"
            prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
        <p data-testid="lookup-result" aria-live="polite">{move || shown(&query.with(|q| describe_port(state, q)))}</p>
    }
}
