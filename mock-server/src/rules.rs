//! The protocol's rules (docs/protocol.md, "The rules, in the order a server applies them") as a
//! pure state machine: every decision takes `now` from the caller, so the server's injectable
//! clock drives it and unit tests need no server.
//!
//! All of it lives behind one mutex in the server: a check and the update it leads to happen under
//! the same lock, so concurrent requests cannot lose a failed attempt.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;

use bytes::Bytes;
use sha2::{Digest, Sha256};
use time::{Date, Duration, OffsetDateTime, Time, UtcOffset};

use crate::Account;

/// Consecutive wrong PINs that lock an identification number.
pub const MAX_FAILURES: u32 = 6;
/// How long a lock lasts.
pub const LOCK_DURATION: Duration = Duration::minutes(60);
/// The lock that blocks instead of locking.
pub const LOCKS_BEFORE_BLOCK: u32 = 3;
/// From the notice's mailing day (00:00 JST) to revocation, without a complete download.
pub const REVOKE_AFTER: Duration = Duration::days(30);
/// From the first complete download to deletion.
pub const DELETE_AFTER: Duration = Duration::hours(1);
/// The rate limit's window.
pub const RATE_WINDOW: Duration = Duration::minutes(1);

const JST: UtcOffset = match UtcOffset::from_hms(9, 0, 0) {
    Ok(offset) => offset,
    Err(_) => UtcOffset::UTC,
};

/// A problem answer (RFC 9457), before it is serialised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    BadRequest(String),
    WrongCredentials {
        attempts_left: u32,
    },
    Locked {
        until: OffsetDateTime,
        retry_after: u64,
    },
    Blocked,
    Deleted {
        at: OffsetDateTime,
    },
    Revoked {
        at: OffsetDateTime,
    },
    DigestMismatch,
    NotFound,
    MethodNotAllowed,
    TooLarge,
    UnsupportedMediaType,
    RateLimited {
        retry_after: u64,
    },
    ServerError {
        status: u16,
        retry_after: Option<u64>,
    },
}

/// What a credentialed request asks for.
#[derive(Clone, Debug)]
pub enum Action {
    Download,
    /// Lowercase hex SHA-256 of the file the client saved.
    Receipt {
        sha256: String,
    },
}

/// The answer the rules lead to.
#[derive(Clone, Debug)]
pub enum Decision {
    /// `200` with the file. `delete_at` is the `Gid-Delete-At` announced with it.
    Deliver {
        body: Bytes,
        sha256: [u8; 32],
        delete_at: OffsetDateTime,
    },
    /// `204` to a receipt.
    ReceiptAccepted,
    Refuse(Problem),
}

/// One account as the server holds it.
#[derive(Clone, Debug)]
pub struct AccountRecord {
    pub account: Account,
    pub pkcs12: Bytes,
    pub sha256: [u8; 32],
    pub cert_der: Vec<u8>,
    pub history: History,
}

/// What has become of one account's file: when it is revoked, its downloads and receipts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    /// The instant the last byte of the first complete `200` body was handed to the connection.
    pub first_complete_at: Option<OffsetDateTime>,
    /// Set with `first_complete_at`: the `Gid-Delete-At` announced with that download.
    pub delete_at: Option<OffsetDateTime>,
    pub complete_downloads: u32,
    /// `200` answers started, complete or not.
    pub started_downloads: u32,
    pub receipts: u32,
    /// `notice_mailed` 00:00 JST + 30 days.
    pub revoke_at: OffsetDateTime,
}

impl AccountRecord {
    pub fn new(
        account: Account,
        pkcs12: Vec<u8>,
        cert_der: Vec<u8>,
        mailed: Date,
    ) -> AccountRecord {
        let sha256: [u8; 32] = Sha256::digest(&pkcs12).into();
        AccountRecord {
            account,
            pkcs12: Bytes::from(pkcs12),
            sha256,
            cert_der,
            history: History {
                revoke_at: revoke_at(mailed),
                first_complete_at: None,
                delete_at: None,
                complete_downloads: 0,
                started_downloads: 0,
                receipts: 0,
            },
        }
    }
}

/// The failed-attempt record of one identification number string, known or not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attempts {
    pub consecutive_failures: u32,
    pub locked_until: Option<OffsetDateTime>,
    pub locks: u32,
    pub blocked: bool,
}

impl Attempts {
    fn is_pristine(&self) -> bool {
        *self == Attempts::default()
    }
}

