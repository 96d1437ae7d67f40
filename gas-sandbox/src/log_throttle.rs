//! At most one log line per interval for a repeating event (accept failures at the file
//! limit, connections refused at the cap), with the count of the ones not written, so a
//! server in trouble cannot fill a CI runner's disk.

use std::time::{Duration, Instant};

/// See the module docs.
#[derive(Debug)]
pub(crate) struct LogThrottle {
    interval: Duration,
    last: Option<Instant>,
    suppressed: u64,
}

impl LogThrottle {
    pub fn new(interval: Duration) -> Self {
        Self {
            interval,
            last: None,
            suppressed: 0,
        }
    }

    /// Counts an event. Returns `Some(n)` when a line may be written now, `n` being how
    /// many events since the last line were not written; `None` when this one is to be
    /// counted only.
    pub fn event(&mut self, now: Instant) -> Option<u64> {
        if self
            .last
            .is_some_and(|last| now.duration_since(last) < self.interval)
        {
            self.suppressed += 1;
            return None;
        }
        self.last = Some(now);
        Some(std::mem::take(&mut self.suppressed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_interval_with_the_count_of_the_rest() {
        let mut throttle = LogThrottle::new(Duration::from_secs(1));
        let start = Instant::now();
        assert_eq!(throttle.event(start), Some(0));
        for i in 1..=999 {
            assert_eq!(throttle.event(start + Duration::from_micros(i)), None);
        }
        assert_eq!(throttle.event(start + Duration::from_secs(1)), Some(999));
        assert_eq!(throttle.event(start + Duration::from_millis(1500)), None);
        assert_eq!(throttle.event(start + Duration::from_millis(2000)), Some(1));
    }
}
