//! A link that carries the document in its fragment. Fragments never reach a server.

use leptos::prelude::*;
use portreg_core::share;

use crate::copy_button::CopyButton;
use crate::dom;
use crate::state::use_state;

/// The share-link button and the link it makes.
#[component]
pub fn Share() -> impl IntoView {
    let state = use_state();
    let url = RwSignal::new(String::new());
    // The revision of the document the link holds: it goes stale with the next change.
    let made_at = RwSignal::new(None::<u64>);
    let make = move |_| {
        let link = state.text.with_untracked(|t| format!("{}#doc={}", dom::page_address(), share::encode(t)));
        url.set(link);
        made_at.set(Some(state.revision.get_untracked()));
    };
    let stale = move || made_at.get().is_some_and(|at| at != state.revision.get());
    view! {
        <section class="panel" aria-labelledby="share-title">
            <h2 id="share-title">"Share"</h2>
            <p class="hint">"The link holds the whole document, compressed in its fragment, which browsers never send to a server."</p>
            <div class="toolbar">
                <button type="button" data-testid="share-link" on:click=make>"Make a share link"</button>
                <CopyButton label="Copy link" text=Box::new(move || url.get_untracked())/>
            </div>
            {move || stale().then(|| view! {
                <p class="notice" data-testid="share-stale">"The document changed since this link was made: make it again to share the changes."</p>
            })}
            <label class="field-label" for="share-url">"Share link"</label>
            <input id="share-url" type="text" readonly data-testid="share-url" prop:value=move || url.get()/>
        </section>
    }
}
