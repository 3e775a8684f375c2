//! The page: the editor and findings on one side, pictures and tools on the other.

use leptos::prelude::*;

use crate::block_detail::BlockDetail;
use crate::calculator::Calculator;
use crate::diagnostics::Diagnostics;
use crate::editor::{read_file, Editor};
use crate::export::Export;
use crate::grid::Grid;
use crate::port_map::PortMap;
use crate::registration::Registration;
use crate::share::Share;
use crate::state::{AppState, SAMPLE};
use crate::storage;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let (initial, notice) = storage::initial_document(SAMPLE);
    let state = AppState::new(initial);
    state.notice.set(notice);
    provide_context(state);
    Effect::new(move |_| state.text.with(|t| storage::save(t)));

    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            read_file(state, file);
        }
    };
    view! {
        <div class="page" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
            <header class="masthead">
                <h1>"portreg"</h1>
                <p>
                    "Check your team's "<code>"ports.md"</code>" against the port policy, see every block, "
                    "reserve ports and copy config. Everything stays in this browser."
                </p>
            </header>
            <main class="layout">
                <div class="column">
                    <Editor/>
                    <Diagnostics/>
                </div>
                <div class="column">
                    <Grid/>
                    <BlockDetail/>
                    <PortMap/>
                    <Calculator/>
                    <Registration/>
                    <Export/>
                    <Share/>
                </div>
            </main>
        </div>
    }
}