/// Every account, every attempt counter, the rate limiter.
#[derive(Debug, Default)]
pub struct Rules {
    pub accounts: HashMap<String, AccountRecord>,
    pub attempts: HashMap<String, Attempts>,
    rate: HashMap<IpAddr, VecDeque<OffsetDateTime>>,
    /// Requests a minute per client address; `None` turns the limiter off.
    pub rate_limit: Option<u32>,
}

impl Rules {
    pub fn new(accounts: Vec<AccountRecord>, rate_limit: Option<u32>) -> Rules {
        Rules {
            accounts: accounts
                .into_iter()
                .map(|r| (r.account.id.clone(), r))
                .collect(),
            attempts: HashMap::new(),
            rate: HashMap::new(),
            rate_limit,
        }
    }

    /// Rule 1. Counts the request when it is let through.
    pub fn rate_limit(&mut self, peer: IpAddr, now: OffsetDateTime) -> Result<(), Problem> {
        let Some(limit) = self.rate_limit else {
            return Ok(());
        };
        let seen = self.rate.entry(peer).or_default();
        while seen.front().is_some_and(|t| *t + RATE_WINDOW <= now) {
            seen.pop_front();
        }
        if seen.len() >= limit as usize {
            let oldest = seen.front().copied().unwrap_or(now);
            return Err(Problem::RateLimited {
                retry_after: ceil_seconds(oldest + RATE_WINDOW - now),
            });
        }
        seen.push_back(now);
        Ok(())
    }

    /// Rules 2 to 7 for a well-formed request.
    pub fn decide(
        &mut self,
        id: &str,
        pin: &str,
        action: &Action,
        now: OffsetDateTime,
    ) -> Decision {
        let attempts = self.attempts.entry(id.to_owned()).or_default();
        // 2. Blocked: nothing else is checked.
        if attempts.blocked {
            return Decision::Refuse(Problem::Blocked);
        }
        // 3. Locked: not an attempt, even with the right PIN. A lifted lock starts from zero.
        if let Some(until) = attempts.locked_until {
            if now < until {
                return Decision::Refuse(Problem::Locked {
                    until,
                    retry_after: ceil_seconds(until - now),
                });
            }
            attempts.locked_until = None;
            attempts.consecutive_failures = 0;
        }
        // 4. Credentials. An unknown number is compared against a dummy PIN so that it costs the
        // same work as a known one, and counts against its own string exactly like a wrong PIN.
        let record = self.accounts.get_mut(id);
        let right = match &record {
            Some(r) => ct_eq(r.account.pin.as_bytes(), pin.as_bytes()),
            None => {
                let _ = ct_eq(b"\0unknown-identification-number\0", pin.as_bytes());
                false
            }
        };
        let (true, Some(record)) = (right, record) else {
            attempts.consecutive_failures += 1;
            if attempts.consecutive_failures < MAX_FAILURES {
                let attempts_left = MAX_FAILURES - attempts.consecutive_failures;
                return Decision::Refuse(Problem::WrongCredentials { attempts_left });
            }
            attempts.consecutive_failures = 0;
            attempts.locks += 1;
            if attempts.locks >= LOCKS_BEFORE_BLOCK {
                attempts.blocked = true;
                return Decision::Refuse(Problem::Blocked);
            }
            // Whole seconds, so that `locked_until` as RFC 3339 text is the instant itself.
            let until = ceil_to_second(now + LOCK_DURATION);
            attempts.locked_until = Some(until);
            return Decision::Refuse(Problem::Locked {
                until,
                retry_after: ceil_seconds(until - now),
            });
        };
        attempts.consecutive_failures = 0;
        if attempts.is_pristine() {
            // Keeps the table from growing with every number ever tried correctly.
            self.attempts.remove(id);
        }
        // 5. Revoked.
        if record.history.first_complete_at.is_none() && now >= record.history.revoke_at {
            return Decision::Refuse(Problem::Revoked {
                at: record.history.revoke_at,
            });
        }
        // 6. Deleted.
        if let Some(at) = record.history.delete_at
            && now >= at
        {
            return Decision::Refuse(Problem::Deleted { at });
        }
        // 7. The file, or the receipt.
        match action {
            Action::Download => {
                record.history.started_downloads += 1;
                let delete_at = record
                    .history
                    .delete_at
                    .unwrap_or_else(|| ceil_to_second(now + DELETE_AFTER));
                Decision::Deliver {
                    body: record.pkcs12.clone(),
                    sha256: record.sha256,
                    delete_at,
                }
            }
            Action::Receipt { sha256 } => {
                if *sha256 == hex(&record.sha256) {
                    record.history.receipts += 1;
                    Decision::ReceiptAccepted
                } else {
                    Decision::Refuse(Problem::DigestMismatch)
                }
            }
        }
    }

