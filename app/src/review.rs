//! The policy's regular review as a panel (what to archive, deprecated
//! entries, old emergency assignments, blocks left) and the emergency
//! ports form: free ports from 40000 up recorded in the document, as one
//! undoable change, with the plan to move back.

use leptos::prelude::*;
use portreg_core::ops::{emergency, move_back, Emergency};
use portreg_core::review::{review, ReviewItem, EMERGENCY_DAYS};
use portreg_core::Code;
use portreg_core::{PortRange, ReservedKind};

use crate::listening::Listening;
use crate::registration::{chosen_or_first, ProjectSelect};
use crate::rich_text::{shown, RichText};
use crate::state::use_state;

/// The review lists and the emergency form.
#[component]
pub fn Review() -> impl IntoView {
    let state = use_state();
    let lists = move || {
        state.analysis.with(|a| {
            let registry = a.registry()?;
            Some(state.policy.with_value(|p| {
                let mut found = review(registry, p, state.today, EMERGENCY_DAYS);
                // An entry something listens on in the pasted listing is not to archive (U608 says so).
                if let Some(listing) = a.listening().and_then(Listening::listing) {
                    found.leave_in_use(registry, p, listing);
                }
                found
            }))
        })
    };
    let section = |title: String, testid: &'static str, items: Vec<ReviewItem>| {
        view! {
            <h3>{title}</h3>
            <ul data-testid=testid>
                {if items.is_empty() { Some(view! { <li>"None."</li> }) } else { None }}
                {items.into_iter().map(|i| view! { <li>{shown(&format!("{} ({})", i.project, i.reason))}</li> }).collect_view()}
            </ul>
        }
    };
    view! {
        <section class="panel" aria-labelledby="review-title">
            <h2 id="review-title">"Review"</h2>
            <p>"The policy's regular tasks, from the document; paste a listing under Usage to see what does not match use among the findings."</p>
            {move || lists().map(|r| view! {
                {section("To archive (inactive, or reserved and unused)".to_owned(), "review-archive", r.archive)}
                {section("Deprecated entries".to_owned(), "review-deprecated", r.deprecated)}
                {section(format!("Emergency assignments older than {EMERGENCY_DAYS} days"), "review-emergency", r.emergency)}
                <p data-testid="review-blocks">{format!("{} of {} blocks free.", r.blocks_total - r.blocks_used.min(r.blocks_total), r.blocks_total)}</p>
            })}
            <EmergencyForm/>
        </section>
    }
}

/// Records emergency ports for a registered project and shows the plan.
#[component]
fn EmergencyForm() -> impl IntoView {
    let state = use_state();
    let choice = RwSignal::new(String::new());
    let plan = RwSignal::new(None::<Result<String, String>>);
    // The plan is about the document right after the change: it goes with the next one (Undo included).
    let said_at = RwSignal::new(0u64);
    Effect::new(move |_| {
        plan.track();
        said_at.set(state.revision.get_untracked());
    });
    let current = move || plan.get().filter(|_| said_at.get() == state.revision.get());
    let record = move |_| {
        let name = chosen_or_first(state, choice);
        // Ports something listens on, and those Windows excludes, are not handed out.
        let space = state.policy.with_value(|p| p.reserved_range(ReservedKind::Emergency));
        let space = space.unwrap_or(PortRange::new(40000, 65535));
        let listening: Vec<u32> = state.analysis.with_untracked(|a| {
            a.listening().and_then(Listening::listing).map_or(Vec::new(), |l| l.taken_ports(space))
        });
        let outcome = state.edit(|text, registry, policy| {
            let ask =
                Emergency { name: &name, count: 10, path: "", owner: "", today: state.today, listening: &listening };
            emergency(text, registry, policy, &ask)
                .map(|(change, range)| (change.edits, (range, move_back(registry, policy, &name, range, None))))
        });
        plan.set(Some(outcome.map(|(range, steps)| {
            let steps: Vec<String> = steps.iter().enumerate().map(|(i, s)| format!("{}. {s}", i + 1, s = Code(s))).collect();
            format!(
                "Recorded emergency ports {range} for {name} (Undo takes them back). Use {} for the frontend, {} for the API. \
                 To move back, run in order beside ports.md: {}",
                range.start,
                range.start + 1,
                steps.join(" "), name = Code(&name)
            )
        }).map_err(|e| e.to_string())));
    };
    view! {
        <h3>"Emergency ports"</h3>
        <p>"When a project's ports are taken and it must run now: 10 free ports from 40000 up that no row holds and nothing in the pasted listing uses."</p>
        <div class="form-row">
            <label>"Project " <ProjectSelect testid="emergency-project" choice=choice/></label>
            <button type="button" data-testid="emergency-submit" on:click=record>"Record emergency ports"</button>
        </div>
        {move || current().map(|result| match result {
            Ok(text) => view! { <p class="done" role="status" data-testid="emergency-result"><RichText text=shown(&text)/></p> }.into_any(),
            Err(text) => view! { <p class="notice" role="alert" data-testid="emergency-result"><RichText text=shown(&text)/></p> }.into_any(),
        })}
    }
}
