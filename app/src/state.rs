//! The one piece of state, the document text, and what is derived from it.

use std::rc::Rc;
use std::time::Duration;

use leptos::html::Textarea;
use leptos::prelude::*;
use portreg_core::part::{Part, PART_BYTES};
use portreg_core::{edit, merge_typed_in, Date, Document, Policy, Registry, TextEdit};

use crate::analysis::{Analysis, Report, MAX_DOCUMENT_BYTES};
use crate::checker::{self, Request, SYNC_BYTES};
use crate::dom;
use crate::history::{ChangeKind, History, KEYSTROKE_BYTES};
use crate::line_numbers::{line_count, LINE_PX};
use crate::listening::Listening;

/// How long typing must pause before the panels' document of a big
/// registry is read again on the page's thread (the findings and blocks
/// come from the checker as soon as it has them).
const PAUSE: Duration = Duration::from_millis(1500);

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
    /// The document, read and checked (with the listing). For a big
    /// document the findings, counts and blocks come from the checker and
    /// are those of the latest version once [`AppState::checking`] is
    /// false; its `Document` (what the other panels read) is read again
    /// once typing pauses.
    pub analysis: RwSignal<Analysis>,
    /// A check of the current document is running: what is shown is of an
    /// earlier version.
    pub checking: RwSignal<bool>,
    /// The version of the document and listing last sent to be checked.
    check_version: StoredValue<u64>,
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
    /// The lines of the document the editor holds: all of it, or a part of
    /// a big one (see [`portreg_core::part`]). Always a part of `text`.
    pub part: RwSignal<Part>,
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

/// Why an edit operation changed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError<E> {
    /// The document is past the size the app checks, so it is not read.
    TooLarge,
    /// The operation refused, saying why.
    Refused(E),
}

impl<E: std::fmt::Display> std::fmt::Display for EditError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::TooLarge => f.write_str("The document is too large to edit here."),
            EditError::Refused(reason) => reason.fmt(f),
        }
    }
}

impl AppState {
    /// State around `initial` text.
    pub fn new(initial: String) -> Self {
        let text = RwSignal::new(initial);
        let policy = StoredValue::new(Policy::default());
        let today = dom::today();
        let listing = RwSignal::new(String::new());
        let big = (SYNC_BYTES + 1..=MAX_DOCUMENT_BYTES).contains(&text.with_untracked(String::len));
        // A big document is shown empty until the checker has read it.
        let first =
            text.with_untracked(|t| policy.with_value(|p| Analysis::of(if big { "" } else { t }, "", p, today)));
        let analysis = RwSignal::new(first);
        let state = Self {
            text,
            listing,
            analysis,
            checking: RwSignal::new(false),
            check_version: StoredValue::new(0),
            selected_block: RwSignal::new(None),
            notice: RwSignal::new(None),
            policy,
            today,
            editor: NodeRef::new(),
            part: RwSignal::new(text.with_untracked(|t| Part::starting_at(t, 0))),
            history: StoredValue::new(History::default()),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            kept: RwSignal::new(Vec::new()),
            revision: RwSignal::new(0),
        };
        if big {
            state.check();
        }
        // A change of the listing is checked; a change of the document is
        // checked as it is made, so that nothing reads the new text with
        // the old registry.
        Effect::new(move |ran: Option<()>| {
            listing.track();
            if ran.is_some() {
                state.check();
            }
        });
        state
    }

    /// Checks the current document and listing: a small or too large
    /// document here and now, a big one in the checker.
    fn check(&self) {
        let version = self.check_version.get_value() + 1;
        self.check_version.set_value(version);
        let len = self.text.with_untracked(String::len);
        if len <= SYNC_BYTES || len > MAX_DOCUMENT_BYTES || !checker::available() {
            self.check_here();
            return;
        }
        let state = *self;
        let request = Request {
            version,
            text: self.text.get_untracked(),
            listing: self.listing.get_untracked(),
            today: self.today,
        };
        // What is shown is of an earlier version from now on: its document
        // is no longer read (what reads the new text gets none, without
        // drawing again all that the analysis shows), and the summary says
        // a check is running.
        self.analysis.update_untracked(Analysis::fall_behind);
        if !self.checking.get_untracked() {
            self.checking.set(true);
        }
        checker::request(request, Rc::new(move |version, report| state.reported(version, report)));
    }

