//! How long a stolen certificate file would resist offline PIN guessing, in plain words.
//!
//! A new PIN is 4 to 16 characters from a–z and 0–9, so a PIN chosen at random is one of 36^n.
//! (A word, a name or a date is far easier to guess: the estimate holds for random PINs only, and
//! says so.) An attacker who has the file tests each guess offline at the cheapest point: the MAC,
//! whose key comes from the PKCS#12 KDF — one hash per iteration (SHA-256 for the modern profile,
//! SHA-1 for legacy), cheaper than the PBKDF2 that protects the bags.
//!
//! The attacker is a documented constant, not a measurement of this machine: one current
//! high-end GPU (hashcat benchmarks of an NVIDIA RTX 4090: about 22 billion SHA-256 and 50
//! billion SHA-1 hashes per second). A determined attacker with a hundred such GPUs is a hundred
//! times faster; the text says "one graphics card" so that this is plain.

use crate::keystore::write::{Iterations, Profile};
use crate::pin::NewPin;

/// The characters a new PIN may use: a–z and 0–9.
pub const ALPHABET: u128 = 36;
/// gidcert recommends at least this many characters (and never refuses a valid shorter PIN).
pub const RECOMMENDED_LEN: usize = 10;
/// SHA-256 hashes per second of the reference attacker (one RTX 4090, hashcat mode 1400).
pub const GPU_SHA256_PER_SEC: f64 = 22e9;
/// SHA-1 hashes per second of the reference attacker (one RTX 4090, hashcat mode 100).
pub const GPU_SHA1_PER_SEC: f64 = 50e9;

/// The estimate for one PIN under one set of write parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    pub length: usize,
    /// 36^length.
    pub possibilities: u128,
    /// Guesses per second of the reference attacker at these settings.
    pub guesses_per_second: f64,
    /// Seconds to try every possible PIN (on average, half of it finds the PIN).
    pub seconds_to_try_all: f64,
}

impl Estimate {
    pub fn for_pin(pin: &NewPin, profile: Profile, iterations: Iterations) -> Estimate {
        Self::for_length(pin.len(), profile, iterations)
    }

    pub fn for_length(length: usize, profile: Profile, iterations: Iterations) -> Estimate {
        let possibilities = ALPHABET.saturating_pow(u32::try_from(length).unwrap_or(u32::MAX));
        let hashes = match profile {
            Profile::Modern => GPU_SHA256_PER_SEC,
            Profile::Legacy => GPU_SHA1_PER_SEC,
        };
        let guesses_per_second = hashes / f64::from(iterations.get());
        Estimate {
            length,
            possibilities,
            guesses_per_second,
            seconds_to_try_all: possibilities as f64 / guesses_per_second,
        }
    }

    /// Whether the PIN is shorter than gidcert recommends.
    pub fn is_short(&self) -> bool {
        self.length < RECOMMENDED_LEN
    }
}

/// 36^n in words a person can read: exact below a million, else "about 3.7 × 10^15".
pub fn format_possibilities(n: u128) -> String {
    if n < 1_000_000 {
        return n.to_string();
    }
    let exp = n.ilog10();
    let mantissa = n as f64 / 10f64.powi(exp as i32);
    format!("{mantissa:.1} × 10^{exp}")
}

/// A duration in the largest sensible unit, rounded (at least 1): the ui puts it into words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    /// A million years or more (or beyond what an f64 holds).
    OverMillionYears,
    Years(u64),
    Days(u64),
    Hours(u64),
    Minutes(u64),
    Seconds(u64),
}

impl Span {
    pub fn of_seconds(secs: f64) -> Span {
        const MIN: f64 = 60.0;
        const HOUR: f64 = 60.0 * MIN;
        const DAY: f64 = 24.0 * HOUR;
        const YEAR: f64 = 365.25 * DAY;
        let n = |x: f64| x.round().max(1.0) as u64;
        if !secs.is_finite() || secs >= 1e6 * YEAR {
            Span::OverMillionYears
        } else if secs >= YEAR {
            Span::Years(n(secs / YEAR))
        } else if secs >= DAY {
            Span::Days(n(secs / DAY))
        } else if secs >= HOUR {
            Span::Hours(n(secs / HOUR))
        } else if secs >= MIN {
            Span::Minutes(n(secs / MIN))
        } else {
            Span::Seconds(n(secs))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pin::Pin;

    fn new_pin(s: &str) -> NewPin {
        NewPin::parse(Pin::new(s.into())).unwrap()
    }

    #[test]
    fn possibilities_are_36_to_the_length() {
        let e = Estimate::for_pin(&new_pin("ab12"), Profile::Modern, Iterations::DEFAULT);
        assert_eq!(e.possibilities, 1_679_616);
        let e = Estimate::for_length(16, Profile::Modern, Iterations::DEFAULT);
        assert_eq!(e.possibilities, 36u128.pow(16));
    }

    #[test]
    fn more_iterations_and_longer_pins_take_longer() {
        let short = Estimate::for_length(4, Profile::Modern, Iterations::DEFAULT);
        let long = Estimate::for_length(10, Profile::Modern, Iterations::DEFAULT);
        assert!(long.seconds_to_try_all > short.seconds_to_try_all * 1e8);
        let more = Estimate::for_length(4, Profile::Modern, Iterations::new(400_000).unwrap());
        assert!((more.seconds_to_try_all / short.seconds_to_try_all - 2.0).abs() < 1e-9);
        // SHA-1 is cheaper for the attacker than SHA-256 at the same count.
        let legacy = Estimate::for_length(4, Profile::Legacy, Iterations::DEFAULT);
        assert!(legacy.seconds_to_try_all < short.seconds_to_try_all);
    }

    #[test]
    fn a_four_character_pin_falls_in_seconds_and_is_flagged_short() {
        // 36^4 / (22e9 / 200,000) ≈ 15 s: the text must not sound reassuring.
        let e = Estimate::for_length(4, Profile::Modern, Iterations::DEFAULT);
        assert!(e.seconds_to_try_all > 10.0 && e.seconds_to_try_all < 20.0);
        assert!(e.is_short());
        assert_eq!(format_possibilities(e.possibilities), "1.7 × 10^6");
        assert_eq!(Span::of_seconds(e.seconds_to_try_all), Span::Seconds(15));
        assert!(!Estimate::for_length(10, Profile::Modern, Iterations::DEFAULT).is_short());
    }

    #[test]
    fn durations_pick_a_readable_unit() {
        assert_eq!(Span::of_seconds(15.0), Span::Seconds(15));
        assert_eq!(Span::of_seconds(0.2), Span::Seconds(1));
        assert_eq!(Span::of_seconds(3.0 * 3600.0), Span::Hours(3));
        assert_eq!(Span::of_seconds(1e9), Span::Years(32));
        assert_eq!(Span::of_seconds(1e30), Span::OverMillionYears);
        assert_eq!(Span::of_seconds(f64::INFINITY), Span::OverMillionYears);
        assert_eq!(format_possibilities(36u128.pow(10)), "3.7 × 10^15");
    }
}
