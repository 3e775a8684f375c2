//! Messages with `quoted` parts shown as code, not with literal backticks.

use leptos::prelude::*;

/// `text` as the page shows it: control characters and bidirectional
/// overrides written as `\u{..}` escapes, as findings show them. Everything
/// the page shows from a registry, a file name or a typed value goes through it.
pub fn shown(text: &str) -> String {
    portreg_core::visible(text).into_owned()
}

/// `text` with each part between backticks in a `<code>` element. Every part
/// is a text node: nothing in the text becomes markup.
#[component]
pub fn RichText(
    /// The message, as core writes it.
    text: String,
) -> impl IntoView {
    // An odd number of backticks leaves the last one as it is, so nothing is hidden.
    let balanced = text.matches('`').count() % 2 == 0;
    if !balanced {
        return view! { {text} }.into_any();
    }
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            let part = part.to_owned();
            if i % 2 == 1 {
                view! { <code>{part}</code> }.into_any()
            } else {
                view! { {part} }.into_any()
            }
        })
        .collect_view()
        .into_any()
}