    /// Checks the current document on the page's thread.
    fn check_here(&self) {
        let analysis = self.text.with_untracked(|t| {
            self.listing.with_untracked(|l| self.policy.with_value(|p| Analysis::of(t, l, p, self.today)))
        });
        if self.analysis.with_untracked(|old| *old != analysis) {
            self.analysis.set(analysis);
        }
        if self.checking.get_untracked() {
            self.checking.set(false);
        }
    }

    /// The checker's report of `version`: shown when it is of the latest
    /// version, dropped when not. Without a report the checker could not
    /// run, and the document is checked here.
    fn reported(&self, version: u64, report: Option<Report>) {
        let latest = self.check_version.get_value();
        let Some(report) = report else {
            self.check_here();
            return;
        };
        if version != latest {
            return;
        }
        let listening = self.listing.with_untracked(|l| Listening::of(l));
        self.text.with_untracked(|text| {
            self.analysis.update(|analysis| {
                let shown = std::mem::replace(analysis, Analysis::TooLarge(0));
                *analysis = self.policy.with_value(|p| shown.reported(report, listening, text, p));
            });
        });
        self.checking.set(false);
        if self.analysis.with_untracked(Analysis::behind) {
            let state = *self;
            set_timeout(move || state.read_when_paused(version), PAUSE);
        }
    }

    /// Reads the document again for the panels, on the page's thread, once
    /// no change came after `version` for [`PAUSE`].
    fn read_when_paused(&self, version: u64) {
        if self.check_version.get_value() != version || self.checking.get_untracked() {
            return;
        }
        let document = Box::new(Document::new(self.text.get_untracked(), self.policy.get_value()));
        self.analysis.update(|analysis| analysis.read_again(document));
    }

    /// Makes `next` the document, as one undoable step.
    fn change(&self, next: String, kind: ChangeKind) {
        let current = self.text.get_untracked();
        if current == next {
            return;
        }
        self.history.update_value(|h| h.record(current, kind, js_sys::Date::now()));
        self.show(next);
        self.refresh_history();
    }

    /// Makes `next` the document, the editor holding the same lines as
    /// before, or the lines of the change when it is out of them.
    fn show(&self, next: String) {
        let (part, at) = self.text.with_untracked(|current| {
            let mut at =
                current.bytes().zip(next.bytes()).position(|(a, b)| a != b).unwrap_or(current.len().min(next.len()));
            // A change inside a character (é for è) starts at the character.
            while !next.is_char_boundary(at) {
                at -= 1;
            }
            let part = Part::at_line(&next, self.part.get_untracked().first_line);
            if (part.start..=part.end).contains(&at) {
                (part, at)
            } else {
                (Part::around(&next, at), at)
            }
        });
        self.text.set(next);
        // The caret at the change, in view.
        self.hold(part, Some(at));
        self.check();
    }

    fn refresh_history(&self) {
        self.revision.update(|r| *r += 1);
        // A kept document stays kept when undo shows it again: redo replaces
        // it once more, and it must still be there to restore, across visits too.
        let (undo, redo) = self.history.with_value(|h| (h.can_undo(), h.can_redo()));
        self.can_undo.set(undo);
        self.can_redo.set(redo);
    }

