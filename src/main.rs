// talc in place of the standard allocator (dlmalloc): 3.2 KB less to
// download (gzip), and faster. The cfg keeps native builds of the bin on the
// system allocator.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    s2s_console::start();
}
