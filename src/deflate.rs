//! Compression for report links, by the browser's own `CompressionStream`
//! (deflate-raw): no compressor in the download. Bound here directly because
//! web-sys marks these streams unstable.

use js_sys::{Array, Promise, Uint8Array};
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

pub async fn decompress(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let d = Decompression::new("deflate-raw").map_err(message)?;
    through(bytes, &d).await.map_err(message)
}