    /// What the editor shows after a person typed or pasted, the caret at
    /// UTF-16 offset `caret` of it: its line endings are all LF, so the
    /// change is merged into the document (into the part the editor holds),
    /// whose own line endings stay as they are. The editor keeps its lines
    /// while a person types, and holds the part around the caret once a
    /// paste made them more than a part.
    pub fn type_in(&self, view: String, caret: u32) {
        let part = self.part.get_untracked();
        let next = self.text.with_untracked(|t| merge_typed_in(t, part.range(), &view));
        let before = self.text.with_untracked(String::len);
        if before == next.len() && self.text.with_untracked(|t| *t == next) {
            return;
        }
        let keystroke = before.abs_diff(next.len()) <= KEYSTROKE_BYTES;
        let current = self.text.get_untracked();
        let kind = if keystroke { ChangeKind::Typed } else { ChangeKind::Edit };
        self.history.update_value(|h| h.record(current, kind, js_sys::Date::now()));
        let typed = part.after_typing(before, &next);
        // A paste (more than a keystroke) past a part's size: the part
        // around the caret; a document cut down to fit: all of it.
        let oversize = typed.end - typed.start > if keystroke { 2 * PART_BYTES } else { PART_BYTES };
        let (shown, caret) = if typed.is_whole(&next) && !oversize {
            (typed, None)
        } else {
            let caret = typed.start + dom::byte_offset(&next[typed.range()], caret);
            let shown = if next.len() <= PART_BYTES {
                Part::starting_at(&next, 0)
            } else if oversize {
                Part::around(&next, caret)
            } else {
                typed
            };
            (shown, Some(caret))
        };
        self.text.set(next);
        if shown == typed {
            self.part.set(shown);
        } else {
            self.hold(shown, caret);
        }
        self.check();
        self.refresh_history();
    }

