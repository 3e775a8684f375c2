//! A Copy button that says when it has copied.

use leptos::prelude::*;

use crate::dom;

/// How long "Copied" stays on the button, in milliseconds.
const SHOWN_MS: u64 = 1_500;

/// Copies `text()` to the clipboard and shows "Copied" for a moment (or why not).
#[component]
pub fn CopyButton(
    /// What to copy, read when clicked.
    text: Box<dyn Fn() -> String + Send + Sync>,
    /// The button's `data-testid`.
    #[prop(optional)]
    testid: &'static str,
    /// The button's label.
    #[prop(default = "Copy")]
    label: &'static str,
) -> impl IntoView {
    let said = RwSignal::new(None::<&'static str>);
    let on_click = move |_| {
        let copied = dom::copy(&text());
        said.set(Some(if copied { "Copied ✓" } else { "Copy failed" }));
        set_timeout(move || said.set(None), std::time::Duration::from_millis(SHOWN_MS));
    };
    view! {
        <button type="button" data-testid=testid on:click=on_click>
            {move || said.get().unwrap_or(label)}
        </button>
        <span class="visually-hidden" role="status">{move || said.get().unwrap_or_default()}</span>
    }
}
