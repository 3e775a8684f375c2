//! Where the first document comes from, and where edits are kept between visits.

use portreg_core::share;

const KEY: &str = "portreg:document";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The document to start with: a share link's, else the autosaved one, else
/// the sample. A damaged share link says so.
pub fn initial_document(sample: &str) -> (String, Option<String>) {
    let fragment = crate::dom::fragment();
    if let Some(packed) = fragment.strip_prefix("doc=") {
        return match share::decode(packed) {
            Some(text) => (text, None),
            None => (
                saved().unwrap_or_else(|| sample.to_owned()),
                Some("The share link is damaged; showing your last document instead.".to_owned()),
            ),
        };
    }
    (saved().unwrap_or_else(|| sample.to_owned()), None)
}

fn saved() -> Option<String> {
    local_storage()?.get_item(KEY).ok().flatten()
}

/// Keeps `text` for the next visit. A document too large for the browser's
/// storage is simply not kept.
pub fn save(text: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(KEY, text);
    }
}
