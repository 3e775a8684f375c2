//! Live findings, grouped by severity, each linked to its line.

use leptos::prelude::*;
use portreg_core::Severity;

use crate::analysis::{megabytes, Analysis, Finding, MAX_DOCUMENT_BYTES};
use crate::rich_text::RichText;
use crate::state::use_state;

/// Findings listed per severity; the summary counts them all. Listing tens of
/// thousands would freeze the page for no reader's benefit.
const SHOWN_PER_GROUP: usize = 200;

/// Summary counts and the findings.
#[component]
pub fn Diagnostics() -> impl IntoView {
    let state = use_state();
    let summary = move || {
        state.analysis.with(|a| match a {
            Analysis::Checked { summary, .. } => (summary.errors, summary.warnings, summary.infos),
            Analysis::TooLarge(_) => (0, 0, 0),
        })
    };
    let groups = move || {
        state.analysis.with(|a| match a {
            Analysis::Checked { findings, .. } => [Severity::Error, Severity::Warning, Severity::Info]
                .into_iter()
                .map(|s| (s, findings.iter().filter(|f| f.severity == s).cloned().collect::<Vec<_>>()))
                .filter(|(_, list)| !list.is_empty())
                .collect::<Vec<_>>(),
            Analysis::TooLarge(_) => Vec::new(),
        })
    };
    let too_large = move || {
        state.analysis.with(|a| match a {
            Analysis::TooLarge(bytes) => Some(format!(
                "This document is {}; portreg checks registries up to {}. Nothing was changed.",
                megabytes(*bytes),
                megabytes(MAX_DOCUMENT_BYTES)
            )),
            Analysis::Checked { .. } => None,
        })
    };
    view! {
        <section class="panel" aria-labelledby="findings-title">
            <h2 id="findings-title" tabindex="-1">"Findings"</h2>
            <p
                class="summary"
                role="status"
                data-testid="summary"
                data-errors=move || summary().0
                data-warnings=move || summary().1
                data-infos=move || summary().2
                data-pending=move || state.checking.get().to_string()
            >
                {move || {
                    let (e, w, i) = summary();
                    // While a big document is checked, the counts shown are of an earlier version.
                    let checking = if state.checking.get() { "Checking… (before the last edit: " } else { "" };
                    let close = if state.checking.get() { ")" } else { "" };
                    format!("{checking}{e} error{} · {w} warning{} · {i} info{}{close}", plural(e), plural(w), plural(i))
                }}
            </p>
            {move || too_large().map(|text| view! { <p class="notice" role="alert">{text}</p> })}
            <div data-testid="diagnostics">
                {move || {
                    groups()
                        .into_iter()
                        .map(|(severity, list)| {
                            view! {
                                <h3 class=format!("group {}", severity.as_str())>{heading(severity)}" ("{list.len()}")"</h3>
                                <ul class="findings">
                                    {list.iter().take(SHOWN_PER_GROUP).cloned().map(|f| view! { <FindingItem finding=f/> }).collect_view()}
                                    {(list.len() > SHOWN_PER_GROUP).then(|| view! {
                                        <li class="more">{format!("…and {} more, not listed; fix the ones above first.", list.len() - SHOWN_PER_GROUP)}</li>
                                    })}
                                </ul>
                            }
                        })
                        .collect_view()
                }}
            </div>
        </section>
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Asks the person to confirm `question`; `false` when the page cannot ask.
fn confirm(question: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false)
}

fn heading(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Notes",
    }
}

/// One finding: line link, code, message, help, fix and the rule's doc.
#[component]
fn FindingItem(
    /// The finding.
    finding: Finding,
) -> impl IntoView {
    let state = use_state();
    let span = finding.span.clone();
    let fix = finding.fix.clone().map(|fix| {
        let safe = fix.is_safe();
        let breaks = fix.breaks.clone().unwrap_or_default();
        let edits = fix.edits.clone();
        let question = format!("{}\n\nThis fix is unsafe: {breaks}. Apply it anyway?", fix.title);
        // An unsafe fix changes what running services use: it is applied only once confirmed.
        let on_click = move |_| {
            if safe || confirm(&question) {
                state.apply_fix(&edits);
                // The fixed finding and its button are gone: keep the focus in the findings.
                crate::dom::focus("#findings-title");
            }
        };
        view! {
            <button
                type="button"
                class=if safe { "fix" } else { "fix unsafe" }
                data-testid="fix"
                data-applicability=fix.applicability.as_str()
                title=fix.breaks.clone().unwrap_or_default()
                on:click=on_click
            >
                {if safe { "Fix: " } else { "Unsafe fix: " }}
                {fix.title.clone()}
            </button>
        }
    });
    view! {
        <li
            class=format!("finding {}", finding.severity.as_str())
            data-testid="diagnostic"
            data-code=finding.code
            data-severity=finding.severity.as_str()
            data-line=finding.line
        >
            {if finding.line == 0 {
                // About no row of the registry: a listener of the pasted listing.
                view! { <a class="line-link" href="#usage">"listing"</a> }.into_any()
            } else {
                view! {
                    <button type="button" class="line-link" on:click=move |_| state.select(span.clone())>
                        {format!("line {}", finding.line)}
                    </button>
                }.into_any()
            }}
            <code class="code">{finding.code}</code>
            <span class="message"><RichText text=finding.message/></span>
            <p class="help"><RichText text=finding.help/></p>
            {fix}
            <details>
                <summary>{format!("About {} {}", finding.code, finding.name)}</summary>
                <p>{finding.doc}</p>
            </details>
        </li>
    }
}
