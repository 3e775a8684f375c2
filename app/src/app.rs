//! The page: the document and its findings on one side, the sections
//! (blocks, calculator, register, export, usage, review) as tabs on the other.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::block_detail::BlockDetail;
use crate::diagnostics::Diagnostics;
use crate::editor::{read_file, Editor};
use crate::grid::Grid;
use crate::port_map::PortMap;
use crate::sections::{section, Sections};
use crate::state::{use_state, AppState, SAMPLE};
use crate::storage;
use crate::tabs::{tab_panel, Tab, TabList, Tabs};

/// Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (Cmd on a Mac), in the
/// editor and anywhere but another text field, whose own undo is left alone.
fn undo_shortcut(state: AppState, ev: &web_sys::KeyboardEvent) {
    if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
        return;
    }
    let in_other_field = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| {
        matches!(e.tag_name().as_str(), "INPUT" | "SELECT")
            || (e.tag_name() == "TEXTAREA" && e.id() != "registry-input")
    });
    if in_other_field {
        return;
    }
    match (ev.key().to_ascii_lowercase().as_str(), ev.shift_key()) {
        ("z", false) => state.undo(),
        ("z", true) | ("y", false) => state.redo(),
        _ => return,
    }
    ev.prevent_default();
}

/// The whole app: the state, what the page listens to, and the page.
#[component]
pub fn App() -> impl IntoView {
    let start = storage::initial_document(SAMPLE);
    let state = AppState::new(start.text);
    state.kept.set(start.kept);
    provide_context(state);
    // Read after a share link's fragment left the address.
    let tabs = Tabs::from_address();
    provide_context(tabs);
    Sections::provide();
    Effect::new(move |_| state.text.with(|t| storage::save(t)));
    Effect::new(move |_| state.kept.with(|k| storage::save_kept(k)));
    // The team's published registry, when the page is opened with `?registry=PATH`.
    // A share link opened with the page goes over the document, which is kept.
    match (start.share_link, crate::remote::registry_param()) {
        (Some(packed), _) => crate::share::open_link(state, packed),
        (None, Some(path)) => crate::remote::load(state, path),
        (None, None) => {}
    }
    let _shortcuts = window_event_listener(leptos::ev::keydown, move |ev| undo_shortcut(state, &ev));
    let _links = window_event_listener(leptos::ev::hashchange, move |_| follow_fragment(state, tabs));
    view! { <Page/> }
}

/// The address's fragment changed: a share link opened in this page (the
/// document it replaces is kept), or a section chosen by link, Back or Forward.
fn follow_fragment(state: AppState, tabs: Tabs) {
    match storage::share_fragment() {
        Some(packed) => {
            // The address names the section still shown, so Back and Forward return to it.
            crate::dom::replace_fragment(tabs.selected.get_untracked().id());
            crate::share::open_link(state, packed);
        }
        None => tabs.follow_address(),
    }
}

/// The document and its findings beside the sections.
#[component]
fn Page() -> impl IntoView {
    view! {
        {drop_zone(view! {
            <a class="skip" href="#findings-title">"Skip to the findings"</a>
            <header class="masthead">
                <h1>"portreg"</h1>
                <p>
                    "Check your team's "<code>"ports.md"</code>" against the port policy, see every block, "
                    "reserve ports and copy config. Everything stays in this browser."
                </p>
            </header>
            <main class="layout">
                <div class="column workspace">
                    <Editor/>
                    <Diagnostics/>
                </div>
                <div class="column sections">
                    <TabList/>
                    {tab_panel(Tab::Blocks, view! { <Grid/><BlockDetail/><PortMap/> })}
                    {tab_panel(Tab::Calculator, section(Tab::Calculator))}
                    {tab_panel(Tab::Register, section(Tab::Register))}
                    {tab_panel(Tab::Export, section(Tab::Export))}
                    {tab_panel(Tab::Usage, section(Tab::Usage))}
                    {tab_panel(Tab::Review, section(Tab::Review))}
                </div>
            </main>
        })}
    }
}

/// The page as a drop target: a file dropped anywhere on it is opened. (A
/// function, not a component with `Children`, which would box the page.)
fn drop_zone(content: impl IntoView) -> impl IntoView {
    let state = use_state();
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            read_file(state, file);
        }
    };
    view! {
        <div
            class="page"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |ev: web_sys::DragEvent| {
                // Leaving the page, not moving between its children.
                if ev.related_target().is_none() {
                    dragging.set(false);
                }
            }
            on:drop=on_drop
        >
            {content}
        </div>
    }
}
