//! One finding: its line, code, message, help, where the app does what the
//! help says, its fix and the rule's documentation.

use leptos::prelude::*;
use portreg_core::Fix;

use crate::analysis::Finding;
use crate::pointers::pointers;
use crate::rich_text::{plain, RichText};
use crate::state::use_state;
use crate::tabs::use_tabs;

/// One finding.
#[component]
pub fn FindingItem(
    /// The finding.
    finding: Finding,
) -> impl IntoView {
    let links = pointers(&finding.help);
    view! {
        <li
            class=format!("finding {}", finding.severity.as_str())
            data-testid="diagnostic"
            data-code=finding.code
            data-severity=finding.severity.as_str()
            data-line=finding.line
        >
            <LineLink line=finding.line span=finding.span/>
            <code class="code">{finding.code}</code>
            <span class="message"><RichText text=finding.message/></span>
            <p class="help"><RichText text=finding.help/></p>
            {(!links.is_empty()).then(|| view! { <SectionLinks links/> })}
            {finding.fix.map(|fix| view! { <FixButton fix/> })}
            <details>
                <summary>{format!("About {} {}", finding.code, finding.name)}</summary>
                <p>{finding.doc}</p>
            </details>
        </li>
    }
}

/// The finding's line, selected in the editor when chosen; a finding about
/// no row (a listener of the pasted listing) links to the Usage section.
#[component]
fn LineLink(line: usize, span: std::ops::Range<usize>) -> impl IntoView {
    let state = use_state();
    if line == 0 {
        return view! { <a class="line-link" href="#usage">"listing"</a> }.into_any();
    }
    view! {
        <button type="button" class="line-link" on:click=move |_| state.select_finding(span.clone())>
            {format!("line {line}")}
        </button>
    }
    .into_any()
}

/// Buttons to the sections that do what the help's commands do.
#[component]
fn SectionLinks(links: Vec<crate::pointers::Link>) -> impl IntoView {
    let tabs = use_tabs();
    view! {
        <p class="in-app">
            {links.into_iter().map(|link| {
                let p = link.pointer;
                view! {
                    <button type="button" class="go" data-testid="go-to-section" data-tab=p.tab.id()
                        on:click=move |_| tabs.go(p.tab, p.focus, link.name.clone())>
                        {p.label}" →"
                    </button>
                }
            }).collect_view()}
        </p>
    }
}

/// Asks the person to confirm `question`; `false` when the page cannot ask.
fn confirm(question: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false)
}

/// The rule's fix. An unsafe fix (one that changes what running services
/// use) says so, and is applied only once confirmed.
#[component]
fn FixButton(fix: Fix) -> impl IntoView {
    let state = use_state();
    let safe = fix.is_safe();
    let breaks = plain(&fix.breaks.clone().unwrap_or_default());
    let question = format!("{}\n\nThis fix is unsafe: {breaks}. Apply it anyway?", plain(&fix.title));
    let edits = fix.edits.clone();
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
            title=breaks
            on:click=on_click
        >
            {if safe { "Fix: " } else { "Unsafe fix: " }}
            <RichText text=fix.title/>
        </button>
    }
}
