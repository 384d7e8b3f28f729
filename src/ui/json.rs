//! The pieces that several `--json` documents share, as `Serialize` types: a certificate and a
//! check. Each command's own document is a `Serialize` struct in its module; docs/json-schema.md
//! documents every field and tests/json_schema.rs checks that each documented field is there.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::certview::{CertView, Check, OID_C, OID_CN, OID_O, OID_UID, rfc3339};

/// A certificate (`certificate`, `chain[]`). `days_left` only on the end-entity certificate.
#[derive(Debug, Serialize)]
pub struct CertJson {
    pub subject: SubjectJson,
    pub subject_dn: String,
    pub issuer_dn: String,
    pub issuer_cn: Option<String>,
    pub serial: String,
    pub not_before: String,
    pub not_after: String,
    pub sha256_fingerprint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
    pub key: String,
    pub key_usage: Option<Vec<&'static str>>,
}

#[derive(Debug, Serialize)]
pub struct SubjectJson {
    pub uid: Option<String>,
    pub cn: Option<String>,
    pub o: Option<String>,
    pub c: Option<String>,
}

impl CertJson {
    /// A CA certificate of the chain (no `days_left`).
    pub fn of(v: &CertView) -> CertJson {
        let first = |oid| v.subject.first(oid).map(str::to_owned);
        CertJson {
            subject: SubjectJson {
                uid: first(OID_UID),
                cn: first(OID_CN),
                o: first(OID_O),
                c: first(OID_C),
            },
            subject_dn: v.subject.rfc4514(),
            issuer_dn: v.issuer.rfc4514(),
            issuer_cn: v.issuer_cn().map(str::to_owned),
            serial: v.serial.clone(),
            not_before: rfc3339(v.not_before),
            not_after: rfc3339(v.not_after),
            sha256_fingerprint: v.sha256_fingerprint.clone(),
            days_left: None,
            key: v.key.to_string(),
            key_usage: v
                .key_usage
                .as_ref()
                .map(|k| k.iter().map(|u| u.rfc5280_name()).collect()),
        }
    }

    /// The end-entity certificate, with `days_left` counted from `now`.
    pub fn end_entity(v: &CertView, now: DateTime<Utc>) -> CertJson {
        CertJson {
            days_left: Some(v.days_left(now)),
            ..CertJson::of(v)
        }
    }
}

/// A check as the `--json` output carries it: stable name, result, the sentence.
#[derive(Debug, Serialize)]
pub struct CheckJson {
    pub name: &'static str,
    pub ok: bool,
    pub detail: String,
}

impl From<&Check> for CheckJson {
    fn from(c: &Check) -> CheckJson {
        CheckJson {
            name: c.name.as_str(),
            ok: c.ok,
            detail: crate::ui::words::check_detail(c),
        }
    }
}

/// Every check of a list.
pub fn checks(list: &[Check]) -> Vec<CheckJson> {
    list.iter().map(CheckJson::from).collect()
}
