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
    /// It failed; trying again may work.
    Failed,
}

/// The sections' download, shared through context.
#[derive(Clone, Copy)]
pub struct Sections {
    download: RwSignal<Download>,
    /// An element to focus once the sections are shown (a help button's form).
    focus_after: StoredValue<Option<(Tab, &'static str)>>,
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
        let sections = Self { download: RwSignal::new(Download::Pending), focus_after: StoredValue::new(None) };
        provide_context(sections);
        sections.fetch();
        sections
    }

    /// Fetches the sections' code, then shows them.
    fn fetch(self) {
        self.download.set(Download::Pending);
        spawn_local(async move {
            let arrived = fetch_sections().await.is_ok();
            self.download.set(if arrived { Download::Done } else { Download::Failed });
        });
    }

    /// Focuses the first element matching `selector`, in `tab`'s section,
    /// once that section is shown: at the next frame (Blocks, or once the
    /// download is here), or once it is built.
    pub fn focus_when_shown(self, tab: Tab, selector: &'static str) {
        if tab == Tab::Blocks || self.download.get_untracked() == Download::Done {
            request_animation_frame(move || dom::focus(selector));
        } else {
            self.focus_after.set_value(Some((tab, selector)));
        }
    }

    /// Focuses what [`Sections::focus_when_shown`] asked for, now that `tab`'s section is built.
    fn built(self, tab: Tab) {
        if let Some((wanted, selector)) = self.focus_after.get_value() {
            if wanted == tab {
                self.focus_after.set_value(None);
                request_animation_frame(move || dom::focus(selector));
            }
        }
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
    let built = RwSignal::new(None::<Build>);
    Effect::new(move |_| {
        if sections.download.get() == Download::Done && built.get_untracked().is_none() {
            spawn_local(async move {
                if let Ok(Some(build)) = section_view(tab).await {
                    built.set(Some(build));
                    sections.built(tab);
                }
            });
        }
    });
    move || {
        match built.get() {
        Some(build) => build(),
        None if sections.download.get() == Download::Failed => view! {
            <p class="notice" role="alert" data-testid="section-failed">
                "This section could not be downloaded: the network may be down, or the site was updated "
                "since this page was opened (then reload the page). "
                <button type="button" data-testid="section-retry" on:click=move |_| sections.fetch()>"Try again"</button>
            </p>
        }
        .into_any(),
        None => view! { <p class="hint" data-testid="section-loading">"Loading this section…"</p> }.into_any(),
    }
    }
}
