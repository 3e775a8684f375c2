//! A link that carries the document in its fragment. Fragments never reach a server.

use leptos::prelude::*;
use portreg_core::share;

use crate::dom;
use crate::state::use_state;

/// The share-link button and the link it makes.
#[component]
pub fn Share() -> impl IntoView {
    let state = use_state();
    let url = RwSignal::new(String::new());
    let make = move |_| {
        let link = state.text.with_untracked(|t| format!("{}#doc={}", dom::page_address(), share::encode(t)));
        url.set(link);
    };
    view! {
        <section class="panel" aria-labelledby="share-title">
            <h2 id="share-title">"Share"</h2>
            <p class="hint">"The link holds the whole document, compressed in its fragment, which browsers never send to a server."</p>
            <div class="toolbar">
                <button type="button" data-testid="share-link" on:click=make>"Make a share link"</button>
                <button type="button" on:click=move |_| dom::copy(&url.get_untracked()) disabled=move || url.get().is_empty()>"Copy link"</button>
            </div>
            <label class="field-label" for="share-url">"Share link"</label>
            <input id="share-url" type="text" readonly data-testid="share-url" prop:value=move || url.get()/>
        </section>
    }
}
