//! Where the process's logs go: standard error, in batches. A log line costs
//! its caller a copy into a buffer — no system call and no thread wake-up on
//! a request's path (the service's access log writes one line per request;
//! handing each line to a writer thread woke that thread per request, which
//! cost the service ~10% of its CPU at 16 connections). A background thread
//! writes the buffer out every [`FLUSH_EVERY`], or at once when it passes
//! [`FLUSH_AT`] bytes.
//!
//! ```
//! let (writer, flush) = jsbox_cli::log_output::stderr();
//! tracing_subscriber::fmt().with_writer(writer).finish();
//! drop(flush); // writes whatever is still buffered
//! ```

use std::io::Write;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long a line may wait in the buffer.
pub const FLUSH_EVERY: Duration = Duration::from_millis(50);
/// A buffer this large is written out without waiting for the interval.
pub const FLUSH_AT: usize = 256 << 10;
/// Past this many buffered bytes (standard error is not being read), lines
/// are dropped and counted rather than growing memory without bound.
pub const MAX_BUFFERED: usize = 16 << 20;

#[derive(Default)]
struct Buffer {
    bytes: Vec<u8>,
    dropped_lines: u64,
    stop: bool,
}

#[derive(Default)]
struct Shared {
    buffer: Mutex<Buffer>,
    ready: Condvar,
}

/// The `MakeWriter` for `tracing_subscriber::fmt`: every line goes into the
/// shared buffer.
#[derive(Clone)]
pub struct Batched {
    shared: Arc<Shared>,
}

/// Writes what is still buffered when dropped (keep it alive in `main`).
pub struct FlushGuard {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

/// A batched writer to standard error and the guard that flushes it at exit.
pub fn stderr() -> (Batched, FlushGuard) {
    to(std::io::stderr())
}

/// The same to any writer (tests use a pipe).
pub fn to(mut out: impl Write + Send + 'static) -> (Batched, FlushGuard) {
    let shared = Arc::new(Shared::default());
    let writer = shared.clone();
    let thread = std::thread::Builder::new()
        .name("jsbox-log".into())
        .spawn(move || {
            let mut spare = Vec::new();
            loop {
                let (stop, dropped) = {
                    let mut buffer = writer.buffer.lock().unwrap_or_else(|e| e.into_inner());
                    if !buffer.stop && buffer.bytes.len() < FLUSH_AT {
                        buffer = writer.ready.wait_timeout(buffer, FLUSH_EVERY).unwrap_or_else(|e| e.into_inner()).0;
                    }
                    std::mem::swap(&mut buffer.bytes, &mut spare);
                    (buffer.stop, std::mem::take(&mut buffer.dropped_lines))
                };
                // Errors writing standard error have nowhere to be reported.
                let _ = out.write_all(&spare);
                if dropped > 0 {
                    let _ = writeln!(out, "jsbox: {dropped} log lines dropped: standard error is not keeping up");
                }
                let _ = out.flush();
                spare.clear();
                if stop {
                    return;
                }
            }
        })
        .ok();
    (Batched { shared: shared.clone() }, FlushGuard { shared, thread })
}

impl Drop for FlushGuard {
    fn drop(&mut self) {
        self.shared.buffer.lock().unwrap_or_else(|e| e.into_inner()).stop = true;
        self.shared.ready.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One line's writer (tracing formats a whole line, then writes it once).
pub struct LineWriter<'a> {
    shared: &'a Shared,
}

impl Write for LineWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let mut buffer = self.shared.buffer.lock().unwrap_or_else(|e| e.into_inner());
        if buffer.bytes.len() + bytes.len() > MAX_BUFFERED {
            buffer.dropped_lines += 1;
            return Ok(bytes.len());
        }
        buffer.bytes.extend_from_slice(bytes);
        if buffer.bytes.len() >= FLUSH_AT {
            self.shared.ready.notify_one();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Batched {
    type Writer = LineWriter<'a>;

    fn make_writer(&'a self) -> LineWriter<'a> {
        LineWriter { shared: &self.shared }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracing_subscriber::fmt::MakeWriter;

    /// A writer the test reads back.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_line_is_written_in_order_by_the_time_the_guard_drops() {
        let captured = Captured::default();
        let (writer, guard) = to(captured.clone());
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let writer = writer.clone();
                std::thread::spawn(move || {
                    for i in 0..1000 {
                        writer.make_writer().write_all(format!("{t} {i}\n").as_bytes()).unwrap();
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        drop(guard);
        let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        assert_eq!(text.lines().count(), 4000);
        for t in 0..4 {
            let mine: Vec<usize> =
                text.lines().filter_map(|l| l.strip_prefix(&format!("{t} "))).map(|n| n.parse().unwrap()).collect();
            assert_eq!(mine, (0..1000).collect::<Vec<_>>(), "thread {t}'s lines out of order");
        }
    }

    #[test]
    fn a_line_reaches_the_output_within_the_interval_without_a_flush() {
        let captured = Captured::default();
        let (writer, _guard) = to(captured.clone());
        writer.make_writer().write_all(b"soon\n").unwrap();
        // Waits for the writer thread (bounded), not for a fixed time.
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while captured.0.lock().unwrap().is_empty() {
            assert!(std::time::Instant::now() < deadline, "the line was never written");
            std::thread::yield_now();
        }
        assert_eq!(captured.0.lock().unwrap().as_slice(), b"soon\n");
    }

    #[test]
    fn an_output_that_blocks_costs_dropped_lines_not_memory() {
        struct Stuck(Arc<std::sync::Barrier>);
        impl Write for Stuck {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.0.wait();
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let barrier = Arc::new(std::sync::Barrier::new(2));
        let (writer, guard) = to(Stuck(barrier.clone()));
        let line = vec![b'x'; 1 << 20];
        for _ in 0..40 {
            writer.make_writer().write_all(&line).unwrap();
        }
        let (buffered, dropped) = {
            let buffer = writer.shared.buffer.lock().unwrap();
            (buffer.bytes.len(), buffer.dropped_lines)
        };
        assert!(buffered <= MAX_BUFFERED, "{buffered} bytes buffered");
        assert!(dropped >= 8, "{dropped} lines dropped of 40 MiB with at most 2 × 16 MiB held");
        // Let the stuck writer go through its remaining writes.
        std::thread::spawn(move || {
            loop {
                barrier.wait();
            }
        });
        drop(guard);
    }
}
