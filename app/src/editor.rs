//! The document: the editor, file upload, the sample, clear.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::analysis::{megabytes, MAX_DOCUMENT_BYTES};
use portreg_core::part::{line_bytes, Part, PART_BYTES};

use crate::line_numbers::{line_count, LineNumbers};
use crate::rich_text::shown;
use crate::state::{use_state, AppState, SAMPLE};

/// The editable registry document.
#[component]
pub fn Editor() -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="editor-title">
            <h2 id="editor-title">"Registry"</h2>
            <EditorToolbar/>
            <EditorNotices/>
            <label class="field-label" for="registry-input">"ports.md: paste, type, open or drop a file on the page"</label>
            <CodeArea/>
        </section>
    }
}

/// Open a file, the sample, Clear, reload the team's registry, Undo and Redo.
#[component]
fn EditorToolbar() -> impl IntoView {
    let state = use_state();
    let on_file = move |ev: leptos::ev::Event| {
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|f| f.get(0)) {
            read_file(state, file);
        }
        if let Some(input) = input {
            // Let the same file be chosen again.
            input.set_value("");
        }
    };
    view! {
        <div class="toolbar">
            <label class="file-label">
                "Open a file "
                <input type="file" accept=".md,.markdown,.txt,text/markdown,text/plain" data-testid="file-input" on:change=on_file/>
            </label>
            <button type="button" data-testid="load-sample" on:click=move |_| state.load(SAMPLE.to_owned())>"Load sample"</button>
            <button type="button" data-testid="clear" on:click=move |_| state.load(String::new())>"Clear"</button>
            {crate::remote::registry_param().map(|path| {
                let title = format!("Read {path} from this site again");
                view! { <button type="button" data-testid="reload-registry" title=title on:click=move |_| crate::remote::load(state, path.clone())>"Reload from the wiki"</button> }
            })}
            <button type="button" data-testid="undo" title="Undo (Ctrl+Z)" prop:disabled=move || !state.can_undo.get() on:click=move |_| state.undo()>"Undo"</button>
            <button type="button" data-testid="redo" title="Redo (Ctrl+Shift+Z)" prop:disabled=move || !state.can_redo.get() on:click=move |_| state.redo()>"Redo"</button>
        </div>
    }
}

/// What went wrong last, and the documents kept to restore.
#[component]
fn EditorNotices() -> impl IntoView {
    let state = use_state();
    let restorable = move || state.restorable_count();
    view! {
        {move || state.notice.get().map(|text| view! { <p class="notice" role="alert" data-testid="notice">{shown(&text)}</p> })}
        {move || (restorable() > 0).then(|| view! {
            <p class="notice" role="status" data-testid="kept">
                {move || match restorable() {
                    1 => "Your previous document was kept. ".to_owned(),
                    n => format!("Your previous documents were kept ({n}); the latest first. "),
                }}
                <button type="button" data-testid="restore" on:click=move |_| state.restore()>"Restore it"</button>
                " "
                <button type="button" data-testid="dismiss-kept" on:click=move |_| state.dismiss_kept()>"Dismiss"</button>
            </p>
        })}
    }
}

/// The text area with its line numbers, and which lines of a big document it holds.
#[component]
fn CodeArea() -> impl IntoView {
    let state = use_state();
    let (scroll_top, height) = (RwSignal::new(0u32), RwSignal::new(0u32));
    let total = Memo::new(move |_| state.text.with(|t| line_count(t)));
    // The lines the editor holds: all of them (counted once), or a part's.
    let count = Memo::new(move |_| {
        let part = state.part.get();
        if state.text.with(|t| part.is_whole(t)) {
            total.get()
        } else {
            state.text.with(|t| part.lines(t))
        }
    });
    let first = Memo::new(move |_| state.part.get().first_line);
    let follow = move || {
        if let Some(area) = state.editor.get_untracked() {
            scroll_top.set(u32::try_from(area.scroll_top()).unwrap_or(0));
            height.set(u32::try_from(area.client_height()).unwrap_or(0));
        }
    };
    // A change made elsewhere (undo, a fix, a shorter document, another part) may move the text under the numbers.
    Effect::new(move |_| {
        state.text.track();
        state.part.track();
        request_animation_frame(follow);
    });
    let shown = move || state.text.with(|t| t.get(state.part.get().range()).unwrap_or(t).to_owned());
    let on_input = move |ev: leptos::ev::Event| {
        let area = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
        let caret = area.as_ref().and_then(|a| a.selection_end().ok().flatten()).unwrap_or(0);
        state.type_in(event_target_value(&ev), caret);
    };
    view! {
        <PartBar total/>
        <div class="code-editor">
            <LineNumbers scroll_top height count first total/>
            <textarea
                id="registry-input"
                data-testid="registry-input"
                node_ref=state.editor
                spellcheck="false"
                autocomplete="off"
                wrap="off"
                prop:value=shown
                on:input=on_input
                on:scroll=move |_| follow()
                // The end of a drag of the resize handle: the editor may show more lines.
                on:pointerup=move |_| follow()
            ></textarea>
        </div>
    }
}

