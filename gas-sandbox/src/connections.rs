//! The open connections: how long each may take to send a request's headers or sit idle
//! between requests, and the cap on how many are open at once.
//!
//! A [`Tracker`] per connection follows where the connection is:
//! - **first request**: its headers must be complete within `header_read_timeout` of the
//!   connection opening (a client that connects and says nothing is a slow client);
//! - **in flight** (headers read, the handler running): no deadline here; the body has its
//!   own (`body_read_timeout`, in [`crate::server`]);
//! - **between requests** (keep-alive): the next request must start within `idle_timeout`
//!   of the last answer, and its headers be complete within `header_read_timeout` of its
//!   first byte.
//!
//! At the cap, [`Connections::evict_longest_idle`] closes the connection that has waited
//! longest for a request (as nginx drains keep-alive connections when it runs out), so
//! idle clients cannot lock out working ones. A connection the server has not read from
//! yet is never evicted: its request may be waiting in the socket (at the open-files limit
//! the accept loop would otherwise accept and close every queued connection unread).

use std::collections::HashMap;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::Notify;

/// `first_byte` when no byte of the next request has arrived.
const NONE: u64 = u64::MAX;

/// The time limits a [`Tracker`] enforces.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Deadlines {
    pub header_read: Duration,
    pub idle: Duration,
}

/// Why a connection was closed by its deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Expiry {
    /// The request's headers took longer than `header_read_timeout`.
    HeaderRead,
    /// No request within `idle_timeout` of the last answer.
    Idle,
}

/// One connection's state, shared by its I/O, its service and its task.
#[derive(Debug)]
pub(crate) struct Tracker {
    id: u64,
    /// The registry's clock origin; the times below are microseconds after it.
    origin: Instant,
    /// When the connection began waiting for its next request (opening, or the end of
    /// the last handler).
    waiting_since: AtomicU64,
    /// The first byte of the request being waited for, or [`NONE`].
    first_byte: AtomicU64,
    in_flight: AtomicBool,
    /// Whether the server has tried to read from the connection (before that, whether a
    /// request is waiting in the socket is unknown, so it is not idle).
    read_from: AtomicBool,
    /// Whether a request has been answered (keep-alive rules apply after).
    served: AtomicBool,
    /// Wakes the connection's task when its deadline moves.
    changed: Notify,
    /// Tells the connection's task to close the connection.
    evict: Notify,
}

impl Tracker {
    fn now(&self) -> u64 {
        micros(self.origin.elapsed())
    }

    /// When the connection should be closed if nothing changes; `None` while a request
    /// is being handled.
    pub fn deadline(&self, limits: Deadlines) -> Option<(Instant, Expiry)> {
        if self.in_flight.load(Ordering::Acquire) {
            return None;
        }
        let first_byte = self.first_byte.load(Ordering::Acquire);
        let waiting_since = self.waiting_since.load(Ordering::Acquire);
        let (from, limit, expiry) = if !self.served.load(Ordering::Acquire) {
            (waiting_since, limits.header_read, Expiry::HeaderRead)
        } else if first_byte != NONE {
            (first_byte, limits.header_read, Expiry::HeaderRead)
        } else {
            (waiting_since, limits.idle, Expiry::Idle)
        };
        Some((self.origin + Duration::from_micros(from) + limit, expiry))
    }

    /// Resolves when the deadline may have moved (a request began or ended, or the first
    /// byte of one arrived).
    pub async fn changed(&self) {
        self.changed.notified().await;
    }

    /// Resolves when the registry wants this connection closed to make room.
    pub async fn evicted(&self) {
        self.evict.notified().await;
    }

    /// Headers are complete and the handler starts; the returned guard ends the request
    /// when dropped (answered, or the handler's future dropped).
    pub fn begin_request(self: &Arc<Self>) -> RequestGuard {
        self.in_flight.store(true, Ordering::Release);
        self.first_byte.store(NONE, Ordering::Release);
        self.changed.notify_one();
        RequestGuard(self.clone())
    }

    fn tried_to_read(&self) {
        if !self.read_from.load(Ordering::Relaxed) {
            self.read_from.store(true, Ordering::Release);
        }
    }

    fn saw_bytes(&self) {
        if !self.in_flight.load(Ordering::Acquire)
            && self.first_byte.load(Ordering::Acquire) == NONE
        {
            self.first_byte.store(self.now(), Ordering::Release);
            self.changed.notify_one();
        }
    }
}

/// Marks the end of a request when dropped.
#[derive(Debug)]
pub(crate) struct RequestGuard(Arc<Tracker>);

