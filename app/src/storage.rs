//! Where the first document comes from, and where edits are kept between visits.

const KEY: &str = "portreg:document";

/// A document that another one replaced, kept to restore across visits.
const KEPT_KEY: &str = "portreg:kept";

// Through web-sys and js_sys::JSON rather than gloo-storage: gloo-storage
// (0.3, with serde_json for the kept list) made the wasm 11 KB larger
// gzipped (379,228 → 390,193 bytes).
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Where the app starts.
pub struct Start {
    /// The document to show.
    pub text: String,
    /// Documents to offer to restore, the latest last.
    pub kept: Vec<String>,
    /// The packed document of a share link the page was opened with, to
    /// open over this one (see [`crate::share::open_link`]).
    pub share_link: Option<String>,
}

/// The document to start with: the autosaved one, else the sample, and the
/// share link the page was opened with, if any. The link's fragment is
/// removed from the address once read, so a reload shows the document as
/// edited since.
pub fn initial_document(sample: &str) -> Start {
    let text = stored(KEY).unwrap_or_else(|| sample.to_owned());
    Start { text, kept: stored_kept(), share_link: share_fragment() }
}

/// The packed document of the share link in the address (`#doc=…`), with the
/// fragment removed from the address; `None` when the fragment is not a
/// share link.
pub fn share_fragment() -> Option<String> {
    let fragment = crate::dom::fragment();
    let packed = fragment.strip_prefix("doc=")?.to_owned();
    crate::dom::clear_fragment();
    Some(packed)
}

fn stored(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// The kept documents of earlier visits (a JSON array of strings).
fn stored_kept() -> Vec<String> {
    let Some(json) = stored(KEPT_KEY) else { return Vec::new() };
    let Ok(value) = js_sys::JSON::parse(&json) else { return Vec::new() };
    js_sys::Array::from(&value).iter().filter_map(|item| item.as_string()).collect()
}

/// Keeps the kept documents for the next visit. Ones too large for the
/// browser's storage are not kept across visits (they stay for this one).
pub fn save_kept(kept: &[String]) {
    let Some(storage) = local_storage() else { return };
    if kept.is_empty() {
        let _ = storage.remove_item(KEPT_KEY);
        return;
    }
    let array: js_sys::Array = kept.iter().map(|text| wasm_bindgen::JsValue::from_str(text)).collect();
    if let Ok(json) = js_sys::JSON::stringify(&array) {
        let _ = storage.set_item(KEPT_KEY, &String::from(json));
    }
}

/// Documents up to this size are kept at every change; a bigger one once
/// typing pauses for [`SAVE_PAUSE`] and when the page is left, as writing
/// megabytes at each keystroke would hold up typing.
const SAVE_AT_ONCE_BYTES: usize = 256 * 1024;

/// How long typing pauses before a big document is kept.
const SAVE_PAUSE: std::time::Duration = std::time::Duration::from_millis(1000);

thread_local! {
    /// A big document waiting to be kept, and the timer that keeps it.
    static WAITING: std::cell::RefCell<Option<(String, leptos::prelude::TimeoutHandle)>> =
        const { std::cell::RefCell::new(None) };
    static FLUSH_ON_LEAVE: std::sync::Once = const { std::sync::Once::new() };
}

/// Keeps `text` for the next visit. A document too large for the browser's
/// storage is simply not kept.
pub fn save(text: &str) {
    if let Some((_, timer)) = WAITING.take() {
        timer.clear();
    }
    if text.len() <= SAVE_AT_ONCE_BYTES {
        write(text);
        return;
    }
    FLUSH_ON_LEAVE.with(|once| {
        once.call_once(|| {
            let listener = leptos::prelude::window_event_listener(leptos::ev::pagehide, |_| flush());
            // As long as the page.
            std::mem::forget(listener);
        });
    });
    if let Ok(timer) = leptos::prelude::set_timeout_with_handle(flush, SAVE_PAUSE) {
        WAITING.set(Some((text.to_owned(), timer)));
    } else {
        write(text);
    }
}

/// Keeps the document waiting to be kept, if one is.
fn flush() {
    if let Some((text, timer)) = WAITING.take() {
        timer.clear();
        write(&text);
    }
}

fn write(text: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(KEY, text);
    }
}
