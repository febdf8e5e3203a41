//! What jsbox's language bindings share, so that the Node.js package and
//! the Python package behave alike: [`options`] decodes an engine's and an
//! execution's options (JSON from the binding's wrapper) into the library's
//! types, with the same defaults and the same `invalid-policy` errors;
//! [`envelope`] encodes an outcome or an error as the one JSON text the
//! wrapper reads, and decodes a helper's reply; [`durable`] opens an
//! engine's store of suspended executions and decodes a `resume`'s
//! completions. No Node and no Python here:
//! the fuzz target links it.
//!
//! ```
//! let parts = jsbox_bindings::options::execute_parts(r#"{"memory": "16MiB"}"#, &[]).unwrap();
//! assert_eq!(parts.policy.memory, 16 << 20);
//! ```

pub mod durable;
pub mod envelope;
pub mod options;
