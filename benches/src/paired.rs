//! Ratios measured the robust way on a shared, noisy machine: ours and the baseline
//! alternate in short rounds (A B, B A, A B, ...), each round gives one ratio, and the
//! median of those ratios is reported. Slow drifts in machine load hit both sides of a
//! round alike, which sequential measurements (all of A, then all of B) cannot promise.

use std::time::{Duration, Instant};

/// The outcome of [`compare`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paired {
    /// Median time of one call of ours, in nanoseconds.
    pub ours_ns: f64,
    /// Median time of one call of the baseline, in nanoseconds.
    pub base_ns: f64,
    /// Median of the per-round ratios ours / baseline.
    pub ratio: f64,
    /// Smallest and largest per-round ratio (the spread).
    pub ratio_min: f64,
    pub ratio_max: f64,
    pub rounds: usize,
    /// Calls per side per round.
    pub iterations: u64,
}

fn time(iterations: u64, f: &mut impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..iterations {
        f();
    }
    start.elapsed()
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Runs `ours` and `baseline` alternately for `rounds` rounds of at least `round`
/// each side (after one warm-up call of each) and returns the medians.
pub fn compare(
    rounds: usize,
    round: Duration,
    mut ours: impl FnMut(),
    mut baseline: impl FnMut(),
) -> Paired {
    let rounds = rounds.max(1);
    // Warm up and calibrate on the slower of the two.
    let one = time(1, &mut ours).max(time(1, &mut baseline));
    let iterations = (round.as_nanos() / one.as_nanos().max(1)).clamp(1, 1_000_000) as u64;
    let mut ratios = Vec::with_capacity(rounds);
    let mut ours_ns = Vec::with_capacity(rounds);
    let mut base_ns = Vec::with_capacity(rounds);
    for r in 0..rounds {
        let (a, b) = if r % 2 == 0 {
            let a = time(iterations, &mut ours);
            (a, time(iterations, &mut baseline))
        } else {
            let b = time(iterations, &mut baseline);
            (time(iterations, &mut ours), b)
        };
        let a = a.as_nanos() as f64 / iterations as f64;
        let b = b.as_nanos() as f64 / iterations as f64;
        ours_ns.push(a);
        base_ns.push(b);
        ratios.push(a / b.max(1.0));
    }
    let ratio_min = ratios.iter().copied().fold(f64::INFINITY, f64::min);
    let ratio_max = ratios.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Paired {
        ours_ns: median(&mut ours_ns),
        base_ns: median(&mut base_ns),
        ratio: median(&mut ratios),
        ratio_min,
        ratio_max,
        rounds,
        iterations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hint::black_box;

    #[test]
    fn median_of_odd_and_even() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&mut []).is_nan());
    }

    #[test]
    fn compare_counts_rounds_and_orders_the_spread() {
        let mut calls_a = 0u64;
        let mut calls_b = 0u64;
        let p = compare(
            4,
            Duration::from_micros(50),
            || {
                calls_a += 1;
                black_box(calls_a);
            },
            || {
                calls_b += 1;
                black_box(calls_b);
            },
        );
        assert_eq!(p.rounds, 4);
        assert!(p.iterations >= 1);
        // One warm-up call each, then `iterations` per round.
        assert_eq!(calls_a, 1 + 4 * p.iterations);
        assert_eq!(calls_b, calls_a);
        assert!(p.ratio_min <= p.ratio && p.ratio <= p.ratio_max);
    }
}