    /// Records that the whole body of a `200` announced with `delete_at` went out at `now`.
    pub fn complete(&mut self, id: &str, delete_at: OffsetDateTime, now: OffsetDateTime) {
        if let Some(record) = self.accounts.get_mut(id) {
            record.history.complete_downloads += 1;
            if record.history.first_complete_at.is_none() {
                record.history.first_complete_at = Some(now);
                record.history.delete_at = Some(delete_at);
            }
        }
    }

    /// The association unblocks a number: all its counters start again.
    pub fn unblock(&mut self, id: &str) -> bool {
        self.attempts.remove(id).is_some_and(|a| a.blocked)
    }
}

/// The revocation instant for a notice mailed on `mailed`.
pub fn revoke_at(mailed: Date) -> OffsetDateTime {
    mailed
        .with_time(Time::MIDNIGHT)
        .assume_offset(JST)
        .to_offset(UtcOffset::UTC)
        + REVOKE_AFTER
}

/// Whole seconds, rounded up (a `Retry-After` must not send the client back too early).
pub fn ceil_seconds(d: Duration) -> u64 {
    let secs = d.whole_seconds().max(0) as u64;
    if d.subsec_nanoseconds() > 0 {
        secs + 1
    } else {
        secs
    }
}

/// `t` rounded up to the second, so that the RFC 3339 text and the instant the server acts on
/// are the same.
pub fn ceil_to_second(t: OffsetDateTime) -> OffsetDateTime {
    if t.nanosecond() == 0 {
        t
    } else {
        t.replace_nanosecond(0).unwrap_or(t) + Duration::SECOND
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Constant time in the length of `b` (the attacker's input).
fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = (a.len() != b.len()) as u8;
    for (i, y) in b.iter().enumerate() {
        diff |= a.get(i).copied().unwrap_or(0xff) ^ y;
    }
    diff == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Encryption;
    use time::macros::{date, datetime};

    const T0: OffsetDateTime = datetime!(2026-11-21 12:00 UTC);

    fn rules() -> Rules {
        let account = Account {
            id: "9876543210".into(),
            pin: "q7w8e9r0".into(),
            user_id: "20261121".into(),
            name: "SATO HANAKO".into(),
            notice_mailed: Some(date!(2026 - 11 - 01)),
            encryption: Encryption::Legacy,
        };
        let record =
            AccountRecord::new(account, b"pfx".to_vec(), Vec::new(), date!(2026 - 11 - 01));
        Rules::new(vec![record], Some(30))
    }

    fn refuse(d: Decision) -> Problem {
        match d {
            Decision::Refuse(p) => p,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn revocation_counts_from_midnight_tokyo() {
        assert_eq!(
            revoke_at(date!(2026 - 11 - 01)),
            datetime!(2026-12-01 00:00 +09:00)
        );
    }

    #[test]
    fn six_failures_lock_and_the_third_lock_blocks() {
        let mut r = rules();
        let mut now = T0;
        for lock in 1..=3 {
            for left in (1..=5).rev() {
                assert_eq!(
                    refuse(r.decide("9876543210", "bad", &Action::Download, now)),
                    Problem::WrongCredentials {
                        attempts_left: left
                    }
                );
            }
            let p = refuse(r.decide("9876543210", "bad", &Action::Download, now));
            if lock < 3 {
                assert_eq!(
                    p,
                    Problem::Locked {
                        until: now + LOCK_DURATION,
                        retry_after: 3600
                    }
                );
                // Locked: even the right PIN is refused and not counted.
                let p = refuse(r.decide("9876543210", "q7w8e9r0", &Action::Download, now));
                assert!(matches!(p, Problem::Locked { .. }));
                now += LOCK_DURATION;
            } else {
                assert_eq!(p, Problem::Blocked);
            }
        }
        assert_eq!(
            refuse(r.decide("9876543210", "q7w8e9r0", &Action::Download, now)),
            Problem::Blocked
        );
        assert!(r.unblock("9876543210"));
        assert!(matches!(
            r.decide("9876543210", "q7w8e9r0", &Action::Download, now),
            Decision::Deliver { .. }
        ));
    }

    #[test]
    fn right_pin_resets_the_count() {
        let mut r = rules();
        for _ in 0..5 {
            refuse(r.decide("9876543210", "bad", &Action::Download, T0));
        }
        assert!(matches!(
            r.decide("9876543210", "q7w8e9r0", &Action::Download, T0),
            Decision::Deliver { .. }
        ));
        assert_eq!(
            refuse(r.decide("9876543210", "bad", &Action::Download, T0)),
            Problem::WrongCredentials { attempts_left: 5 }
        );
    }

    #[test]
    fn unknown_numbers_are_counted_like_known_ones() {
        let mut r = rules();
        for left in (1..=5).rev() {
            assert_eq!(
                refuse(r.decide("1111", "q7w8e9r0", &Action::Download, T0)),
                Problem::WrongCredentials {
                    attempts_left: left
                }
            );
        }
        assert!(matches!(
            refuse(r.decide("1111", "x", &Action::Download, T0)),
            Problem::Locked { .. }
        ));
    }

    #[test]
    fn deleted_one_hour_after_the_first_complete_download() {
        let mut r = rules();
        let Decision::Deliver { delete_at, .. } =
            r.decide("9876543210", "q7w8e9r0", &Action::Download, T0)
        else {
            panic!("no delivery");
        };
        assert_eq!(delete_at, T0 + DELETE_AFTER);
        r.complete("9876543210", delete_at, T0);
        let later = T0 + Duration::minutes(59);
        let Decision::Deliver {
            delete_at: again, ..
        } = r.decide("9876543210", "q7w8e9r0", &Action::Download, later)
        else {
            panic!("no second delivery");
        };
        assert_eq!(again, delete_at);
        assert_eq!(
            refuse(r.decide("9876543210", "q7w8e9r0", &Action::Download, delete_at)),
            Problem::Deleted { at: delete_at }
        );
    }

    #[test]
    fn a_started_but_incomplete_download_does_not_start_the_hour() {
        let mut r = rules();
        let _ = r.decide("9876543210", "q7w8e9r0", &Action::Download, T0);
        let later = T0 + Duration::hours(2);
        let Decision::Deliver { delete_at, .. } =
            r.decide("9876543210", "q7w8e9r0", &Action::Download, later)
        else {
            panic!("no delivery");
        };
        assert_eq!(delete_at, later + DELETE_AFTER);
    }

    #[test]
    fn revoked_without_a_complete_download_but_not_after_one() {
        let mut r = rules();
        let at = revoke_at(date!(2026 - 11 - 01));
        assert!(matches!(
            r.decide(
                "9876543210",
                "q7w8e9r0",
                &Action::Download,
                at - Duration::SECOND
            ),
            Decision::Deliver { .. }
        ));
        assert_eq!(
            refuse(r.decide("9876543210", "q7w8e9r0", &Action::Download, at)),
            Problem::Revoked { at }
        );
    }

    #[test]
    fn receipt_checks_the_digest() {
        let mut r = rules();
        let good = hex(&Sha256::digest(b"pfx"));
        assert!(matches!(
            r.decide(
                "9876543210",
                "q7w8e9r0",
                &Action::Receipt { sha256: good },
                T0
            ),
            Decision::ReceiptAccepted
        ));
        assert_eq!(
            refuse(r.decide(
                "9876543210",
                "q7w8e9r0",
                &Action::Receipt {
                    sha256: "00".repeat(32)
                },
                T0
            )),
            Problem::DigestMismatch
        );
        assert_eq!(r.accounts["9876543210"].history.receipts, 1);
    }

    #[test]
    fn rate_limit_per_address_and_window() {
        let mut r = rules();
        let a: IpAddr = [127, 0, 0, 1].into();
        let b: IpAddr = [127, 0, 0, 2].into();
        for _ in 0..30 {
            r.rate_limit(a, T0).expect("under the limit");
        }
        assert_eq!(
            r.rate_limit(a, T0 + Duration::seconds(10)),
            Err(Problem::RateLimited { retry_after: 50 })
        );
        r.rate_limit(b, T0)
            .expect("another address has its own count");
        r.rate_limit(a, T0 + RATE_WINDOW)
            .expect("the window moved on");
    }

    #[test]
    fn ct_eq_compares_exactly() {
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"ab"));
        assert!(!ct_eq(b"ab", b"abc"));
        assert!(!ct_eq(b"", b"a"));
    }
}
