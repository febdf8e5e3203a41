//! jsbox for Node.js: the Node-API addon behind the npm package `jsbox`
//! (its JavaScript side, `index.js`, is the API users see).
//!
//! [`options`] and [`envelope`] decode what JavaScript sends and encode what
//! goes back, with no Node in them (the fuzz target links them); the
//! `addon` feature adds the Node-API class itself.

pub mod envelope;
pub mod options;

#[cfg(feature = "addon")]
mod addon;
