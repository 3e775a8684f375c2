//! Undo and redo over every change to the document, typed or not.

/// How a change came about: runs of keystrokes are undone as one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// A few characters typed or deleted in the editor.
    Typed,
    /// Anything else: a paste, an edit made by the app (a fix, a
    /// reservation), a whole new document.
    Edit,
}

/// Bytes a change may add or remove and still be a keystroke.
pub const KEYSTROKE_BYTES: usize = 8;

/// Typed changes closer together than this (in milliseconds) are one step.
const TYPING_PAUSE_MS: f64 = 1_000.0;

/// Bytes of earlier documents kept; the oldest go first past it.
const BUDGET_BYTES: usize = 64 * 1024 * 1024;

/// Earlier and later versions of the document.
#[derive(Debug, Default)]
pub struct History {
    past: Vec<String>,
    future: Vec<String>,
    /// When the last typed change was recorded, while typing goes on.
    typing_since: Option<f64>,
}

impl History {
    /// Records that the document was `before` until a change of `kind` at
    /// time `now` (milliseconds). A typed change right after another typed
    /// change joins its step.
    pub fn record(&mut self, before: String, kind: ChangeKind, now: f64) {
        let joins = kind == ChangeKind::Typed && self.typing_since.is_some_and(|at| now - at < TYPING_PAUSE_MS);
        self.typing_since = (kind == ChangeKind::Typed).then_some(now);
        self.future.clear();
        if !joins {
            self.past.push(before);
            self.trim();
        }
    }

    /// The version before `current`, which becomes redoable.
    pub fn undo(&mut self, current: String) -> Option<String> {
        let previous = self.past.pop()?;
        self.future.push(current);
        self.typing_since = None;
        Some(previous)
    }

    /// The version undone last, with `current` becoming undoable again.
    pub fn redo(&mut self, current: String) -> Option<String> {
        let next = self.future.pop()?;
        self.past.push(current);
        self.typing_since = None;
        Some(next)
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    fn trim(&mut self) {
        let mut total: usize = self.past.iter().chain(&self.future).map(String::len).sum();
        while total > BUDGET_BYTES && self.past.len() > 1 {
            total -= self.past.remove(0).len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undoes_and_redoes_each_step_and_joins_a_typing_run() {
        let mut history = History::default();
        history.record("a".into(), ChangeKind::Typed, 0.0);
        history.record("ab".into(), ChangeKind::Typed, 300.0);
        history.record("abc".into(), ChangeKind::Edit, 400.0);
        history.record("fixed".into(), ChangeKind::Typed, 5_000.0);
        // Document now "fixed!": typed after a pause, an edit, a typing run from "a".
        assert_eq!(history.undo("fixed!".into()).as_deref(), Some("fixed"));
        assert_eq!(history.undo("fixed".into()).as_deref(), Some("abc"));
        assert_eq!(history.undo("abc".into()).as_deref(), Some("a"));
        assert!(!history.can_undo());
        assert_eq!(history.redo("a".into()).as_deref(), Some("abc"));
        history.record("abc".into(), ChangeKind::Edit, 6_000.0);
        assert!(!history.can_redo(), "a new change drops what was undone");
    }
}
