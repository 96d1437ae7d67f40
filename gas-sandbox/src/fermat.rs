//! The −6037 check: are the two primes of an RSA modulus so close that Fermat's method
//! factors it at once? If `|p − q|` is small, `a = ⌈√N⌉` is (nearly) `(p + q) / 2` and
//! `a² − N` is a perfect square `((p − q) / 2)²`. The check tries the first
//! [`FERMAT_ROUNDS`] values of `a`, as key-checking services do.
//!
//! A minimal unsigned big integer (little-endian `u64` limbs) is enough: square root by
//! the bit-by-bit method, multiplication, subtraction and comparison. No division.

use std::cmp::Ordering;

/// How many candidates `a = ⌈√N⌉, ⌈√N⌉ + 1, …` are tried.
pub const FERMAT_ROUNDS: u32 = 100;

/// Whether Fermat's method factors the big-endian modulus within [`FERMAT_ROUNDS`] steps.
pub fn primes_too_close(modulus_be: &[u8]) -> bool {
    let n = Big::from_be_bytes(modulus_be);
    if n.is_zero() {
        return false;
    }
    let mut a = n.isqrt();
    if a.mul(&a).cmp_to(&n) == Ordering::Less {
        a = a.add_small(1);
    }
    for _ in 0..FERMAT_ROUNDS {
        let b2 = a.mul(&a).sub(&n);
        if b2.is_square() {
            return true;
        }
        a = a.add_small(1);
    }
    false
}

/// An unsigned integer; limbs little-endian, no high zero limbs (zero is empty).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Big(Vec<u64>);

impl Big {
    fn from_be_bytes(bytes: &[u8]) -> Self {
        let mut limbs = Vec::with_capacity(bytes.len() / 8 + 1);
        for chunk in bytes.rchunks(8) {
            let mut limb = 0u64;
            for &b in chunk {
                limb = (limb << 8) | u64::from(b);
            }
            limbs.push(limb);
        }
        Self(limbs).normalized()
    }

    fn normalized(mut self) -> Self {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        self
    }

    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn bits(&self) -> usize {
        match self.0.last() {
            Some(top) => (self.0.len() - 1) * 64 + (64 - top.leading_zeros() as usize),
            None => 0,
        }
    }

