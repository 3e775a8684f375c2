//! Messages with `quoted` parts shown as code, not with literal backticks.

use leptos::prelude::*;
use portreg_core::Span;

/// `text` as the page shows it: control characters and bidirectional
/// overrides written as `\u{..}` escapes, as findings show them. Everything
/// the page shows from a registry, a file name or a typed value goes through it.
pub fn shown(text: &str) -> String {
    portreg_core::visible(text).into_owned()
}

/// `text` as plain text, for a dialog or a tooltip: each quote in quotation
/// marks instead of its backtick fences.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for part in portreg_core::spans(text) {
        match part {
            Span::Code(quoted) => {
                out.push('“');
                out.push_str(quoted);
                out.push('”');
            }
            Span::Text(running) => out.push_str(running),
        }
    }
    out
}

/// `text` with each quote (a code span, as core writes them with
/// [`portreg_core::Code`]) in a `<code>` element. Every part is a text node:
/// nothing in the text becomes markup, and a backtick nothing closes stays.
#[component]
pub fn RichText(
    /// The message, as core writes it.
    text: String,
) -> impl IntoView {
    portreg_core::spans(&text)
        .into_iter()
        .map(|part| match part {
            Span::Code(quoted) => view! { <code>{quoted.to_owned()}</code> }.into_any(),
            Span::Text(running) => view! { {running.to_owned()} }.into_any(),
        })
        .collect_view()
}
