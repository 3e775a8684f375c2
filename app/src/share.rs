//! A link that carries the document in its fragment. Fragments never reach a server.

use leptos::prelude::*;
use portreg_core::share::{from_fragment, to_fragment, MAX_SHARE_BYTES};

use crate::compression::{deflate, inflate, Inflated};
use crate::copy_button::CopyButton;
use crate::dom;
use crate::state::{use_state, AppState};

/// Opens the document of a share link (`packed`, the fragment after
/// `#doc=`) over the current one, which is kept to restore; a link that
/// cannot be opened says why and changes nothing.
pub fn open_link(state: AppState, packed: String) {
    leptos::task::spawn_local(async move {
        let inflated = match from_fragment(&packed) {
            Some(bytes) => inflate(&bytes, MAX_SHARE_BYTES).await,
            None => Inflated::Damaged,
        };
        let refusal = match inflated {
            Inflated::Bytes(bytes) => match String::from_utf8(bytes) {
                Ok(text) => return state.load(text),
                Err(_) => "The share link holds no text (it is not UTF-8); your document was kept.".to_owned(),
            },
            Inflated::TooLarge => format!(
                "The share link holds a document over {MAX_SHARE_BYTES} bytes (1 MiB), more than a link carries; \
                 your document was kept."
            ),
            Inflated::Damaged => "The share link is damaged (cut short or changed); your document was kept.".to_owned(),
        };
        state.notice.set(Some(refusal));
    });
}

/// The share link of `text`, in this page's address.
async fn link_of(text: String) -> Option<String> {
    let packed = deflate(text.as_bytes()).await?;
    Some(format!("{}#doc={}", dom::page_address(), to_fragment(&packed)))
}

/// The share-link button and the link it makes.
#[component]
pub fn Share() -> impl IntoView {
    let state = use_state();
    let url = RwSignal::new(String::new());
    // The revision of the document the link holds: it goes stale with the next change.
    let made_at = RwSignal::new(None::<u64>);
    let make = move |_| {
        let (text, revision) = (state.text.get_untracked(), state.revision.get_untracked());
        if text.len() > MAX_SHARE_BYTES {
            url.set(String::new());
            let refusal = format!(
                "This document is {} bytes; a share link carries at most {MAX_SHARE_BYTES} bytes (1 MiB). Download it instead.",
                text.len()
            );
            return state.notice.set(Some(refusal));
        }
        leptos::task::spawn_local(async move {
            match link_of(text).await {
                Some(link) => {
                    url.set(link);
                    made_at.set(Some(revision));
                    // A refusal of an earlier, larger document no longer holds.
                    state.notice.set(None);
                }
                None => state.notice.set(Some("This browser could not compress the document into a link.".to_owned())),
            }
        });
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