/// Which lines of a big document the editor holds, and the way to the others.
#[component]
fn PartBar(
    /// How many lines the document has.
    total: Memo<usize>,
) -> impl IntoView {
    let state = use_state();
    let part = move || state.part.get();
    let whole = move || state.text.with(|t| part().is_whole(t));
    let go = move |to: fn(&Part, &str) -> Option<Part>, at_end: bool| {
        let Some(next) = state.text.with_untracked(|t| to(&part(), t)) else { return };
        // The caret where the lines shown start (Later) or end (Earlier), for typing to go there.
        state.hold(next, Some(if at_end { next.end } else { next.start }));
        if let Some(area) = state.editor.get_untracked() {
            area.set_scroll_top(if at_end { area.scroll_height() } else { 0 });
        }
    };
    let go_to_line = move |target: Option<web_sys::EventTarget>| {
        // A number as the field reads it (`1e3` too), within the document's
        // lines. Not parsed here, nor `clamp`ed, whose check of its bounds
        // would bring float parsing and formatting into the download.
        let input = target.and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let line = input.map_or(f64::NAN, |i| i.value_as_number());
        if !line.is_finite() {
            return;
        }
        let line = line.max(1.0).min(total.get_untracked() as f64) as usize;
        let span = state.text.with_untracked(|t| line_bytes(t, line - 1));
        state.select(span);
    };
    let range = move || {
        let p = part();
        let last = p.first_line + state.text.with(|t| p.lines(t));
        format!("Lines {}–{last} of {} are in the editor. ", p.first_line + 1, total.get())
    };
    view! {
        <div class="part-bar" hidden=whole role="group" aria-label="Lines in the editor" data-testid="part">
            <p data-testid="part-lines" data-first=move || part().first_line + 1>
                <span role="status">{range}</span>
                {format!("A document over {} KB is edited a part at a time: Find, Select all and joining lines work within these lines.", PART_BYTES / 1024)}
            </p>
            <div class="toolbar">
                // aria-disabled, not disabled: a button pressed to the end keeps the focus.
                <button type="button" data-testid="part-earlier" aria-disabled=move || (part().start == 0).to_string()
                    on:click=move |_| go(Part::earlier, true)>"Earlier lines"</button>
                <button type="button" data-testid="part-later" aria-disabled=move || state.text.with(|t| part().end >= t.len()).to_string()
                    on:click=move |_| go(Part::later, false)>"Later lines"</button>
                // Enter goes there again though the number is the same (no change event).
                <label>"Go to line "<input type="number" min="1" max=total data-testid="go-to-line"
                    on:change=move |ev| go_to_line(ev.target())
                    on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); go_to_line(ev.target()) }/></label>
            </div>
        </div>
    }
}

/// Reads a chosen or dropped file into the editor, refusing what is not a
/// text registry with a message and keeping the current document.
pub fn read_file(state: AppState, file: web_sys::File) {
    let name = file.name();
    let size = file.size() as usize;
    if size > MAX_DOCUMENT_BYTES {
        state.notice.set(Some(format!(
            "{name} is {}; portreg reads registries up to {}. Your document was kept.",
            megabytes(size),
            megabytes(MAX_DOCUMENT_BYTES)
        )));
        return;
    }
    leptos::task::spawn_local(async move {
        let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
        let bytes = match buffer {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) => {
                state.notice.set(Some(format!("{name} could not be read. Your document was kept.")));
                return;
            }
        };
        match text_of(&bytes) {
            Ok(text) => state.load(text),
            Err(reason) => state.notice.set(Some(format!("{name} {reason}. Your document was kept."))),
        }
    });
}

/// Why a file's bytes are no registry text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    /// It holds a NUL byte: a binary file.
    Binary,
    /// Its bytes are not UTF-8.
    NotUtf8,
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NotText::Binary => "is a binary file, not a markdown registry",
            NotText::NotUtf8 => "is not UTF-8 text",
        })
    }
}

/// The file's text as it is (a byte-order mark and line endings kept),
/// unless it is binary or not UTF-8.
pub fn text_of(bytes: &[u8]) -> Result<String, NotText> {
    if bytes.contains(&0) {
        return Err(NotText::Binary);
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| NotText::NotUtf8)
}
