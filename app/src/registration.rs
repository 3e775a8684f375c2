//! Reserve a project, add an instance, change a status: each edits the document.

use leptos::prelude::*;
use portreg_core::ops::{self, AddInstance, Reserve, StatusTarget};
use portreg_core::registry::ProjectKey;
use portreg_core::Code;
use portreg_core::Status;
use wasm_bindgen::JsCast;

use crate::dom;
use crate::rich_text::{shown, RichText};
use crate::state::{use_state, AppState};

/// The three registration forms and the outcome of the last one.
#[component]
pub fn Registration() -> impl IntoView {
    let state = use_state();
    let outcome = RwSignal::new(None::<Result<String, String>>);
    // The outcome is about the document as it was right after: it goes with the next change.
    let said_at = RwSignal::new(0u64);
    Effect::new(move |_| {
        outcome.track();
        said_at.set(state.revision.get_untracked());
    });
    let current = move || outcome.get().filter(|_| said_at.get() == state.revision.get());
    view! {
        <section class="panel" aria-labelledby="reg-title">
            <h2 id="reg-title">"Register"</h2>
            <ReserveForm outcome=outcome/>
            <InstanceForm outcome=outcome/>
            <StatusForm outcome=outcome/>
            {move || current().map(|result| match result {
                Ok(text) => view! { <p class="done" role="status" data-testid="registration-result" tabindex="-1"><RichText text=shown(&text)/></p> }.into_any(),
                Err(text) => view! { <p class="notice" role="alert" data-testid="registration-result" tabindex="-1"><RichText text=shown(&text)/></p> }.into_any(),
            })}
            <p class="hint">{move || state.analysis.with(|a| match a.document().map(|d| d.blocks().next_free()) {
                Some(Some(block)) => format!("Next free block: {block}."),
                Some(None) => "Every block is taken.".to_owned(),
                None if a.too_large() => "The document is too large to edit here.".to_owned(),
                None => "Reading the document…".to_owned(),
            })}</p>
        </section>
    }
}

/// Names of the registered projects, each once.
pub fn project_names(state: AppState) -> Vec<String> {
    state.analysis.with(|a| {
        let mut names: Vec<String> = Vec::new();
        let mut keys = std::collections::BTreeSet::new();
        // While a big document is read again, the projects last read: the edit itself reads it afresh.
        for p in a.last_registry().map(|r| r.projects.as_slice()).unwrap_or_default() {
            if !p.common.name.is_empty() && keys.insert(p.common.key()) {
                names.push(p.common.name.to_string());
            }
        }
        names
    })
}

/// The project picked in `choice` while it is registered, else the first
/// registered one: what the select shows, and what its form acts on.
pub fn chosen_or_first(state: AppState, choice: RwSignal<String>) -> String {
    choice.with(|chosen| picked(&project_names(state), chosen).cloned().unwrap_or_default())
}

/// Of `names`, the one that is `chosen` as the registry matches names
/// (`Web` is `web`), else the first.
pub fn picked<'a>(names: &'a [String], chosen: &str) -> Option<&'a String> {
    let key = ProjectKey::of(chosen);
    names.iter().find(|n| ProjectKey::of(n) == key).or(names.first())
}

/// The project a select's change picks: a help button's (in `data-wanted`,
/// which it leaves), else the option chosen.
pub fn picked_in_list(ev: &leptos::ev::Event) -> String {
    let list = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok());
    match list.as_ref().and_then(|l| l.get_attribute("data-wanted")) {
        Some(wanted) => {
            let _ = list.map(|l| l.remove_attribute("data-wanted"));
            wanted
        }
        None => event_target_value(ev),
    }
}

