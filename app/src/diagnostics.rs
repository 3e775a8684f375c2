//! Live findings, grouped by severity, each linked to its line.

use leptos::prelude::*;
use portreg_core::Severity;

use crate::analysis::{megabytes, Analysis, Finding, MAX_DOCUMENT_BYTES};
use crate::finding::FindingItem;
use crate::state::use_state;

/// Findings listed per severity at first, and added per "Show more"; the
/// summary counts them all. Listing tens of thousands at once would freeze
/// the page for no reader's benefit.
const PAGE: u32 = 200;

/// The severities, in the order listed.
const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// Summary counts and the findings.
#[component]
pub fn Diagnostics() -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="findings-title">
            <h2 id="findings-title" tabindex="-1">"Findings"</h2>
            <Summary/>
            <TooLarge/>
            <FindingGroups/>
        </section>
    }
}

/// Errors, warnings and infos counted.
#[component]
fn Summary() -> impl IntoView {
    let state = use_state();
    let counts = move || {
        state.analysis.with(|a| match a {
            Analysis::Checked { summary, .. } => (summary.errors, summary.warnings, summary.infos),
            Analysis::TooLarge(_) => (0, 0, 0),
        })
    };
    view! {
        <p
            class="summary"
            role="status"
            data-testid="summary"
            data-errors=move || counts().0
            data-warnings=move || counts().1
            data-infos=move || counts().2
            data-pending=move || state.checking.get().to_string()
        >
            {move || {
                let (e, w, i) = counts();
                // While a big document is checked, the counts shown are of an earlier version.
                let (open, close) = if state.checking.get() { ("Checking… (before the last edit: ", ")") } else { ("", "") };
                format!("{open}{e} error{} · {w} warning{} · {i} info{}{close}", plural(e), plural(w), plural(i))
            }}
        </p>
    }
}

/// Why a document too large to check has no findings.
#[component]
fn TooLarge() -> impl IntoView {
    let state = use_state();
    let message = move || {
        state.analysis.with(|a| match a {
            Analysis::TooLarge(bytes) => Some(format!(
                "This document is {}; portreg checks registries up to {}. Nothing was changed.",
                megabytes(*bytes),
                megabytes(MAX_DOCUMENT_BYTES)
            )),
            Analysis::Checked { .. } => None,
        })
    };
    move || message().map(|text| view! { <p class="notice" role="alert">{text}</p> })
}

/// The findings of each severity, a page of them at first.
#[component]
fn FindingGroups() -> impl IntoView {
    let state = use_state();
    // How many of each severity are listed; "Show more" adds a page. Kept while the document changes.
    let limits = SEVERITIES.map(|_| RwSignal::new(PAGE));
    let groups = move || {
        state.analysis.with(|a| match a {
            Analysis::Checked { findings, .. } => SEVERITIES
                .into_iter()
                .zip(limits)
                .map(|(s, limit)| (s, limit, findings.iter().filter(|f| f.severity == s).cloned().collect::<Vec<_>>()))
                .filter(|(_, _, list)| !list.is_empty())
                .collect::<Vec<_>>(),
            Analysis::TooLarge(_) => Vec::new(),
        })
    };
    view! {
        <div data-testid="diagnostics">
            {move || {
                // Read here, so "Show more" lists the group again.
                limits.iter().for_each(|l| l.track());
                groups().into_iter().map(|(severity, limit, list)| view! { <FindingGroup severity limit list/> }).collect_view()
            }}
        </div>
    }
}

/// One severity's findings: the first `limit`, and how to see the rest.
#[component]
fn FindingGroup(severity: Severity, limit: RwSignal<u32>, list: Vec<Finding>) -> impl IntoView {
    let total = list.len();
    let shown = usize::try_from(limit.get_untracked()).unwrap_or(usize::MAX).min(total);
    view! {
        <h3 class=format!("group {}", severity.as_str())>{heading(severity)}" ("{total}")"</h3>
        <ul class="findings">
            {list.into_iter().take(shown).map(|f| view! { <FindingItem finding=f/> }).collect_view()}
            {(total > shown).then(|| view! { <MoreFindings shown total limit/> })}
        </ul>
    }
}

/// Says how many findings are not listed, with a button to list more.
#[component]
fn MoreFindings(shown: usize, total: usize, limit: RwSignal<u32>) -> impl IntoView {
    let next = (PAGE as usize).min(total - shown);
    view! {
        <li class="more" data-testid="more-findings">
            {format!("Showing {shown} of {total}: and {} more, not listed yet. ", total - shown)}
            <button type="button" data-testid="show-more" on:click=move |_| limit.update(|l| *l += PAGE)>
                {format!("Show {next} more")}
            </button>
        </li>
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn heading(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Notes",
    }
}
