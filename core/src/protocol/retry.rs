//! When to try a request again, and how long to wait first (docs/protocol.md, "Timing and
//! retries").
//!
//! At most four attempts per request; exponential backoff of 0.5 s, 1 s, 2 s with ±50 % jitter; a
//! server's `Retry-After` of at most 30 s replaces the backoff, a longer one ends the retries so the
//! member hears about it at once. No wait is started that would leave less than `min_attempt` of
//! the command's deadline for the next attempt. Whether a failure may be retried at all is decided
//! by the client (a request that may have counted a wrong PIN is never retried: it would burn an
//! attempt); this module only counts and waits. The sleeper is injectable so that tests never wait
//! for real.

use std::time::Duration;

/// How a failed attempt may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryHint {
    /// Never (wrong credentials, locked, deleted, a malformed answer…).
    Never,
    /// After the policy's backoff (a 5xx without `Retry-After`, a reset connection, a timeout).
    Backoff,
    /// After the server's `Retry-After`.
    After(Duration),
}

/// What the retry loop does after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Wait this long, then try again.
    RetryAfter(Duration),
    /// Report the failure.
    GiveUp,
}

/// Waits between attempts.
pub trait Sleeper {
    fn sleep(&self, d: Duration);
}

/// The real sleeper.
#[derive(Clone, Copy, Debug, Default)]
pub struct ThreadSleeper;

impl Sleeper for ThreadSleeper {
    fn sleep(&self, d: Duration) {
        std::thread::sleep(d);
    }
}

/// The retry rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, the first included.
    pub max_attempts: u32,
    /// The first backoff; each further one doubles.
    pub base_backoff: Duration,
    /// The longest `Retry-After` that is waited out.
    pub max_retry_after: Duration,
    /// A wait is started only if at least this much of the deadline is left after it.
    pub min_attempt: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_backoff: Duration::from_millis(500),
            max_retry_after: Duration::from_secs(30),
            min_attempt: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// What to do after attempt number `attempt` (1 for the first) failed with `hint`, with
    /// `time_left` of the command's deadline. `jitter` is a number in [0, 1) that spreads the
    /// backoff over ±50 %.
    pub fn decide(
        &self,
        attempt: u32,
        hint: RetryHint,
        jitter: f64,
        time_left: Duration,
    ) -> Verdict {
        if attempt >= self.max_attempts {
            return Verdict::GiveUp;
        }
        let wait = match hint {
            RetryHint::Never => return Verdict::GiveUp,
            RetryHint::After(d) if d > self.max_retry_after => return Verdict::GiveUp,
            RetryHint::After(d) => d,
            RetryHint::Backoff => self.backoff(attempt, jitter),
        };
        match time_left.checked_sub(wait) {
            Some(after) if after >= self.min_attempt => Verdict::RetryAfter(wait),
            _ => Verdict::GiveUp,
        }
    }

    /// The backoff after attempt `attempt`: base × 2^(attempt−1), times a factor in [0.5, 1.5).
    pub fn backoff(&self, attempt: u32, jitter: f64) -> Duration {
        let exp = attempt.saturating_sub(1).min(16);
        let nominal = self.base_backoff.saturating_mul(1u32 << exp);
        let factor = 0.5 + jitter.clamp(0.0, 1.0);
        nominal.mul_f64(factor)
    }

    /// Runs `op` until it succeeds, fails for good, the attempts are used up or the deadline
    /// (`time_left`) leaves no room for another. `op` receives the attempt number (1 for the first)
    /// and returns the error with its retry hint.
    pub fn run<T, E>(
        &self,
        sleeper: &dyn Sleeper,
        mut jitter: impl FnMut() -> f64,
        mut time_left: impl FnMut() -> Duration,
        mut op: impl FnMut(u32) -> Result<T, (E, RetryHint)>,
    ) -> Result<T, E> {
        let mut attempt = 1;
        loop {
            match op(attempt) {
                Ok(v) => return Ok(v),
                Err((e, hint)) => match self.decide(attempt, hint, jitter(), time_left()) {
                    Verdict::GiveUp => return Err(e),
                    Verdict::RetryAfter(d) => {
                        tracing::debug!(attempt, wait_ms = d.as_millis() as u64, "retrying");
                        sleeper.sleep(d);
                        attempt += 1;
                    }
                },
            }
        }
    }
}

/// The longest `Retry-After` that is believed (a day); a longer one is not a valid answer.
pub const MAX_RETRY_AFTER_BELIEVED: Duration = Duration::from_secs(86_400);

