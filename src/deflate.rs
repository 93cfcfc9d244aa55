//! Compression for report links, by the browser's own `CompressionStream`
//! (deflate-raw): no compressor in the download. Bound here directly because
//! web-sys marks these streams unstable.
//!
//! Inflating reads the stream a chunk at a time and stops at a limit: a
//! link of a megabyte can inflate to a gigabyte (a decompression bomb).

use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = Blob)]
    type JsBlob;
    #[wasm_bindgen(constructor, js_class = Blob)]
    fn new(parts: &Array) -> JsBlob;
    #[wasm_bindgen(method, js_class = Blob)]
    fn stream(this: &JsBlob) -> JsStream;

    #[wasm_bindgen(js_name = ReadableStream)]
    type JsStream;
    #[wasm_bindgen(method, catch, js_class = ReadableStream, js_name = pipeThrough)]
    fn pipe_through(this: &JsStream, transform: &JsValue) -> Result<JsStream, JsValue>;
    #[wasm_bindgen(method, catch, js_class = ReadableStream, js_name = getReader)]
    fn get_reader(this: &JsStream) -> Result<JsReader, JsValue>;

    #[wasm_bindgen(js_name = ReadableStreamDefaultReader)]
    type JsReader;
    #[wasm_bindgen(method, js_class = ReadableStreamDefaultReader)]
    fn read(this: &JsReader) -> Promise;
    #[wasm_bindgen(method, js_class = ReadableStreamDefaultReader)]
    fn cancel(this: &JsReader) -> Promise;

    #[wasm_bindgen(js_name = CompressionStream)]
    type Compression;
    #[wasm_bindgen(constructor, catch, js_class = CompressionStream)]
    fn new(format: &str) -> Result<Compression, JsValue>;

    #[wasm_bindgen(js_name = DecompressionStream)]
    type Decompression;
    #[wasm_bindgen(constructor, catch, js_class = DecompressionStream)]
    fn new(format: &str) -> Result<Decompression, JsValue>;

    #[wasm_bindgen(js_name = Response)]
    type JsResponse;
    #[wasm_bindgen(constructor, catch, js_class = Response)]
    fn new(body: &JsStream) -> Result<JsResponse, JsValue>;
    #[wasm_bindgen(method, catch, js_class = Response, js_name = arrayBuffer)]
    fn array_buffer(this: &JsResponse) -> Result<Promise, JsValue>;
}

async fn through(bytes: &[u8], transform: &JsValue) -> Result<Vec<u8>, JsValue> {
    let blob = JsBlob::new(&Array::of1(&Uint8Array::from(bytes)));
    let stream = blob.stream().pipe_through(transform)?;
    let buffer = JsFuture::from(JsResponse::new(&stream)?.array_buffer()?).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

fn message(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "the browser could not (de)compress it".into())
}

pub async fn compress(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let c = Compression::new("deflate-raw").map_err(message)?;
    through(bytes, &c).await.map_err(message)
}

/// Why a link's payload was not inflated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InflateError {
    /// It inflates to more than the limit; reading stopped there.
    TooLarge,
    /// The browser could not inflate it (not deflate data): its message.
    Failed(String),
}

/// Inflates `bytes`, reading at most `limit` bytes of the result.
pub async fn decompress(bytes: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let failed = |e: JsValue| InflateError::Failed(message(e));
    let d = Decompression::new("deflate-raw").map_err(failed)?;
    let blob = JsBlob::new(&Array::of1(&Uint8Array::from(bytes)));
    let reader = blob
        .stream()
        .pipe_through(&d)
        .and_then(|s| s.get_reader())
        .map_err(failed)?;
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(failed)?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done")).map_err(failed)?;
        if done.is_truthy() {
            return Ok(out);
        }
        let value = Reflect::get(&chunk, &JsValue::from_str("value")).map_err(failed)?;
        let Some(part) = value.dyn_ref::<Uint8Array>() else {
            return Err(InflateError::Failed(
                "the browser gave something other than bytes".into(),
            ));
        };
        if out.len() + part.length() as usize > limit {
            // Stop the browser inflating the rest.
            let _ = reader.cancel();
            return Err(InflateError::TooLarge);
        }
        out.extend_from_slice(&part.to_vec());
    }
}
