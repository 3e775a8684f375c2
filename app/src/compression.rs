//! Raw deflate by the browser's own `CompressionStream` and
//! `DecompressionStream`, so the download carries no compressor of its own.
//! Share links made by earlier versions are raw deflate as well, and open.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

// The input is copied into a Blob before the first await, so the view of
// the wasm memory it arrives in is never read after the memory could move.
// Inflating stops, and gives "too large", once the output passes `limit`
// bytes; it gives null when the input is no raw deflate.
#[wasm_bindgen(inline_js = r#"
export function deflateRaw(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Response(stream).arrayBuffer().then((buffer) => new Uint8Array(buffer));
}
export async function inflateRaw(bytes, limit) {
  try {
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
    const parts = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        reader.cancel().catch(() => {});
        return "too large";
      }
      parts.push(value);
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  } catch {
    return null;
  }
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = deflateRaw)]
    fn deflate_raw(bytes: &[u8]) -> js_sys::Promise;
    #[wasm_bindgen(js_name = inflateRaw)]
    fn inflate_raw(bytes: &[u8], limit: u32) -> js_sys::Promise;
}

/// `bytes`, compressed as raw deflate; `None` when the browser refused.
pub async fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    bytes_of(JsFuture::from(deflate_raw(bytes)).await.ok()?)
}

/// What raw deflate bytes inflate to.
pub enum Inflated {
    /// The bytes.
    Bytes(Vec<u8>),
    /// More than the limit.
    TooLarge,
    /// Not raw deflate, or cut short.
    Damaged,
}

/// What `packed` inflates to, as raw deflate, up to `limit` bytes.
pub async fn inflate(packed: &[u8], limit: usize) -> Inflated {
    let limit = u32::try_from(limit).unwrap_or(u32::MAX);
    match JsFuture::from(inflate_raw(packed, limit)).await {
        Ok(value) if value.as_string().is_some() => Inflated::TooLarge,
        Ok(value) => bytes_of(value).map_or(Inflated::Damaged, Inflated::Bytes),
        Err(_) => Inflated::Damaged,
    }
}

fn bytes_of(value: JsValue) -> Option<Vec<u8>> {
    value.dyn_into::<js_sys::Uint8Array>().ok().map(|array| array.to_vec())
}
