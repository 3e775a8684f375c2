//! The Usage section: paste what a machine's tools say is listening; the
//! findings (U6xx) join the others, and the grid and block detail mark the
//! ports in use. The commands to run are shown for each system.

use leptos::prelude::*;
use portreg_core::usage::{ListingCommand, LISTING_COMMANDS};

use crate::copy_button::CopyButton;
use crate::listening::Listening;
use crate::rich_text::{shown, RichText};
use crate::state::use_state;

/// The most listeners listed under the paste box; the grid and findings show all.
const SHOWN_LISTENERS: usize = 100;

/// The paste box, the commands, and what was read.
#[component]
pub fn Usage() -> impl IntoView {
    let state = use_state();
    let status = move || {
        state.analysis.with(|a| match a.listening() {
            None | Some(Listening::None) => ("empty", "Paste a listing to check it against the registry.".to_owned()),
            Some(Listening::Refused(why)) => ("refused", why.clone()),
            Some(Listening::Read(listing)) => {
                let formats: Vec<&str> = listing.formats.iter().map(|f| f.command()).collect();
                let count = listing.listeners.len();
                let unread = match listing.unreadable_count {
                    0 => String::new(),
                    n => format!("; {n} line{} could not be read", if n == 1 { "" } else { "s" }),
                };
                let sockets = if count == 1 { "socket" } else { "sockets" };
                // A paste may be filtered (`| grep`, `lsof -i :PORT`): idle entries (U606) are not looked for.
                let idle = "Entries nothing listens on are not reported: a pasted listing may be filtered.";
                ("read", format!("Read {count} listening {sockets} from `{}`{unread}. {idle}", formats.join("`, `")))
            }
        })
    };
    view! {
        <section class="panel" aria-labelledby="usage-title">
            <h2 id="usage-title">"Usage"</h2>
            <p>"Run one of these on a machine, then paste what it prints below. Nothing leaves this browser."</p>
            <dl class="commands">
                {LISTING_COMMANDS.map(|ListingCommand { id, system, command }| view! {
                    <dt>{system}</dt>
                    <dd>
                        <code data-testid=format!("usage-command-{id}")>{command}</code>
                        " "
                        <CopyButton text=Box::new(move || command.to_owned()) testid="usage-copy" label="Copy"/>
                    </dd>
                }).collect_view()}
            </dl>
            <label class="field-label" for="listing-input">"Listing (lsof, ss, netstat, docker ps, Get-NetTCPConnection, netsh)"</label>
            <textarea
                id="listing-input"
                data-testid="listing-input"
                rows="8"
                spellcheck="false"
                prop:value=move || state.listing.get()
                on:input=move |ev| state.listing.set(event_target_value(&ev))
            ></textarea>
            <p>
                <button type="button" data-testid="listing-clear" on:click=move |_| state.listing.set(String::new())>"Clear listing"</button>
            </p>
            <p data-testid="listing-status" data-state=move || status().0 aria-live="polite">
                {move || view! { <RichText text=shown(&status().1)/> }}
            </p>
            <Listeners/>
        </section>
    }
}

/// What listens on which port, as read from the listing.
#[component]
fn Listeners() -> impl IntoView {
    let state = use_state();
    let rows = move || {
        state.analysis.with(|a| {
            let Some(listing) = a.listening().and_then(Listening::listing) else { return Vec::new() };
            let policy = state.policy.get_value();
            let mut rows: Vec<(u32, String, String, String)> = listing
                .listeners
                .iter()
                .map(|l| {
                    let what = portreg_core::lookup(u64::from(l.port), &policy, None)
                        .map_or(String::new(), |i| i.zone.to_string());
                    (l.port, l.bind.to_string(), shown(&l.who()), what)
                })
                .collect();
            // By port already: a socket listed for IPv4 and IPv6 shows once.
            rows.dedup();
            rows
        })
    };
    view! {
        {move || {
            let rows = rows();
            (!rows.is_empty()).then(|| view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label="Listening ports">
                    <table class="listeners">
                        <thead><tr><th scope="col">"Port"</th><th scope="col">"Bound to"</th><th scope="col">"Who"</th><th scope="col">"Under the policy"</th></tr></thead>
                        <tbody>
                            {rows.iter().take(SHOWN_LISTENERS).map(|(port, bind, who, what)| view! {
                                <tr data-testid="listener" data-port=*port>
                                    <td>{*port}</td>
                                    <td><RichText text=bind.clone()/></td>
                                    <td><RichText text=who.clone()/></td>
                                    <td>{what.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })
        }}
    }
}
