//! The few browser calls the app makes: dates, downloads, the clipboard.

use wasm_bindgen::JsCast;

/// Today in the browser's time zone.
pub fn today() -> portreg_core::Date {
    let now = js_sys::Date::new_0();
    portreg_core::Date::new(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
        .unwrap_or_else(|| portreg_core::Date::from_days_since_epoch((js_sys::Date::now() / 86_400_000.0) as i64))
}

/// The offset a text area counts (UTF-16 units, a CRLF one line break, as
/// it shows it) of byte `offset` of `text`.
pub fn utf16_offset(text: &str, offset: usize) -> u32 {
    // An offset inside a character counts from the character's start.
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let prefix = &text[..offset];
    let units = prefix.encode_utf16().count() - prefix.matches("\r\n").count();
    u32::try_from(units).unwrap_or(u32::MAX)
}

/// The byte of `text` at offset `units` as a text area counts it (see
/// [`utf16_offset`]); the end of `text` past it.
pub fn byte_offset(text: &str, units: u32) -> usize {
    let bytes = text.as_bytes();
    let mut counted = 0u32;
    for (at, c) in text.char_indices() {
        if counted >= units {
            return at;
        }
        // The CR of a CRLF is no character of what the text area shows.
        if !(c == '\r' && bytes.get(at + 1) == Some(&b'\n')) {
            counted += u32::try_from(c.len_utf16()).unwrap_or(2);
        }
    }
    text.len()
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str, mime: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(anchor) =
        document.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Copies `text` to the clipboard; `false` when the page has no clipboard.
pub fn copy(text: &str) -> bool {
    match web_sys::window() {
        Some(window) => {
            let _ = window.navigator().clipboard().write_text(text);
            true
        }
        None => false,
    }
}

/// The page's address without its fragment.
pub fn page_address() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return String::new() };
    let href = location.href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_owned()
}

/// The fragment of the page's address, without `#`.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// Removes the fragment from the page's address without reloading or
/// adding a history entry.
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else { return };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page_address()));
    }
}

/// Sets the address's fragment to `#fragment` as a new history entry.
pub fn push_fragment(fragment: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(fragment);
    }
}

/// Sets the address's fragment to `#fragment` in place: no history entry,
/// no `hashchange`.
pub fn replace_fragment(fragment: &str) {
    let Some(window) = web_sys::window() else { return };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}

/// Moves the focus to the first element matching `selector`.
pub fn focus(selector: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Focuses the first element matching `selector` and, given a `value`,
/// puts it there as a person would, so the form's own handlers see it; a
/// list gets it as `data-wanted` (see `registration::ProjectSelect`).
pub fn focus_and_fill(selector: &str, value: Option<&str>) {
    focus(selector);
    let Some(value) = value else { return };
    let Some(element) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(selector).ok().flatten())
    else {
        return;
    };
    let event = if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
        "input"
    } else if let Some(list) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
        // The list's own handler takes it from here: it may name an option
        // otherwise (`Web` for `web`), or one not offered yet.
        let _ = list.set_attribute("data-wanted", value);
        "change"
    } else {
        return;
    };
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict(event, &init) {
        let _ = element.dispatch_event(&event);
    }
}

/// The element that has the focus, `None` when nothing does (the page's body).
pub fn focused() -> Option<web_sys::Element> {
    let document = web_sys::window()?.document()?;
    let active = document.active_element()?;
    (Some(&active) != document.body().map(web_sys::Element::from).as_ref()).then_some(active)
}

/// Scrolls the page as little as it takes to show the first element
/// matching `selector` (nothing when it is in view already).
pub fn reveal(selector: &str) {
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(element) = element {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Marks a moment in the browser's performance timeline.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_as_a_text_area_does() {
        let text = "a\r\né😀\rb\n";
        // The text area shows "a\né😀\nb\n": a CRLF is one unit, 😀 two.
        let shown = [(0, 0), (1, 1), (3, 2), (5, 3), (9, 5), (10, 6), (11, 7), (12, 8)];
        for (byte, units) in shown {
            assert_eq!(utf16_offset(text, byte), units, "byte {byte}");
            assert_eq!(byte_offset(text, units), byte, "units {units}");
        }
        assert_eq!(byte_offset(text, 99), text.len());
        // Inside é: at its start.
        assert_eq!(utf16_offset(text, 4), 2);
    }
}