/// Parses a `Retry-After` value: delta-seconds, or an HTTP date (a date in the past means now).
/// `None` for a value that is not one, or one over [`MAX_RETRY_AFTER_BELIEVED`]: no arithmetic
/// on the server's number can overflow.
pub fn parse_retry_after(value: &str, now: chrono::DateTime<chrono::Utc>) -> Option<Duration> {
    let v = value.trim();
    let d = if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        // A string of digits too long for u64 is as absurd as any value over the cap.
        Duration::from_secs(v.parse::<u64>().unwrap_or(u64::MAX))
    } else {
        let when = chrono::DateTime::parse_from_rfc2822(v).ok()?;
        let delta = when.with_timezone(&chrono::Utc).signed_duration_since(now);
        delta.to_std().unwrap_or(Duration::ZERO)
    };
    (d <= MAX_RETRY_AFTER_BELIEVED).then_some(d)
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;

    /// Records the waits instead of sleeping.
    #[derive(Default)]
    struct Recorder(RefCell<Vec<Duration>>);

    impl Sleeper for Recorder {
        fn sleep(&self, d: Duration) {
            self.0.borrow_mut().push(d);
        }
    }

    fn run_with(
        hints: &[RetryHint],
        jitter: f64,
    ) -> (Result<u32, &'static str>, Vec<Duration>, u32) {
        let rec = Recorder::default();
        let mut calls = 0;
        let r = RetryPolicy::default().run(
            &rec,
            || jitter,
            || Duration::from_secs(120),
            |attempt| {
                calls += 1;
                assert_eq!(attempt, calls, "attempts are numbered from 1");
                match hints.get(attempt as usize - 1) {
                    Some(h) => Err(("failed", *h)),
                    None => Ok(attempt),
                }
            },
        );
        (r, rec.0.into_inner(), calls)
    }

    #[test]
    fn backoff_doubles_without_jitter_spread() {
        // jitter 0.5 is the middle of the range: the nominal 0.5 s, 1 s, 2 s.
        let (r, waits, calls) = run_with(&[RetryHint::Backoff; 3], 0.5);
        assert_eq!(r, Ok(4));
        assert_eq!(calls, 4);
        assert_eq!(
            waits,
            [
                Duration::from_millis(500),
                Duration::from_millis(1000),
                Duration::from_millis(2000)
            ]
        );
    }

    #[test]
    fn jitter_spans_plus_minus_half() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff(1, 0.0), Duration::from_millis(250));
        assert_eq!(p.backoff(1, 1.0), Duration::from_millis(750));
        assert_eq!(p.backoff(3, 0.0), Duration::from_millis(1000));
        assert_eq!(p.backoff(3, 1.0), Duration::from_millis(3000));
    }

    #[test]
    fn at_most_four_attempts() {
        let (r, waits, calls) = run_with(&[RetryHint::Backoff; 10], 0.5);
        assert_eq!(r, Err("failed"));
        assert_eq!(calls, 4);
        assert_eq!(waits.len(), 3);
    }

    #[test]
    fn never_means_one_attempt() {
        let (r, waits, calls) = run_with(&[RetryHint::Never], 0.5);
        assert_eq!(r, Err("failed"));
        assert_eq!(calls, 1);
        assert!(waits.is_empty());
    }

    #[test]
    fn retry_after_replaces_backoff_up_to_thirty_seconds() {
        let (r, waits, _) = run_with(
            &[
                RetryHint::After(Duration::from_secs(30)),
                RetryHint::After(Duration::ZERO),
            ],
            0.9,
        );
        assert_eq!(r, Ok(3));
        assert_eq!(waits, [Duration::from_secs(30), Duration::ZERO]);

        let (r, waits, calls) = run_with(&[RetryHint::After(Duration::from_secs(31))], 0.5);
        assert_eq!(r, Err("failed"));
        assert_eq!(calls, 1);
        assert!(
            waits.is_empty(),
            "a long Retry-After is reported, not waited"
        );
    }

    #[test]
    fn no_wait_that_would_leave_no_time_for_another_attempt() {
        let p = RetryPolicy::default();
        let d = |s| Duration::from_secs(s);
        assert_eq!(
            p.decide(1, RetryHint::After(d(20)), 0.5, d(30)),
            Verdict::RetryAfter(d(20))
        );
        assert_eq!(
            p.decide(1, RetryHint::After(d(21)), 0.5, d(30)),
            Verdict::GiveUp
        );
        assert_eq!(p.decide(1, RetryHint::Backoff, 0.5, d(5)), Verdict::GiveUp);
        assert_eq!(
            p.decide(1, RetryHint::Backoff, 0.5, Duration::ZERO),
            Verdict::GiveUp
        );

        // The loop asks for the time left after each failure: a deadline that runs out stops it.
        let rec = Recorder::default();
        let left = RefCell::new(d(25));
        let mut calls = 0;
        let r: Result<(), &str> = p.run(
            &rec,
            || 0.5,
            || *left.borrow(),
            |_| {
                calls += 1;
                let l = *left.borrow();
                *left.borrow_mut() = l.saturating_sub(d(6));
                Err(("slow", RetryHint::Backoff))
            },
        );
        assert_eq!(r, Err("slow"));
        // 25 s: attempts of 6 s leave 19, 13, then 7 s, less than a 2 s wait plus 10 s.
        assert_eq!(calls, 3);
    }

    #[test]
    fn retry_after_values() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        assert_eq!(parse_retry_after(" 7 ", now), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Sat, 21 Nov 2026 12:00:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Sat, 21 Nov 2026 11:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_retry_after("86400", now),
            Some(Duration::from_secs(86_400))
        );
        for absurd in [
            "soon",
            "-1",
            "",
            "86401",
            "9000000000000000",
            "18446744073709551615",
            "99999999999999999999999999",
            "Fri, 31 Dec 9999 23:59:59 GMT",
        ] {
            assert_eq!(parse_retry_after(absurd, now), None, "{absurd}");
        }
    }
}