/// A select of the registered projects, writing the pick into `choice`. It
/// shows [`chosen_or_first`] whenever the projects change, and a pick made
/// before they are read (a help button's, in `data-wanted`) once they are.
#[component]
pub fn ProjectSelect(
    /// The select's `data-testid`.
    testid: &'static str,
    /// The picked project; empty until the user picks one.
    choice: RwSignal<String>,
) -> impl IntoView {
    let state = use_state();
    let on_change = move |ev: leptos::ev::Event| choice.set(picked_in_list(&ev));
    let options = move || {
        let names = project_names(state);
        let shown_pick = choice.with(|chosen| picked(&names, chosen).cloned()).unwrap_or_default();
        names
            .into_iter()
            .map(|n| {
                let selected = n == shown_pick;
                // The property, not the attribute: an option the person picked before ignores the attribute.
                view! { <option value=n.clone() prop:selected=selected>{shown(&n)}</option> }
            })
            .collect_view()
    };
    view! {
        <select data-testid=testid on:change=on_change>{options}</select>
    }
}

#[component]
fn ReserveForm(
    /// Where the result is shown.
    outcome: RwSignal<Option<Result<String, String>>>,
) -> impl IntoView {
    let state = use_state();
    let (name, path, owner) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    // Empty: the next free block.
    let block = RwSignal::new(String::new());
    let free_blocks = move || {
        state
            .analysis
            .with(|a| a.document().map(|d| d.blocks().free_blocks().collect::<Vec<u32>>()).unwrap_or_default())
    };
    let additional = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (name_text, path_text, owner_text) = (name.get(), path.get(), owner.get());
        let request = Reserve {
            name: &name_text,
            path: &path_text,
            owner: &owner_text,
            block: block.get().parse().ok(),
            today: state.today,
            additional: additional.get(),
        };
        let result = state.edit(|text, registry, policy| {
            ops::reserve(text, registry, policy, &request)
                .map(|(change, block)| (change.edits, (change.summary, block)))
        });
        outcome.set(Some(
            result
                .map(|(summary, reserved)| {
                    state.selected_block.set(Some(reserved));
                    name.set(String::new());
                    block.set(String::new());
                    // Out of the emptied field, where the browser's own undo would take Ctrl+Z.
                    request_animation_frame(|| dom::focus("[data-testid=\"registration-result\"]"));
                    format!("Done: {summary}.")
                })
                .map_err(|e| e.to_string()),
        ));
    };
    view! {
        <form class="form" on:submit=submit aria-labelledby="reserve-title">
            <h3 id="reserve-title">"Reserve a block for a new project"</h3>
            <label>"Project " <input type="text" required data-testid="reserve-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/></label>
            <label>"Path " <input type="text" data-testid="reserve-path" prop:value=move || path.get() on:input=move |ev| path.set(event_target_value(&ev))/></label>
            <label>"Owner " <input type="text" data-testid="reserve-owner" prop:value=move || owner.get() on:input=move |ev| owner.set(event_target_value(&ev))/></label>
            <label>"Block "
                <select data-testid="reserve-block" prop:value=move || block.get() on:change=move |ev| block.set(event_target_value(&ev))>
                    <option value="">"next free"</option>
                    {move || free_blocks().into_iter().map(|b| view! { <option value=b>{format!("block {b}")}</option> }).collect_view()}
                </select>
            </label>
            <label class="check">
                <input type="checkbox" data-testid="reserve-additional" prop:checked=move || additional.get() on:change=move |ev| additional.set(event_target_checked(&ev))/>
                " An additional block for a registered project (more than 10 instances)"
            </label>
            <button type="submit" data-testid="reserve-submit">"Reserve"</button>
        </form>
    }
}