impl Drop for RequestGuard {
    fn drop(&mut self) {
        let tracker = &self.0;
        tracker
            .waiting_since
            .store(tracker.now(), Ordering::Release);
        tracker.served.store(true, Ordering::Release);
        tracker.in_flight.store(false, Ordering::Release);
        tracker.changed.notify_one();
    }
}

/// Every open connection, by ID.
#[derive(Debug)]
pub(crate) struct Connections {
    origin: Instant,
    next_id: AtomicU64,
    open: Mutex<HashMap<u64, Arc<Tracker>>>,
}

impl Connections {
    pub fn new() -> Self {
        Self {
            origin: Instant::now(),
            next_id: AtomicU64::new(0),
            open: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Tracker>>> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How many connections are open (not counting ones already told to close).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Starts tracking a connection that was just accepted.
    pub fn open(&self) -> Arc<Tracker> {
        let now = micros(self.origin.elapsed());
        let tracker = Arc::new(Tracker {
            id: self.next_id.fetch_add(1, Ordering::Relaxed),
            origin: self.origin,
            waiting_since: AtomicU64::new(now),
            first_byte: AtomicU64::new(NONE),
            in_flight: AtomicBool::new(false),
            read_from: AtomicBool::new(false),
            served: AtomicBool::new(false),
            changed: Notify::new(),
            evict: Notify::new(),
        });
        self.lock().insert(tracker.id, tracker.clone());
        tracker
    }

    /// Stops tracking a connection that has closed.
    pub fn close(&self, tracker: &Tracker) {
        self.lock().remove(&tracker.id);
    }

    /// Tells the connection that has waited longest for a request to close. Returns
    /// `false` when every connection is handling a request or has not been read from yet.
    pub fn evict_longest_idle(&self) -> bool {
        let mut open = self.lock();
        let longest = open
            .values()
            .filter(|t| t.read_from.load(Ordering::Acquire) && !t.in_flight.load(Ordering::Acquire))
            .min_by_key(|t| t.waiting_since.load(Ordering::Acquire))
            .map(|t| t.id);
        match longest.and_then(|id| open.remove(&id)) {
            Some(tracker) => {
                tracker.evict.notify_one();
                true
            }
            None => false,
        }
    }
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(NONE - 1)
}

/// A stream that tells its [`Tracker`] when bytes of a new request arrive.
#[derive(Debug)]
pub(crate) struct TrackedIo<T> {
    inner: T,
    tracker: Arc<Tracker>,
}

impl<T> TrackedIo<T> {
    pub fn new(inner: T, tracker: Arc<Tracker>) -> Self {
        Self { inner, tracker }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for TrackedIo<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        self.tracker.tried_to_read();
        let result = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.tracker.saw_bytes();
        }
        result
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for TrackedIo<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Deadlines = Deadlines {
        header_read: Duration::from_secs(10),
        idle: Duration::from_secs(60),
    };

    #[test]
    fn a_new_connection_has_the_header_deadline_then_none_in_flight_then_idle() {
        let connections = Connections::new();
        let t = connections.open();
        let (at, why) = t.deadline(LIMITS).expect("deadline");
        assert_eq!(why, Expiry::HeaderRead);
        assert!(at <= Instant::now() + LIMITS.header_read);
        let guard = t.begin_request();
        assert_eq!(t.deadline(LIMITS), None);
        drop(guard);
        assert_eq!(t.deadline(LIMITS).map(|d| d.1), Some(Expiry::Idle));
        t.saw_bytes();
        assert_eq!(t.deadline(LIMITS).map(|d| d.1), Some(Expiry::HeaderRead));
    }

    #[test]
    fn eviction_picks_the_longest_waiting_connection_not_in_flight() {
        let connections = Connections::new();
        let busy = connections.open();
        busy.tried_to_read();
        let _guard = busy.begin_request();
        let older = connections.open();
        older.tried_to_read();
        std::thread::sleep(Duration::from_millis(2));
        let newer = connections.open();
        newer.tried_to_read();
        // Accepted, not read from yet: its request may be in the socket.
        let unread = connections.open();
        assert_eq!(connections.len(), 4);
        assert!(connections.evict_longest_idle());
        assert_eq!(connections.len(), 3);
        let left: Vec<u64> = connections.lock().keys().copied().collect();
        assert!(left.contains(&busy.id) && left.contains(&newer.id) && left.contains(&unread.id));
        assert!(!left.contains(&older.id));
        assert!(connections.evict_longest_idle());
        // The busy and the unread one are left: nothing to evict.
        assert!(!connections.evict_longest_idle());
        assert_eq!(connections.len(), 2);
        // Once read from (and found silent), the unread one is idle.
        unread.tried_to_read();
        assert!(connections.evict_longest_idle());
        assert_eq!(connections.len(), 1);
    }
}