    /// Puts `part` of the document in the editor now, not once the page is
    /// drawn again, with the caret at byte `caret` (when the part holds it)
    /// in view; the focus stays where it is.
    pub fn hold(&self, part: Part, caret: Option<usize>) {
        self.part.set(part);
        let Some(area) = self.editor.get_untracked() else { return };
        self.text.with_untracked(|t| {
            let Some(shown) = t.get(part.range()) else { return };
            area.set_value(shown);
            if let Some(at) = caret.filter(|at| (part.start..=part.end).contains(at)) {
                let offset = dom::utf16_offset(shown, at - part.start);
                let _ = area.set_selection_range(offset, offset);
                reveal(&area, shown, at - part.start);
            }
        });
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

    /// Applies a finding's fix, unless the findings are being checked again
    /// (the fix was made for an earlier version of the document).
    pub fn apply_fix(&self, edits: &[TextEdit]) {
        if self.checking.get_untracked() {
            self.notice.set(Some(
                "The findings are being checked again after the last edit; fix it once they are shown.".to_owned(),
            ));
            return;
        }
        self.apply(edits);
    }

    /// Goes back one step.
    pub fn undo(&self) {
        let current = self.text.get_untracked();
        if let Some(previous) = self.history.try_update_value(|h| h.undo(current)).flatten() {
            self.show(previous);
        }
        self.refresh_history();
    }

    /// Goes forward one undone step.
    pub fn redo(&self) {
        let current = self.text.get_untracked();
        if let Some(next) = self.history.try_update_value(|h| h.redo(current)).flatten() {
            self.show(next);
        }
        self.refresh_history();
    }

    /// Runs an edit operation on the current document and registry, applies
    /// the edits it returns, and passes its outcome on. Nothing changes when
    /// the operation refuses.
    pub fn edit<T, E>(
        &self,
        operation: impl FnOnce(&str, &Registry, &Policy) -> Result<(Vec<TextEdit>, T), E>,
    ) -> Result<T, EditError<E>> {
        let outcome = self.text.with_untracked(|text| {
            self.analysis.with_untracked(|analysis| {
                if analysis.too_large() {
                    return Err(EditError::TooLarge);
                }
                // A big document may not have been read again since the last
                // keystrokes: an edit is always made on the document as it is.
                let fresh;
                let document = match analysis.document().filter(|d| d.text() == text) {
                    Some(document) => document,
                    None => {
                        fresh = Document::new(text.as_str(), self.policy.get_value());
                        &fresh
                    }
                };
                self.policy
                    .with_value(|policy| operation(text, document.registry(), policy))
                    .map_err(EditError::Refused)
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

    /// Brings the latest kept document other than the one shown back; the
    /// one it replaces is kept in turn. The restored one stays kept too (not
    /// offered while shown): undo may replace it again, and a reload must
    /// still find it.
    pub fn restore(&self) {
        if let Some(kept) = self.restorable_latest() {
            self.load(kept);
        }
    }

    /// Forgets the latest kept document other than the one shown.
    pub fn dismiss_kept(&self) {
        if let Some(latest) = self.restorable_latest() {
            self.kept.update(|all| all.retain(|k| *k != latest));
        }
    }

    /// How many kept documents "Restore" offers: those other than the one shown.
    pub fn restorable_count(&self) -> usize {
        self.text.with(|current| self.kept.with(|kept| restorable(kept, current).count()))
    }

    fn restorable_latest(&self) -> Option<String> {
        self.text.with_untracked(|current| self.kept.with_untracked(|kept| restorable(kept, current).last().cloned()))
    }

    /// Selects a finding's bytes `span`, unless the findings are being
    /// checked again (the span is of an earlier version of the document).
    pub fn select_finding(&self, span: std::ops::Range<usize>) {
        if self.checking.get_untracked() {
            self.notice.set(Some(
                "The findings are being checked again after the last edit; choose it once they are shown.".to_owned(),
            ));
            return;
        }
        self.select(span);
    }

    /// Selects bytes `span` of the document in the editor and focuses it;
    /// the editor holds the part around it first when it holds other lines.
    pub fn select(&self, span: std::ops::Range<usize>) {
        let Some(area) = self.editor.get_untracked() else { return };
        let mut part = self.part.get_untracked();
        if !(part.start..=part.end).contains(&span.start) {
            part = self.text.with_untracked(|t| Part::around(t, span.start));
            self.hold(part, None);
        }
        self.text.with_untracked(|t| {
            let shown = t.get(part.range()).unwrap_or_default();
            let within = |byte: usize| byte.clamp(part.start, part.end) - part.start;
            let _ = area.focus();
            let (start, end) =
                (dom::utf16_offset(shown, within(span.start)), dom::utf16_offset(shown, within(span.end)));
            let _ = area.set_selection_range(start, end);
            reveal(&area, shown, within(span.start));
        });
    }
}

/// Scrolls the editor, holding `shown`, to byte `offset` of it unless that
/// is in view: its line a few lines below the top (the editor's lines are
/// all [`LINE_PX`] tall), its column a third of the way in (a column as
/// wide as the editor's widest line over its [`columns`]).
fn reveal(area: &web_sys::HtmlTextAreaElement, shown: &str, offset: usize) {
    let before = shown.get(..offset).unwrap_or(shown);
    let line = line_count(before) - 1;
    let top = i32::try_from(line.saturating_sub(2) * LINE_PX as usize).unwrap_or(i32::MAX);
    let bottom = i32::try_from((line + 1) * LINE_PX as usize).unwrap_or(i32::MAX);
    if top < area.scroll_top() || bottom > area.scroll_top() + area.client_height() {
        area.set_scroll_top(top);
    }
    let column = columns(before.rsplit(['\n', '\r']).next().unwrap_or_default());
    let widest = shown.split(['\n', '\r']).map(columns).max().unwrap_or(0);
    if widest == 0 {
        return;
    }
    // The text area's padding, 0.5rem a side.
    let advance = f64::from((area.scroll_width() - 16).max(1)) / widest as f64;
    let x = (column as f64 * advance) as i32;
    let (left, width) = (area.scroll_left(), area.client_width());
    if x < left || x > left + width - 3 * LINE_PX as i32 / 2 {
        area.set_scroll_left((x - width / 3).max(0));
    }
}

/// The columns `line` takes in the editor: a tab up to the next multiple
/// of 8 (the text area's `tab-size`), any other character one.
fn columns(line: &str) -> usize {
    line.chars().fold(0, |at, c| if c == '\t' { (at / 8 + 1) * 8 } else { at + 1 })
}

/// The app state from context.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}

/// The kept documents other than `current`, the latest last.
fn restorable<'a>(kept: &'a [String], current: &'a str) -> impl Iterator<Item = &'a String> {
    kept.iter().filter(move |k| k.as_str() != current)
}
