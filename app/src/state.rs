//! The one piece of state, the document text, and what is derived from it.

use leptos::html::Textarea;
use leptos::prelude::*;
use portreg_core::{edit, Date, Policy, Registry, TextEdit};

use crate::analysis::Analysis;
use crate::dom;

/// The sample registry shown on a first visit.
pub const SAMPLE: &str = include_str!("../../examples/ports.md");

/// Shared by every screen through context. The document text is the single
/// source of truth; everything else is derived from it.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The registry document as the user edits it.
    pub text: RwSignal<String>,
    /// The document, read and checked.
    pub analysis: Memo<Analysis>,
    /// The block whose detail is shown.
    pub selected_block: RwSignal<Option<u32>>,
    /// A message about the last thing that went wrong (a file that is not
    /// text, a damaged share link), shown until the next one.
    pub notice: RwSignal<Option<String>>,
    /// The team's policy.
    pub policy: StoredValue<Policy>,
    /// The day dates are judged by: the browser's date.
    pub today: Date,
    /// The editor, to select a finding's line in it.
    pub editor: NodeRef<Textarea>,
}

impl AppState {
    /// State around `initial` text.
    pub fn new(initial: String) -> Self {
        let text = RwSignal::new(initial);
        let policy = StoredValue::new(Policy::default());
        let today = dom::today();
        let analysis = Memo::new(move |_| text.with(|t| policy.with_value(|p| Analysis::of(t, p, today))));
        Self {
            text,
            analysis,
            selected_block: RwSignal::new(None),
            notice: RwSignal::new(None),
            policy,
            today,
            editor: NodeRef::new(),
        }
    }

    /// Applies text edits to the document.
    pub fn apply(&self, edits: &[TextEdit]) {
        self.text.update(|t| *t = edit::apply(t, edits));
    }

    /// Runs an edit operation on the current document and registry, applies
    /// the edits it returns, and passes its outcome on. Nothing changes when
    /// the operation refuses.
    pub fn edit<T>(
        &self,
        operation: impl FnOnce(&str, &Registry, &Policy) -> Result<(Vec<TextEdit>, T), String>,
    ) -> Result<T, String> {
        let outcome = self.text.with_untracked(|text| {
            self.analysis.with_untracked(|analysis| {
                let registry =
                    analysis.registry().ok_or_else(|| "The document is too large to edit here.".to_owned())?;
                self.policy.with_value(|policy| operation(text, registry, policy))
            })
        });
        outcome.map(|(edits, value)| {
            self.apply(&edits);
            value
        })
    }

    /// Replaces the document.
    pub fn load(&self, text: String) {
        self.notice.set(None);
        self.text.set(text);
    }

    /// Selects bytes `span` of the document in the editor and focuses it.
    pub fn select(&self, span: std::ops::Range<usize>) {
        let Some(area) = self.editor.get_untracked() else { return };
        let (start, end) =
            self.text.with_untracked(|t| (dom::utf16_offset(t, span.start), dom::utf16_offset(t, span.end)));
        let _ = area.focus();
        let _ = area.set_selection_range(start, end);
        // Scroll the selected line into view: move the caret there, then blur and refocus.
        let _ = area.blur();
        let _ = area.focus();
    }
}

/// The app state from context.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
