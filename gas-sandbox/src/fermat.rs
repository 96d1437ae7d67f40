//! The −6037 check: are the two primes of an RSA modulus so close that Fermat's method
//! factors it at once? If `|p − q|` is small, `a = ⌈√N⌉` is (nearly) `(p + q) / 2` and
//! `a² − N` is a perfect square `((p − q) / 2)²`. The check tries the first
//! [`FERMAT_ROUNDS`] values of `a`, as key-checking services do. Arithmetic on
//! `num-bigint` (already in the tree through `x509-parser`).

use num_bigint::BigUint;

/// How many candidates `a = ⌈√N⌉, ⌈√N⌉ + 1, …` are tried.
pub const FERMAT_ROUNDS: u32 = 100;

/// Whether Fermat's method factors the big-endian modulus within [`FERMAT_ROUNDS`] steps.
pub fn primes_too_close(modulus_be: &[u8]) -> bool {
    let n = BigUint::from_bytes_be(modulus_be);
    if n == BigUint::ZERO {
        return false;
    }
    let mut a = n.sqrt();
    if &a * &a < n {
        a += 1u32;
    }
    for _ in 0..FERMAT_ROUNDS {
        if is_square(&(&a * &a - &n)) {
            return true;
        }
        a += 1u32;
    }
    false
}

fn is_square(x: &BigUint) -> bool {
    // Squares mod 16 are 0, 1, 4, 9: a cheap filter before the root.
    let low = x.iter_u32_digits().next().unwrap_or(0) & 15;
    if !matches!(low, 0 | 1 | 4 | 9) {
        return false;
    }
    let root = x.sqrt();
    &root * &root == *x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_shl(bits: usize) -> BigUint {
        BigUint::from(1u32) << bits
    }

    #[test]
    fn squares_are_recognised() {
        for n in [0u64, 1, 4, 9, 16, 144, 1 << 62] {
            assert!(is_square(&BigUint::from(n)), "{n}");
        }
        for n in [2u64, 3, 17, 145, (1 << 62) + 1] {
            assert!(!is_square(&BigUint::from(n)), "{n}");
        }
    }

    #[test]
    fn close_primes_are_found() {
        // N = a² − 9 = (a − 3)(a + 3) with a ≈ 1.5 · 2^1023: a 2048-bit modulus whose
        // factors differ by 6.
        let a = one_shl(1023) + one_shl(1022) + 12_345u32;
        let n = &a * &a - 9u32;
        assert_eq!(n.bits(), 2048);
        assert!(primes_too_close(&n.to_bytes_be()));
        // Factors further apart, still found within the rounds.
        let p = &a - 1_000_001u32;
        let q = &a + 1_000_003u32;
        assert!(primes_too_close(&(p * q).to_bytes_be()));
    }

    #[test]
    fn distant_factors_are_not() {
        let p = one_shl(1000) + 1u32;
        let q = one_shl(1047) + 7u32;
        let n = p * q;
        assert_eq!(n.bits(), 2048);
        assert!(!primes_too_close(&n.to_bytes_be()));
        assert!(!primes_too_close(&[]));
        assert!(!primes_too_close(&[0, 0]));
    }
}
