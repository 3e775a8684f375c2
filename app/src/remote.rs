//! `?registry=PATH`: the team's published registry, read from the page's own
//! origin when the page opens and when asked to reload. Nothing is requested
//! from any other origin.

use leptos::prelude::*;
use portreg_core::Code;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::analysis::{megabytes, MAX_DOCUMENT_BYTES};
use crate::editor::{text_of, NotText};
use crate::state::AppState;

/// The `registry` parameter of the page's address, when there is one.
pub fn registry_param() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    let url = web_sys::Url::new(&href).ok()?;
    url.search_params().get("registry").filter(|p| !p.trim().is_empty())
}

/// Why the registry at a path was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The path leads off this site, or is no relative path.
    NotThisSite(String),
    /// The site could not be asked, or did not answer.
    Unreachable(String),
    /// The site answered with an error status.
    Status(String, u16, String),
    /// The answer is larger than the app checks.
    TooLarge(String, usize),
    /// The answer is no registry text.
    NotText(String, NotText),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotThisSite(path) => write!(
                f,
                "{path} is not a relative path on this site; portreg reads registries from its own site only",
                path = Code(path)
            ),
            ReadError::Unreachable(path) => write!(f, "Could not read {path} from this site: the request failed"),
            ReadError::Status(path, code, text) => write!(f, "Could not read {path} from this site: {code} {text}"),
            ReadError::TooLarge(path, bytes) => write!(
                f,
                "Could not read {path} from this site: it is {}, more than {}",
                megabytes(*bytes),
                megabytes(MAX_DOCUMENT_BYTES)
            ),
            ReadError::NotText(path, why) => write!(f, "Could not read {path} from this site: {why}"),
        }
    }
}

/// `path` resolved against the page, when it stays on the page's origin and
/// is written as a relative path (not `https://…`, `//host/…` or `data:`).
pub fn same_origin_url(path: &str) -> Result<String, ReadError> {
    let refused = || ReadError::NotThisSite(path.to_owned());
    let trimmed = path.trim();
    if trimmed.starts_with("//") || trimmed.starts_with('\\') || has_scheme(trimmed) {
        return Err(refused());
    }
    let location = web_sys::window().ok_or_else(refused)?.location();
    let (href, origin) = (location.href().map_err(|_| refused())?, location.origin().map_err(|_| refused())?);
    let url = web_sys::Url::new_with_base(trimmed, &href).map_err(|_| refused())?;
    if url.origin() != origin {
        return Err(refused());
    }
    Ok(url.href())
}

/// Whether `text` starts with a URL scheme such as `https:` or `javascript:`.
fn has_scheme(text: &str) -> bool {
    let Some((scheme, _)) = text.split_once(':') else { return false };
    !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Reads the registry at `path` and opens it; the document it replaces is kept
/// to restore. A registry that cannot be read leaves the document as it is and
/// says why.
pub fn load(state: AppState, path: String) {
    leptos::task::spawn_local(async move {
        match fetch_text(&path).await {
            Ok(text) => state.load(text),
            Err(reason) => state.notice.set(Some(format!("{reason}. Your document was kept."))),
        }
    });
}

async fn fetch_text(path: &str) -> Result<String, ReadError> {
    let url = same_origin_url(path)?;
    let unreachable = || ReadError::Unreachable(path.to_owned());
    let window = web_sys::window().ok_or_else(unreachable)?;
    let response = JsFuture::from(window.fetch_with_str(&url)).await.map_err(|_| unreachable())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| unreachable())?;
    if !response.ok() {
        return Err(ReadError::Status(path.to_owned(), response.status(), response.status_text()));
    }
    let buffer = response.array_buffer().map_err(|_| unreachable())?;
    let buffer = JsFuture::from(buffer).await.map_err(|_| unreachable())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(ReadError::TooLarge(path.to_owned(), bytes.len()));
    }
    text_of(&bytes).map_err(|why| ReadError::NotText(path.to_owned(), why))
}
