//! The one piece of state, the document text, and what is derived from it.

use leptos::html::Textarea;
use leptos::prelude::*;
use portreg_core::{edit, merge_typed, Date, Policy, Registry, TextEdit};

use crate::analysis::Analysis;
use crate::dom;
use crate::history::{ChangeKind, History, KEYSTROKE_BYTES};

/// Replaced documents kept to restore; the oldest goes first past it.
pub const MAX_KEPT: usize = 5;

/// The sample registry shown on a first visit.
pub const SAMPLE: &str = include_str!("../../examples/ports.md");

/// Shared by every screen through context. The document text is the single
/// source of truth; everything else is derived from it.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The registry document as the user edits it.
    pub text: RwSignal<String>,
    /// The listing pasted in the Usage section: what listens on a machine.
    /// It is not part of the document, and is not kept between visits.
    pub listing: RwSignal<String>,
    /// The document, read and checked (with the listing).
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
    /// Earlier and later versions of the document.
    history: StoredValue<History>,
    /// Whether a step can be undone, and redone.
    pub can_undo: RwSignal<bool>,
    /// Whether an undone step can be redone.
    pub can_redo: RwSignal<bool>,
    /// Documents that others replaced (a share link, a file, the sample,
    /// Clear, the team's registry), the latest last, kept until restored or
    /// dismissed; a kept document equal to the current one is dropped.
    pub kept: RwSignal<Vec<String>>,
    /// Counts the changes to the document, undo and redo included: what was
    /// said about one version (a share link, a form's outcome) is stale after.
    pub revision: RwSignal<u64>,
}

impl AppState {
    /// State around `initial` text.
    pub fn new(initial: String) -> Self {
        let text = RwSignal::new(initial);
        let policy = StoredValue::new(Policy::default());
        let today = dom::today();
        let listing = RwSignal::new(String::new());
        let analysis =
            Memo::new(move |_| text.with(|t| listing.with(|l| policy.with_value(|p| Analysis::of(t, l, p, today)))));
        Self {
            text,
            listing,
            analysis,
            selected_block: RwSignal::new(None),
            notice: RwSignal::new(None),
            policy,
            today,
            editor: NodeRef::new(),
            history: StoredValue::new(History::default()),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            kept: RwSignal::new(Vec::new()),
            revision: RwSignal::new(0),
        }
    }

    /// Makes `next` the document, as one undoable step.
    fn change(&self, next: String, kind: ChangeKind) {
        let current = self.text.get_untracked();
        if current == next {
            return;
        }
        self.history.update_value(|h| h.record(current, kind, js_sys::Date::now()));
        self.text.set(next);
        self.refresh_history();
    }

    fn refresh_history(&self) {
        self.revision.update(|r| *r += 1);
        // What is shown needs no keeping: "Restore" never offers the current document.
        let current = self.text.get_untracked();
        if self.kept.with_untracked(|kept| kept.contains(&current)) {
            self.kept.update(|kept| kept.retain(|k| *k != current));
        }
        let (undo, redo) = self.history.with_value(|h| (h.can_undo(), h.can_redo()));
        self.can_undo.set(undo);
        self.can_redo.set(redo);
    }

    /// What the editor shows after a person typed or pasted: its line
    /// endings are all LF, so the change is merged into the document, whose
    /// own line endings stay as they are.
    pub fn type_in(&self, view: String) {
        let next = self.text.with_untracked(|t| merge_typed(t, &view));
        let keystroke = self.text.with_untracked(|t| t.len().abs_diff(next.len()) <= KEYSTROKE_BYTES);
        self.change(next, if keystroke { ChangeKind::Typed } else { ChangeKind::Edit });
    }

    /// Applies text edits to the document; edits that no longer fit it (made
    /// for an earlier version) change nothing and say so.
    pub fn apply(&self, edits: &[TextEdit]) {
        match self.text.with_untracked(|t| edit::try_apply(t, edits)) {
            Ok(next) => self.change(next, ChangeKind::Edit),
            Err(error) => self
                .notice
                .set(Some(format!("This change no longer fits the document ({error}); nothing was changed."))),
        }
    }

    /// Goes back one step.
    pub fn undo(&self) {
        let current = self.text.get_untracked();
        if let Some(previous) = self.history.try_update_value(|h| h.undo(current)).flatten() {
            self.text.set(previous);
        }
        self.refresh_history();
    }

    /// Goes forward one undone step.
    pub fn redo(&self) {
        let current = self.text.get_untracked();
        if let Some(next) = self.history.try_update_value(|h| h.redo(current)).flatten() {
            self.text.set(next);
        }
        self.refresh_history();
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

    /// Replaces the document, as one undoable step. The document it replaces
    /// is kept to restore, unless it is empty or the sample.
    pub fn load(&self, text: String) {
        self.notice.set(None);
        let current = self.text.get_untracked();
        if current != text && !current.trim().is_empty() && current != SAMPLE {
            self.kept.update(|kept| {
                kept.retain(|k| *k != current);
                kept.push(current);
                if kept.len() > MAX_KEPT {
                    kept.remove(0);
                }
            });
        }
        self.change(text, ChangeKind::Edit);
    }

    /// Brings the latest kept document back; the one it replaces is kept in turn.
    pub fn restore(&self) {
        if let Some(kept) = self.kept.with_untracked(|kept| kept.last().cloned()) {
            self.load(kept);
        }
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