#[component]
fn InstanceForm(
    /// Where the result is shown.
    outcome: RwSignal<Option<Result<String, String>>>,
) -> impl IntoView {
    let state = use_state();
    let project = RwSignal::new(String::new());
    let branch = RwSignal::new(String::new());
    // Empty: the next free instance.
    let instance = RwSignal::new(String::new());
    // Empty: the policy's purpose of the instance.
    let purpose = RwSignal::new(String::new());
    let instance_status = RwSignal::new(Status::Active);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = chosen_or_first(state, project);
        let (branch_text, purpose_text) = (branch.get(), purpose.get());
        let request = AddInstance {
            project: &chosen,
            instance: instance.get().parse().ok(),
            purpose: Some(purpose_text.as_str()).filter(|p| !p.trim().is_empty()),
            branch: &branch_text,
            status: instance_status.get(),
        };
        let result = state.edit(|text, registry, policy| {
            ops::add_instance(text, registry, policy, &request).map(|(change, _)| (change.edits, change.summary))
        });
        outcome.set(Some(result.map(|summary| format!("Done: {summary}.")).map_err(|e| e.to_string())));
    };
    view! {
        <form class="form" on:submit=submit aria-labelledby="instance-title">
            <h3 id="instance-title">"Add an instance"</h3>
            <label>"Project "
                <ProjectSelect testid="instance-project" choice=project/>
            </label>
            <label>"Instance "
                <select data-testid="instance-number" on:change=move |ev| instance.set(event_target_value(&ev))>
                    <option value="">"next free"</option>
                    {move || state.policy.with_value(|p| (1..=p.instances_per_block()).map(|n| {
                        view! { <option value=n>{format!("{n} {}", p.purpose(n).unwrap_or(""))}</option> }
                    }).collect_view())}
                </select>
            </label>
            <label>"Branch " <input type="text" data-testid="instance-branch" prop:value=move || branch.get() on:input=move |ev| branch.set(event_target_value(&ev))/></label>
            <label>"Purpose " <input type="text" data-testid="instance-purpose" placeholder="the policy's" prop:value=move || purpose.get() on:input=move |ev| purpose.set(event_target_value(&ev))/></label>
            <label>"Status " <StatusSelect testid="instance-status" choice=instance_status/></label>
            <button type="submit" data-testid="instance-submit">"Add instance"</button>
        </form>
    }
}

#[component]
fn StatusForm(
    /// Where the result is shown.
    outcome: RwSignal<Option<Result<String, String>>>,
) -> impl IntoView {
    let state = use_state();
    let project = RwSignal::new(String::new());
    let status = RwSignal::new(Status::Active);
    // Empty: the project's rows; a number: that instance's rows.
    let instance = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = chosen_or_first(state, project);
        let target = match instance.get().parse() {
            Ok(number) => StatusTarget::Instance(&chosen, number),
            Err(_) => StatusTarget::Project(&chosen),
        };
        let result = state.edit(|text, registry, _| {
            ops::set_status(text, registry, target, status.get(), state.today)
                .map(|change| (change.edits, change.summary))
        });
        outcome.set(Some(
            result
                .map(|summary| format!("Done: {summary} for {chosen}.", chosen = Code(&chosen)))
                .map_err(|e| e.to_string()),
        ));
    };
    view! {
        <form class="form" on:submit=submit aria-labelledby="status-title">
            <h3 id="status-title">"Change a status"</h3>
            <label>"Project "
                <ProjectSelect testid="status-project" choice=project/>
            </label>
            <label>"Rows "
                <select data-testid="status-instance" on:change=move |ev| instance.set(event_target_value(&ev))>
                    <option value="">"the project's"</option>
                    {move || state.policy.with_value(|p| (1..=p.instances_per_block()).map(|n| {
                        view! { <option value=n>{format!("instance {n}")}</option> }
                    }).collect_view())}
                </select>
            </label>
            <label>"Status " <StatusSelect testid="status-value" choice=status/></label>
            <button type="submit" data-testid="status-submit">"Set status"</button>
        </form>
    }
}

/// A choice of status, active first.
#[component]
fn StatusSelect(
    /// The select's `data-testid`.
    testid: &'static str,
    /// The chosen status.
    choice: RwSignal<Status>,
) -> impl IntoView {
    view! {
        <select data-testid=testid on:change=move |ev| choice.set(Status::parse(&event_target_value(&ev)).unwrap_or(Status::Active))>
            {Status::ALL.map(|s| view! { <option value=s.as_str() selected=s == choice.get_untracked()>{s.as_str()}</option> }).collect_view()}
        </select>
    }
}
