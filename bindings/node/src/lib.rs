//! jsbox for Node.js: the Node-API addon behind the npm package `jsbox`
//! (its JavaScript side, `index.js`, is the API users see).
//!
//! Options and envelopes are decoded and encoded by `jsbox-bindings`
//! (bindings/common), which the Python package shares; the `addon` feature
//! adds the Node-API class itself.

pub use jsbox_bindings::{durable, envelope, options};

#[cfg(feature = "addon")]
mod addon;
