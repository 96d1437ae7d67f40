//! A spinner on stderr while a long query runs, only when stderr is a terminal (never in
//! pipes, logs or CI) and only once the query has taken longer than a moment.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a query runs before the spinner appears.
const SHOW_AFTER: Duration = Duration::from_millis(700);
const FRAMES: [char; 4] = ['|', '/', '-', '\\'];

pub struct Progress {
    stop: Arc<(Mutex<bool>, Condvar)>,
    shown: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts a spinner labelled `label` if stderr is a terminal and `enabled`.
    pub fn start(label: &str, enabled: bool) -> Progress {
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let shown = Arc::new(AtomicBool::new(false));
        let thread = (enabled && std::io::stderr().is_terminal()).then(|| {
            let stop = Arc::clone(&stop);
            let shown = Arc::clone(&shown);
            let label = label.to_owned();
            std::thread::spawn(move || spin(&label, &stop, &shown))
        });
        Progress {
            stop,
            shown,
            thread,
        }
    }

    /// Stops the spinner and clears its line.
    pub fn finish(mut self) {
        self.stop_thread();
    }

    fn stop_thread(&mut self) {
        let (lock, signal) = &*self.stop;
        *lock.lock().unwrap_or_else(PoisonError::into_inner) = true;
        signal.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        if self.shown.load(Ordering::SeqCst) {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop_thread();
    }
}

fn spin(label: &str, stop: &(Mutex<bool>, Condvar), shown: &AtomicBool) {
    let (lock, signal) = stop;
    let started = Instant::now();
    let mut frame = 0usize;
    let mut stopped = lock.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        let wait = if shown.load(Ordering::SeqCst) {
            Duration::from_millis(120)
        } else {
            SHOW_AFTER
        };
        let (guard, _) = signal
            .wait_timeout(stopped, wait)
            .unwrap_or_else(PoisonError::into_inner);
        stopped = guard;
        if *stopped {
            return;
        }
        shown.store(true, Ordering::SeqCst);
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r{} {label} ({}s)",
            FRAMES[frame % FRAMES.len()],
            started.elapsed().as_secs()
        );
        let _ = err.flush();
        frame += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disabled_or_quick_progress_stops_cleanly() {
        Progress::start("querying", false).finish();
        // Under the test harness stderr is usually not a terminal; either way it stops.
        let p = Progress::start("querying", true);
        p.finish();
    }
}
