//! `service.keep_warm`: after each request, keep the runtime's workers
//! polling instead of going idle for a while, so the next request is picked
//! up by a running worker and finds the sandbox's code, the pool's pages and
//! the TLB still warm.
//!
//! Why (measured on a 2-core Intel Xeon VM, one request at a time): a
//! request that finds its worker idle costs ~200 µs of CPU; kept busy, the
//! same work costs ~85 µs (in process, back to back: 32 µs). A halted vCPU
//! hands its core to the hypervisor, which evicts what the next execution
//! needs, and waking the worker costs a round of inter-processor
//! interrupts. A spinning worker also notices the next request itself, with
//! no wake-up.
//!
//! How: one task per core yields in a loop (each turn lets the worker poll
//! the sockets) while the last request is more recent than the window, then
//! sleeps until the next request. Under load it costs a yield between tasks;
//! when idle, nothing. Within the window it burns CPU a benchmark client on
//! the same machine would otherwise get, and CPU quotas (cgroups) count it:
//! off by default.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

/// The window and when it last opened.
pub struct KeepWarm {
    window_us: u64,
    started: Instant,
    /// When the last request was answered, µs after `started`, plus one
    /// (0: never).
    last_us: AtomicU64,
    /// Some spinner sleeps: the next request wakes them.
    sleeping: AtomicBool,
    wake: Notify,
    /// Turns spun (tests read it).
    spins: AtomicU64,
}

impl KeepWarm {
    /// A window of `window` after each request. Nothing spins until
    /// [`KeepWarm::spin`] runs on the runtime (one task per worker).
    pub fn new(window: Duration) -> KeepWarm {
        KeepWarm {
            window_us: window.as_micros().min(u64::MAX as u128) as u64,
            started: Instant::now(),
            last_us: AtomicU64::new(0),
            sleeping: AtomicBool::new(false),
            wake: Notify::new(),
            spins: AtomicU64::new(0),
        }
    }

    /// A request was answered: spin for another window (waking the
    /// spinners if they sleep).
    pub fn touch(&self) {
        self.last_us.store(self.now_us() + 1, Ordering::Relaxed);
        if self.sleeping.swap(false, Ordering::AcqRel) {
            self.wake.notify_waiters();
        }
    }

    /// One spinner: runs until its task is dropped.
    pub async fn spin(&self) {
        loop {
            if self.in_window() {
                self.spins.fetch_add(1, Ordering::Relaxed);
                tokio::task::yield_now().await;
                continue;
            }
            let woken = self.wake.notified();
            tokio::pin!(woken);
            woken.as_mut().enable();
            self.sleeping.store(true, Ordering::Release);
            // A request between the check above and `enable` is seen here.
            if self.in_window() {
                continue;
            }
            woken.await;
        }
    }

    fn now_us(&self) -> u64 {
        self.started.elapsed().as_micros() as u64
    }

    fn in_window(&self) -> bool {
        match self.last_us.load(Ordering::Relaxed) {
            0 => false,
            last => self.now_us().saturating_sub(last - 1) < self.window_us,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// Lets the spinner run until `done` holds (bounded by 10 s of turns).
    async fn until(warm: &KeepWarm, done: impl Fn(&KeepWarm) -> bool, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !done(warm) {
            assert!(Instant::now() < deadline, "{what}");
            tokio::task::yield_now().await;
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn spinners_spin_within_the_window_and_sleep_after_it() {
        let warm = Arc::new(KeepWarm::new(Duration::from_millis(2)));
        let spinner = tokio::spawn({
            let warm = warm.clone();
            async move { warm.spin().await }
        });
        // No request yet: it sleeps without spinning.
        until(&warm, |w| w.sleeping.load(Ordering::Acquire), "the spinner never went to sleep").await;
        let asleep = warm.spins.load(Ordering::Relaxed);
        for _ in 0..1000 {
            tokio::task::yield_now().await;
        }
        assert_eq!(warm.spins.load(Ordering::Relaxed), asleep, "a sleeping spinner spun");
        // A request wakes it; it spins through the window, then sleeps again.
        warm.touch();
        until(&warm, |w| w.spins.load(Ordering::Relaxed) > asleep, "the spinner did not wake on a request").await;
        until(&warm, |w| w.sleeping.load(Ordering::Acquire), "the spinner never went back to sleep").await;
        let after = warm.spins.load(Ordering::Relaxed);
        for _ in 0..1000 {
            tokio::task::yield_now().await;
        }
        assert_eq!(warm.spins.load(Ordering::Relaxed), after);
        spinner.abort();
    }
}
