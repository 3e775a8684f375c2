//! The sections a person opens now and then (Calculator, Register, Export,
//! Usage, Review) come in a second download, so the page is usable sooner:
//! the build splits their code off the main wasm (`tools/build-wasm.sh`),
//! and it is fetched once the page is shown, or when such a section is
//! opened first. Until it arrives a section says it is loading; a download
//! that fails says so and can be tried again, and the rest of the page
//! works on.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use crate::calculator::Calculator;
use crate::dom;
use crate::export::Export;
use crate::registration::Registration;
use crate::review::Review;
use crate::share::Share;
use crate::tabs::Tab;
use crate::usage::Usage;

/// Builds a section's view. The function lives in the sections' download.
type Build = fn() -> AnyView;

/// The sections' download could not be had (offline before it was ever
/// fetched, or the site was updated meanwhile).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unavailable;

impl From<SplitLoaderError> for Unavailable {
    fn from(_: SplitLoaderError) -> Self {
        Unavailable
    }
}

/// Where the sections' code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Download {
    /// Asked for, not arrived yet.
    Pending,
    /// Here: each section can be built.
    Done,
    /// It failed, or took longer than [`PATIENCE_MS`]; trying again may work.
    Failed,
}

/// How long a download may take before its sections say it failed and
/// offer to try again: the fetch itself is given up then too
/// (tools/build-wasm.sh), so that trying again fetches anew.
const PATIENCE_MS: u64 = 30_000;

/// A focus asked for by a help button before its section was built.
#[derive(Clone)]
struct FocusLater {
    tab: Tab,
    selector: &'static str,
    /// What had the focus when asked: the focus moves only if it is still
    /// there (or nowhere), never out of what the person went on to.
    from: Option<web_sys::Element>,
    /// What to put in the focused field.
    value: Option<String>,
}

/// The sections' download, shared through context.
#[derive(Clone, Copy)]
pub struct Sections {
    download: RwSignal<Download>,
    /// Each try at the download, so a late timer ends only its own try.
    attempt: StoredValue<u32>,
    /// An element to focus once its section is shown (a help button's form).
    focus_after: StoredValue<Option<FocusLater>, LocalStorage>,
}

/// The view of `tab`, built by the sections' download. `Blocks` is in the
/// main download and has none.
#[wasm_split(sections, wasm_split_path = ::leptos::wasm_split, fallible, preload(fetch_sections))]
fn section_view(tab: Tab) -> Result<Option<Build>, Unavailable> {
    let build: Option<Build> = match tab {
        Tab::Blocks => None,
        Tab::Calculator => Some(|| view! { <Calculator/> }.into_any()),
        Tab::Register => Some(|| view! { <Registration/> }.into_any()),
        Tab::Export => Some(|| view! { <Export/><Share/> }.into_any()),
        Tab::Usage => Some(|| view! { <Usage/> }.into_any()),
        Tab::Review => Some(|| view! { <Review/> }.into_any()),
    };
    Ok(build)
}

impl Sections {
    /// Starts the download (the page is shown by now) and shares the sections.
    pub fn provide() -> Self {
        let sections = Self {
            download: RwSignal::new(Download::Pending),
            attempt: StoredValue::new(0),
            focus_after: StoredValue::new_local(None),
        };
        provide_context(sections);
        // Whatever the person does next (a click anywhere, a key) is where
        // they went on to: a focus asked for earlier no longer moves there.
        let _ = window_event_listener(leptos::ev::pointerdown, move |_| sections.focus_after.set_value(None));
        let _ = window_event_listener(leptos::ev::keydown, move |_| sections.focus_after.set_value(None));
        sections.fetch();
        sections
    }

    /// Fetches the sections' code, then shows them; past [`PATIENCE_MS`]
    /// they say the download failed.
    fn fetch(self) {
        self.download.set(Download::Pending);
        let attempt = self.attempt.get_value() + 1;
        self.attempt.set_value(attempt);
        spawn_local(async move {
            let arrived = fetch_sections().await.is_ok();
            if arrived || self.attempt.get_value() == attempt {
                self.download.set(if arrived { Download::Done } else { Download::Failed });
            }
        });
        set_timeout(
            move || {
                if self.attempt.get_value() == attempt && self.download.get_untracked() == Download::Pending {
                    self.download.set(Download::Failed);
                }
            },
            std::time::Duration::from_millis(PATIENCE_MS),
        );
    }

    /// Focuses the first element matching `selector`, in `tab`'s section,
    /// once that section is shown: at the next frame (Blocks, or once the
    /// download is here), or once it is built if the person did nothing
    /// meanwhile (no click, no key) and the focus has not moved on.
    pub fn focus_when_shown(self, tab: Tab, selector: &'static str, value: Option<String>) {
        if tab == Tab::Blocks || self.download.get_untracked() == Download::Done {
            request_animation_frame(move || dom::focus_and_fill(selector, value.as_deref()));
        } else {
            self.focus_after.set_value(Some(FocusLater { tab, selector, from: dom::focused(), value }));
        }
    }

    /// Focuses what [`Sections::focus_when_shown`] asked for, now that `tab`'s
    /// section is built, unless the person went to another tab meanwhile.
    fn built(self, tab: Tab, shown: bool) {
        let Some(later) = self.focus_after.get_value().filter(|later| later.tab == tab) else { return };
        self.focus_after.set_value(None);
        if !shown {
            return;
        }
        let now = dom::focused();
        if now.is_none() || now == later.from {
            request_animation_frame(move || dom::focus_and_fill(later.selector, later.value.as_deref()));
        }
    }

    /// Tries the download again, keeping the focus in `tab`'s panel (the
    /// button that asked goes away).
    fn retry(self, tab: Tab) {
        dom::focus(&format!("#panel-{}", tab.id()));
        self.fetch();
    }
}

/// The sections from context.
pub fn use_sections() -> Sections {
    expect_context::<Sections>()
}

/// The content of `tab`'s panel: the section once its code is here, else a
/// line saying it is loading, or that it could not be loaded with a button
/// to try again.
pub fn section(tab: Tab) -> impl IntoView {
    let sections = use_sections();
    let tabs = crate::tabs::use_tabs();
    let built = RwSignal::new(None::<Build>);
    Effect::new(move |_| {
        if sections.download.get() == Download::Done && built.get_untracked().is_none() {
            spawn_local(async move {
                if let Ok(Some(build)) = section_view(tab).await {
                    built.set(Some(build));
                    sections.built(tab, tabs.selected.get_untracked() == tab);
                }
            });
        }
    });
    move || match built.get() {
        Some(build) => build(),
        None if sections.download.get() == Download::Failed => failed(sections, tab).into_any(),
        None => {
            view! { <p class="hint" role="status" data-testid="section-loading">"Loading this section…"</p> }.into_any()
        }
    }
}

/// What a panel says when the sections' download failed, with a button to try again.
fn failed(sections: Sections, tab: Tab) -> impl IntoView {
    view! {
        <p class="notice" role="alert" data-testid="section-failed">
            "This section could not be downloaded: the network may be down, or the site was updated "
            "since this page was opened (then reload the page). "
            <button type="button" data-testid="section-retry" on:click=move |_| sections.retry(tab)>
                "Try again"
            </button>
        </p>
    }
}
