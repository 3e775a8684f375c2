//! Checking big documents off the page's thread. The checker is a worker
//! running the app's own wasm (see `check_worker`), started the first time a
//! big document is checked. One check runs at a time: a document changed
//! while one runs waits, and only its latest version does, so no edit is
//! lost and no work is queued behind a stale one. Each report carries the
//! version it was made for, and the page drops any but the latest.

use std::cell::RefCell;
use std::rc::Rc;

use portreg_core::Date;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::analysis::Report;
use crate::wire;

/// Documents up to this size are checked on the page's thread, where a
/// keystroke's findings are shown within a frame: a full registry (100
/// blocks, 1,000 instance rows) is 80 KB and takes about 13 ms there, less
/// than a round trip to the worker. Past it, the time grows with the size
/// (about 45 ms at 210 KB), and the worker keeps it off the page.
pub const SYNC_BYTES: usize = 96 * 1024;

/// A document to check.
pub struct Request {
    /// Which version of the document it is; reports say it back.
    pub version: u64,
    /// The document.
    pub text: String,
    /// The pasted listing.
    pub listing: String,
    /// The day dates are judged by.
    pub today: Date,
}

/// What the page is told: the report of a version, or that the checker
/// could not run (not loaded, or failed), so the page checks it itself.
pub type OnReport = Rc<dyn Fn(u64, Option<Report>)>;

#[derive(Default)]
struct Checker {
    worker: Option<web_sys::Worker>,
    /// The worker said it is ready.
    ready: bool,
    /// A request is being checked.
    busy: bool,
    /// The latest request, waiting for the worker.
    waiting: Option<Request>,
    /// The checker cannot run in this page (it failed to load or broke).
    failed: bool,
    on_report: Option<OnReport>,
    /// Kept alive as long as the worker.
    handlers: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

thread_local! {
    static CHECKER: RefCell<Checker> = RefCell::new(Checker::default());
}

/// Whether checks go to the worker; `false` once it could not run.
pub fn available() -> bool {
    CHECKER.with_borrow(|c| !c.failed)
}

/// Checks `request` in the worker, starting it when needed, and tells
/// `on_report` the outcome. A request made while another is checked waits
/// for it and replaces any request waiting before it.
pub fn request(request: Request, on_report: OnReport) {
    let failed_version = CHECKER.with_borrow_mut(|c| {
        c.on_report = Some(on_report.clone());
        if c.failed {
            return Some(request.version);
        }
        if c.worker.is_none() && start(c).is_err() {
            c.failed = true;
            return Some(request.version);
        }
        c.waiting = Some(request);
        send_waiting(c);
        None
    });
    if let Some(version) = failed_version {
        on_report(version, None);
    }
}

/// Starts the worker and tells it the app's own script and wasm, those of
/// this page (as absolute addresses: a worker answered by the service
/// worker's copy has no address of its own to resolve them by).
fn start(checker: &mut Checker) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or(JsValue::NULL)?;
    let href = |selector: &str| {
        let link = document.query_selector(selector).ok().flatten().ok_or(JsValue::NULL)?;
        js_sys::Reflect::get(&link, &JsValue::from_str("href"))
    };
    let (script, wasm) = (href("link[rel=modulepreload]")?, href("link[rel=preload][as=fetch]")?);
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options("./check-worker.js", &options)?;
    worker.post_message(&js_sys::Array::of3(&JsValue::from_str("start"), &script, &wasm))?;
    let on_message = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        if let Ok(event) = event.dyn_into::<web_sys::MessageEvent>() {
            received(event.data());
        }
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        event.prevent_default();
        broke();
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
    checker.handlers = vec![on_message, on_error];
    checker.worker = Some(worker);
    // A checker that never starts (its files are neither online nor kept)
    // must not leave the page saying "Checking…".
    leptos::prelude::set_timeout(
        || {
            if CHECKER.with_borrow(|c| !c.ready && !c.failed) {
                broke();
            }
        },
        START_TIMEOUT,
    );
    Ok(())
}

/// How long the worker may take to start before checks stay on the page.
const START_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15);

/// Sends the waiting request when the worker is ready and idle.
fn send_waiting(checker: &mut Checker) {
    if !checker.ready || checker.busy {
        return;
    }
    let (Some(worker), Some(request)) = (&checker.worker, checker.waiting.take()) else { return };
    let message = js_sys::Array::of4(
        &JsValue::from_f64(request.version as f64),
        &JsValue::from_str(&request.text),
        &JsValue::from_str(&request.listing),
        &JsValue::from_f64(request.today.days_since_epoch() as f64),
    );
    checker.busy = worker.post_message(&message).is_ok();
    if !checker.busy {
        checker.waiting = Some(request);
    }
}

/// A message from the worker: `"ready"`, `"failed"` (it could not load the
/// app), or a report.
fn received(data: JsValue) {
    if data.as_string().as_deref() == Some("failed") {
        broke();
        return;
    }
    if data.as_string().as_deref() == Some("ready") {
        CHECKER.with_borrow_mut(|c| {
            c.ready = true;
            send_waiting(c);
        });
        return;
    }
    let message = js_sys::Array::from(&data);
    let version = message.get(0).as_f64().unwrap_or(-1.0) as u64;
    let bytes = js_sys::Uint8Array::new(&message.get(1)).to_vec();
    let on_report = CHECKER.with_borrow_mut(|c| {
        c.busy = false;
        send_waiting(c);
        c.on_report.clone()
    });
    let report = wire::decode(&bytes).map(|(findings, summary, blocks)| Report { findings, summary, blocks });
    if let Some(on_report) = on_report {
        on_report(version, report);
    }
}

/// The worker could not load, or broke: checks stay on the page from now on,
/// starting with the latest request.
fn broke() {
    let (on_report, version) = CHECKER.with_borrow_mut(|c| {
        if let Some(worker) = c.worker.take() {
            worker.terminate();
        }
        c.failed = true;
        c.busy = false;
        (c.on_report.clone(), c.waiting.take().map(|r| r.version))
    });
    if let Some(on_report) = on_report {
        on_report(version.unwrap_or(u64::MAX), None);
    }
}
