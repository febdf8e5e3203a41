//! Host bindings generated from `wit/jsbox.wit`, the single source of truth
//! for the boundary. Only `wait` is async on the host side: it is where the
//! guest's fiber suspends while requests are in flight.

wasmtime::component::bindgen!({
    path: "wit",
    world: "sandbox",
    imports: {
        "jsbox:sandbox/host.wait": async | trappable,
        default: trappable,
    },
    exports: { default: async },
});
