//! Numbers as the console carries them: whole numbers exactly, and decimal
//! numbers of up to 15 significant digits (every f64 holds those exactly
//! enough to give the same text back; the proxy's timings have one decimal).
//!
//! Why not `str::parse::<f64>` and `{:?}`: the general algorithms and their
//! tables cost the app's download some 12 KB gzip, for one timing field.

/// 10^0 ..= 10^22: every one is an exact f64.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Integers from 0 to this are exact in an f64.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// Most significant digits read into an f64.
pub const MAX_DIGITS: usize = 15;

/// A whole number written without fraction or exponent.
pub(super) fn integer(text: &str) -> Option<i128> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut value: i128 = 0;
    for b in digits.bytes() {
        value = value.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
    }
    Some(if negative { -value } else { value })
}

/// The f64 of a JSON number of at most [`MAX_DIGITS`] significant digits
/// whose decimal exponent stays within ±22: exactly the nearest f64 (an
/// exact integer times or divided by an exact power of ten is rounded once,
/// correctly). Others are None.
pub(super) fn to_f64(text: &str) -> Option<f64> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], rest[i + 1..].parse::<i32>().ok()?),
        None => (rest, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{fraction}");
    let significant = digits.trim_start_matches('0');
    let trimmed = significant.trim_end_matches('0');
    let scale = exponent
        .checked_sub(i32::try_from(fraction.len()).ok()?)?
        .checked_add(i32::try_from(significant.len() - trimmed.len()).ok()?)?;
    let sign = if negative { -1.0 } else { 1.0 };
    if trimmed.is_empty() {
        return Some(sign * 0.0);
    }
    if trimmed.len() > MAX_DIGITS || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let m = integer(trimmed)? as f64;
    let p = POW10.get(usize::try_from(scale.unsigned_abs()).ok()?)?;
    Some(sign * if scale < 0 { m / p } else { m * p })
}

/// The text of an f64: the fewest decimal places that read back to the same
/// f64 (12.5, 1.0, 0.42 as serde_json writes them); past 17 places, or too
/// large for them, an integer and a power of ten that read back exactly
/// (`912104248520132e-18`). Values that need more than 15 significant digits
/// are written rounded to 15.
pub(super) fn from_f64(f: f64) -> String {
    let sign = if f.is_sign_negative() { "-" } else { "" };
    let a = f.abs();
    for (places, p) in POW10.iter().enumerate().take(18) {
        let scaled = (a * p).round();
        if scaled >= EXACT {
            break;
        }
        if scaled / p == a {
            return format!("{sign}{}", decimal(scaled as u64, places));
        }
    }
    // `to_f64` reads these back with the same one division or
    // multiplication, so they read back to `a` itself (and it reads at most
    // MAX_DIGITS digits).
    let digits = POW10[MAX_DIGITS];
    for (k, p) in POW10.iter().enumerate().skip(18) {
        let small = (a * p).round();
        if small < digits && small / p == a {
            return format!("{sign}{}e-{k}", small as u64);
        }
    }
    for (k, p) in POW10.iter().enumerate().skip(1) {
        let large = (a / p).round();
        if (1.0..digits).contains(&large) && large * p == a {
            return format!("{sign}{}e{k}", large as u64);
        }
    }
    format!("{sign}{}", rounded(a))
}

/// `digits` with a decimal point `places` from the right, and at least one
/// digit on each side.
fn decimal(digits: u64, places: usize) -> String {
    let text = format!("{digits:0>width$}", width = places + 1);
    let (whole, fraction) = text.split_at(text.len() - places);
    if fraction.is_empty() {
        format!("{whole}.0")
    } else {
        format!("{whole}.{fraction}")
    }
}

/// 15 significant digits and an exponent, for the rare value [`from_f64`]
/// cannot write exactly (it reads back within a few units of the 15th digit).
fn rounded(a: f64) -> String {
    let mut m = a;
    let mut e: i32 = 0;
    while m >= 1e15 {
        m /= 10.0;
        e += 1;
    }
    while m < 1e14 {
        m *= 10.0;
        e -= 1;
    }
    let mut digits = m.round() as u64;
    while digits >= 1_000_000_000_000_000 {
        digits /= 10;
        e += 1;
    }
    let text = digits.to_string();
    let kept = text.trim_end_matches('0');
    e += i32::try_from(text.len() - kept.len()).unwrap_or(0);
    format!("{kept}e{e}")
}