    fn cmp_to(&self, other: &Self) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }

    fn add(&self, other: &Self) -> Self {
        let len = self.0.len().max(other.0.len());
        let mut out = Vec::with_capacity(len + 1);
        let mut carry = 0u128;
        for i in 0..len {
            let sum = u128::from(*self.0.get(i).unwrap_or(&0))
                + u128::from(*other.0.get(i).unwrap_or(&0))
                + carry;
            out.push(sum as u64);
            carry = sum >> 64;
        }
        if carry != 0 {
            out.push(carry as u64);
        }
        Self(out).normalized()
    }

    fn add_small(&self, n: u64) -> Self {
        self.add(&Self(vec![n]).normalized())
    }

    /// `self − other`, saturating at zero.
    fn sub(&self, other: &Self) -> Self {
        if self.cmp_to(other) != Ordering::Greater {
            return Self(Vec::new());
        }
        let mut out = Vec::with_capacity(self.0.len());
        let mut borrow = 0u64;
        for (i, &limb) in self.0.iter().enumerate() {
            let rhs = *other.0.get(i).unwrap_or(&0);
            let (d1, b1) = limb.overflowing_sub(rhs);
            let (d2, b2) = d1.overflowing_sub(borrow);
            out.push(d2);
            borrow = u64::from(b1 || b2);
        }
        Self(out).normalized()
    }

    fn mul(&self, other: &Self) -> Self {
        if self.is_zero() || other.is_zero() {
            return Self(Vec::new());
        }
        let mut out = vec![0u64; self.0.len() + other.0.len()];
        for (i, &x) in self.0.iter().enumerate() {
            let mut carry = 0u128;
            for (j, &y) in other.0.iter().enumerate() {
                let t = u128::from(x) * u128::from(y) + u128::from(out[i + j]) + carry;
                out[i + j] = t as u64;
                carry = t >> 64;
            }
            out[i + other.0.len()] = carry as u64;
        }
        Self(out).normalized()
    }

    fn shr(&self, bits: usize) -> Self {
        let limbs = bits / 64;
        let rest = bits % 64;
        if limbs >= self.0.len() {
            return Self(Vec::new());
        }
        let src = &self.0[limbs..];
        let mut out = Vec::with_capacity(src.len());
        for i in 0..src.len() {
            let low = src[i] >> rest;
            let high = if rest == 0 {
                0
            } else {
                src.get(i + 1).map_or(0, |next| next << (64 - rest))
            };
            out.push(low | high);
        }
        Self(out).normalized()
    }

    fn one_shl(bits: usize) -> Self {
        let mut limbs = vec![0u64; bits / 64 + 1];
        limbs[bits / 64] = 1u64 << (bits % 64);
        Self(limbs)
    }

    /// ⌊√self⌋, bit by bit (only shifts, additions, subtractions, comparisons).
    fn isqrt(&self) -> Self {
        if self.is_zero() {
            return Self(Vec::new());
        }
        let mut n = self.clone();
        let mut result = Self(Vec::new());
        let top = (self.bits() - 1) & !1;
        let mut bit = Self::one_shl(top);
        while !bit.is_zero() {
            let candidate = result.add(&bit);
            if n.cmp_to(&candidate) != Ordering::Less {
                n = n.sub(&candidate);
                result = result.shr(1).add(&bit);
            } else {
                result = result.shr(1);
            }
            bit = bit.shr(2);
        }
        result
    }

    fn is_square(&self) -> bool {
        // Squares mod 16 are 0, 1, 4, 9: a cheap filter before the root.
        let low = self.0.first().copied().unwrap_or(0) & 15;
        if !matches!(low, 0 | 1 | 4 | 9) {
            return false;
        }
        let root = self.isqrt();
        root.mul(&root) == *self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(n: u128) -> Big {
        Big::from_be_bytes(&n.to_be_bytes())
    }

    fn to_be(b: &Big) -> Vec<u8> {
        let mut out: Vec<u8> = b.0.iter().rev().flat_map(|l| l.to_be_bytes()).collect();
        while out.first() == Some(&0) {
            out.remove(0);
        }
        out
    }

    fn to_u128(b: &Big) -> u128 {
        b.0.iter()
            .rev()
            .fold(0u128, |acc, &l| (acc << 64) | u128::from(l))
    }

    #[test]
    fn arithmetic_matches_u128() {
        let (x, y) = (0xDEAD_BEEF_0123_4567_89AB_u128, 0x1_0000_0000_0001_u128);
        assert_eq!(big(x).add(&big(y)), big(x + y));
        assert_eq!(big(x).sub(&big(y)), big(x - y));
        assert_eq!(big(y).sub(&big(x)), big(0));
        assert_eq!(
            big(0xFFFF_FFFF).mul(&big(0xFFFF_FFFF_FFFF)),
            big(0xFFFF_FFFF * 0xFFFF_FFFF_FFFF)
        );
        assert_eq!(big(x).shr(7), big(x >> 7));
        assert_eq!(big(x).shr(64), big(x >> 64));
        for n in [
            0u128,
            1,
            2,
            3,
            4,
            15,
            16,
            17,
            99,
            1 << 100,
            (1 << 100) - 1,
            x,
        ] {
            let r_u = to_u128(&big(n).isqrt());
            assert!(
                r_u * r_u <= n && (r_u + 1) * (r_u + 1) > n,
                "isqrt({n}) = {r_u}"
            );
        }
        assert!(big(144).is_square() && !big(145).is_square() && big(0).is_square());
    }

    #[test]
    fn close_primes_are_found() {
        // N = a² − 9 = (a − 3)(a + 3) with a ≈ 1.5 · 2^1023: a 2048-bit modulus whose
        // factors differ by 6.
        let a = Big::one_shl(1023)
            .add(&Big::one_shl(1022))
            .add_small(12_345);
        let n = a.mul(&a).sub(&big(9));
        assert_eq!(n.bits(), 2048);
        assert!(primes_too_close(&to_be(&n)));
        // Factors a few rounds apart are found too: (a − 2k)(a + 2k + 2) style gaps.
        let p = a.sub(&big(1_000_001));
        let q = a.add_small(1_000_003);
        assert!(primes_too_close(&to_be(&p.mul(&q))));
    }

    #[test]
    fn distant_factors_are_not() {
        let p = Big::one_shl(1000).add_small(1);
        let q = Big::one_shl(1047).add_small(7);
        let n = p.mul(&q);
        assert_eq!(n.bits(), 2048);
        assert!(!primes_too_close(&to_be(&n)));
        assert!(!primes_too_close(&[]));
    }
}
