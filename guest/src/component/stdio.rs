//! stdin, stdout and stderr through `wasi:cli` directly, each stream taken
//! for one use and dropped: never through the preview 1 adapter, which keeps
//! its stream handles in its own state, where a snapshot would freeze
//! handles that do not exist in the instance that runs.

use crate::wasi::cli::{stderr, stdin, stdout};
use crate::wasi::io::streams::{OutputStream, StreamError};

/// The most bytes one `blocking-write-and-flush` takes.
const WRITE_CHUNK: usize = 4096;

/// All of stdin, as text.
pub fn read_stdin() -> Result<String, String> {
    let stream = stdin::get_stdin();
    let mut bytes = Vec::new();
    loop {
        match stream.blocking_read(64 * 1024) {
            Ok(chunk) => bytes.extend_from_slice(&chunk),
            Err(StreamError::Closed) => break,
            Err(StreamError::LastOperationFailed(e)) => return Err(e.to_debug_string()),
        }
    }
    String::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))
}

pub fn write_stdout(text: &str) -> Result<(), String> {
    write(&stdout::get_stdout(), text)
}

/// Best effort: there is nowhere to report a failure to write to stderr.
pub fn write_stderr(text: &str) {
    let _ = write(&stderr::get_stderr(), text);
}

fn write(stream: &OutputStream, text: &str) -> Result<(), String> {
    for chunk in text.as_bytes().chunks(WRITE_CHUNK) {
        stream.blocking_write_and_flush(chunk).map_err(|e| format!("{e:?}"))?;
    }
    Ok(())
}
