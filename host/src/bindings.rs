//! Host bindings generated from `wit/jsbox.wit`, the single source of truth
//! for the boundary. The imports are synchronous: the guest never blocks in
//! the host, it returns `waiting` and is resumed. The exports are called
//! asynchronously, so a busy script yields its thread at every epoch tick.

wasmtime::component::bindgen!({
    path: "wit",
    world: "sandbox",
    imports: { default: trappable },
    exports: { default: async },
});
