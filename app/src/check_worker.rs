//! The app in a worker: the page's checker. It reads and checks each
//! document the page sends and sends back what it found, so that checking
//! a big registry never holds up the page. It is the app's own wasm, started
//! by `check-worker.js` (see `checker`), so nothing more is downloaded.

use portreg_core::{Date, Document, Policy};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::analysis::Report;
use crate::listening::Listening;
use crate::wire;

/// Whether the app runs in a worker rather than in a page.
pub fn in_worker() -> bool {
    web_sys::window().is_none()
}

/// Answers the page until the worker is closed. It says `"ready"` first;
/// then each request `[version, text, listing, today as days since
/// 1970-01-01]` gets `[version, report bytes]` back.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let policy = Policy::default();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let request = js_sys::Array::from(&event.data());
        let version = request.get(0);
        let text = request.get(1).as_string().unwrap_or_default();
        let listing = request.get(2).as_string().unwrap_or_default();
        let today = Date::from_days_since_epoch(request.get(3).as_f64().unwrap_or_default() as i64);
        let bytes = check(text, &listing, &policy, today);
        let report = js_sys::Uint8Array::from(bytes.as_slice());
        let message = js_sys::Array::of2(&version, &report);
        let _ = reply.post_message_with_transfer(&message, &js_sys::Array::of1(&report.buffer()));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// The report of `text`, as bytes.
fn check(text: String, listing: &str, policy: &Policy, today: Date) -> Vec<u8> {
    let document = Document::new(text, policy.clone());
    wire::encode(&Report::of(&document, &Listening::of(listing), today))
}
