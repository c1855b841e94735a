//! A number as text, exactly as Rust's `{}` writes an `f64` (shortest digits
//! that read back as the same number, plain decimal notation, no exponent:
//! `1`, `-0.5`, `100000000000000000000`, `0.0000001`, `-0`, `NaN`, `inf`).
//!
//! Why not `{}` itself: the standard library's float formatting (Grisu with a
//! Dragon fallback, with its bignum and tables) is 9 kB gzip of the page's
//! WebAssembly module, which already holds `zmij` (serde_json's shortest
//! digits) for the JSON it writes; these digits are the same, laid out as `{}`
//! lays them out. The messages and the JSON parser's quotes use [`Decimal`];
//! the test below checks it against `{}` on a million numbers. It depends on no other module.

use std::fmt;

/// An `f64` shown as `{}` shows it (width, precision and `+` are not supported).
#[derive(Clone, Copy)]
pub struct Decimal(pub f64);

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x.is_nan() {
            return f.write_str("NaN");
        }
        if x.is_sign_negative() {
            f.write_str("-")?;
        }
        if x.is_infinite() {
            return f.write_str("inf");
        }
        let mut buf = zmij::Buffer::new();
        let text = buf.format_finite(x.abs());
        // `text` is `D[.D][e[-]N]`: its significant digits, and where the point is
        let (mantissa, exp) = match text.split_once('e') {
            Some((m, e)) => (m, e.parse::<i64>().unwrap_or(0)),
            None => (text, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
        let Some(first) = all.iter().position(|&d| d != b'0') else {
            return f.write_str("0");
        };
        let last = all.iter().rposition(|&d| d != b'0').unwrap_or(first);
        let mut sig = all[first..=last].to_vec();
        // the point's place in `sig` (0: before its first digit)
        let mut point = len_i64(int.len()) + exp - len_i64(first);
        // Exactly halfway between two shortest candidates, zmij takes the even
        // one and `{}` the upper one: take the upper one too.
        if is_tie_above(x.abs(), &sig, point) {
            let mut i = sig.len();
            loop {
                if i == 0 {
                    sig.insert(0, b'1');
                    point += 1;
                    break;
                }
                i -= 1;
                if sig[i] == b'9' {
                    sig[i] = b'0';
                } else {
                    sig[i] += 1;
                    break;
                }
            }
            while sig.len() > 1 && sig.last() == Some(&b'0') {
                sig.pop();
            }
        }
        let len = len_i64(sig.len());
        let mut out = String::with_capacity(sig.len() + 8);
        let push = |out: &mut String, ds: &[u8]| out.extend(ds.iter().map(|&d| char::from(d)));
        if point <= 0 {
            out.push_str("0.");
            (0..-point).for_each(|_| out.push('0'));
            push(&mut out, &sig);
        } else if point >= len {
            push(&mut out, &sig);
            (len..point).for_each(|_| out.push('0'));
        } else {
            let p = usize::try_from(point).unwrap_or(0);
            push(&mut out, &sig[..p]);
            out.push('.');
            push(&mut out, &sig[p..]);
        }
        f.write_str(&out)
    }
}

fn len_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Whether `x` (finite, > 0) is exactly `(D + 1/2)·10^k`, where `D` is the
/// integer of the digits `sig` and `10^k` the place of its last digit.
fn is_tie_above(x: f64, sig: &[u8], point: i64) -> bool {
    let Some(d) = sig.iter().try_fold(0u128, |a, &c| a.checked_mul(10)?.checked_add(u128::from(c - b'0'))) else {
        return false;
    };
    let odd = 2 * d + 1;
    let k = point - len_i64(sig.len());
    // x = m·2^e with m odd
    let bits = x.to_bits();
    let field = i64::try_from((bits >> 52) & 0x7ff).unwrap_or(0);
    let frac = u128::from(bits & ((1u64 << 52) - 1));
    let (mut m, mut e) = if field == 0 { (frac, -1074) } else { (frac | (1u128 << 52), field - 1075) };
    if m == 0 {
        return false;
    }
    let tz = m.trailing_zeros();
    m >>= tz;
    e += i64::from(tz);
    let pow5 = |n: i64| u32::try_from(n).ok().and_then(|n| 5u128.checked_pow(n));
    if k >= 0 {
        // (2D + 1)·5^k·2^(k−1)
        e == k - 1 && pow5(k).and_then(|p| odd.checked_mul(p)) == Some(m)
    } else {
        // (2D + 1) / (5^j·2^(j+1)), j = −k
        e == k - 1 && pow5(-k).and_then(|p| m.checked_mul(p)) == Some(odd)
    }
}

#[cfg(test)]
mod tests {
    use super::Decimal;

    fn same(x: f64) {
        assert_eq!(Decimal(x).to_string(), format!("{x}"), "bits {:#018x}", x.to_bits());
    }

    #[test]
    fn special_values_and_edges() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            0.5,
            100.0,
            123.456,
            1e15,
            1e16,
            1e17,
            1e20,
            1e21,
            1e22,
            1e23,
            1e-5,
            1e-6,
            1e-7,
            1.5e-7,
            1e300,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            5e-324,
            -5e-324,
            9007199254740992.0,
            9007199254740993.0,
            f64::from_bits(0x000f_ffff_ffff_ffff), // the largest subnormal
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            same(x);
        }
        for e in -1074..1024 {
            same(2f64.powi(e));
            same(-(2f64.powi(e)) * 3.0);
        }
        for k in -30..30 {
            same(10f64.powi(k));
            same(7.0 * 10f64.powi(k));
        }
    }

    #[test]
    fn a_million_numbers_read_as_std_writes_them() {
        // xorshift64*: any bit pattern (every exponent, subnormals, NaNs), then
        // numbers as datasets have them (a few decimals, moderate size)
        let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            s ^= s >> 12;
            s ^= s << 25;
            s ^= s >> 27;
            s.wrapping_mul(0x2545_F491_4F6C_DD1D)
        };
        for _ in 0..300_000 {
            same(f64::from_bits(next()));
        }
        for _ in 0..300_000 {
            let r = next();
            let n = f64::from((r >> 11) as u32 % 1_000_000);
            same(n / 10f64.powi((r % 7) as i32) - 5000.0);
        }
    }
}
