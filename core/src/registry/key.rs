//! A project's name as a key: the one normalisation of project names.

use std::borrow::Cow;
use std::fmt;

/// A project's name as projects are matched everywhere: trimmed and
/// lowercase (Unicode), so `API`, ` api ` and `api` are one project. The one
/// place names are normalised; a key is never a display name. Supabase
/// project ids and Compose project names hash this key, so it must never
/// change for a name: a new id would start a project's containers and
/// database volume afresh.
///
/// A key borrows the name when the name is a key already (most are), so
/// making one allocates only for a name with capitals in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProjectKey<'a>(Cow<'a, str>);

impl<'a> ProjectKey<'a> {
    /// The key of project `name`.
    pub fn of(name: &'a str) -> Self {
        let trimmed = name.trim();
        if trimmed.chars().any(char::is_uppercase) {
            ProjectKey(Cow::Owned(trimmed.to_lowercase()))
        } else {
            ProjectKey(Cow::Borrowed(trimmed))
        }
    }

    /// A key from text that is one already (made by [`ProjectKey::of`]).
    pub(super) fn from_normalised(key: &'a str) -> Self {
        ProjectKey(Cow::Borrowed(key))
    }

    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key, owning its text.
    pub fn into_owned(self) -> ProjectKey<'static> {
        ProjectKey(Cow::Owned(self.0.into_owned()))
    }

    /// Whether the key borrows its text (making it allocated nothing).
    #[cfg(test)]
    fn is_borrowed(&self) -> bool {
        matches!(self.0, Cow::Borrowed(_))
    }
}

impl fmt::Display for ProjectKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::ProjectKey;

    #[test]
    fn project_keys_are_trimmed_lowercase() {
        let key = ProjectKey::of(" api ");
        assert!(key.is_borrowed());
        assert_eq!(key.as_str(), "api");
        let key = ProjectKey::of("café");
        assert!(key.is_borrowed());
        assert_eq!(key.as_str(), "café");
        for (a, b) in [("API", "api"), ("ÉCOLE", "école"), ("\u{212A}m", "km")] {
            assert_eq!(ProjectKey::of(a), ProjectKey::of(b), "{a} and {b}");
        }
        // Lowercase, not case folding: names that only folding makes one stay two projects.
        for (a, b) in [("api-1", "api-2"), ("maße", "masse"), ("σίσυφος", "σίσυφοσ"), ("\u{fb01}le", "file")]
        {
            assert_ne!(ProjectKey::of(a), ProjectKey::of(b), "{a} and {b}");
        }
    }

    #[test]
    fn a_key_shows_as_its_text() {
        assert_eq!(ProjectKey::of(" Web ").to_string(), "web");
    }
}
