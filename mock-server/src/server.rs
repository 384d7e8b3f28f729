//! The HTTPS side: TLS accept loop, routing, request checks, answers and the faults that mangle
//! them.
//!
//! HTTP/1.1 only (ALPN `http/1.1`): `Content-Length`, truncation and a reset mid-body then mean
//! exactly what the protocol's client checks are about.

use std::collections::VecDeque;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};

use base64::Engine as _;
use bytes::Bytes;
use http_body_util::BodyExt as _;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

use crate::rules::{self, Action, Decision, Problem, Rules};
use crate::{Chaos, Clock, Config, Fault, FaultId, Scope, StartError, Times, accounts, pki};

/// Request bodies are at most this long.
const MAX_REQUEST: usize = 4 * 1024;
/// The largest file a client may accept; [`Fault::OversizedBody`] sends more.
const MAX_FILE: usize = 1024 * 1024;
/// How long a cut body waits after its partial chunk so that it really leaves before the cut.
const CUT_PAUSE: std::time::Duration = std::time::Duration::from_millis(50);
/// TLS handshakes that take longer are dropped.
const HANDSHAKE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
/// A request's head, or its body, that takes longer is refused (no slow-loris clients).
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

pub(crate) struct Started {
    pub shared: Arc<Shared>,
    pub addr: SocketAddr,
    pub runtime: tokio::runtime::Runtime,
    pub stop: tokio::sync::watch::Sender<bool>,
    pub tls_root_pem: String,
    pub issuer_ca_der: Vec<u8>,
    pub issuer_ca_pem: String,
}

/// Everything the connections share.
pub(crate) struct Shared {
    rules: Mutex<Rules>,
    pub clock: Clock,
    faults: Mutex<Faults>,
    chaos: Mutex<Option<(Chaos, fastrand::Rng)>>,
    chaos_failures: AtomicU64,
    credentialed: AtomicU64,
    test_clock: bool,
}

impl Shared {
    /// A poisoned lock still holds consistent state: every update under it is a few plain
    /// assignments that cannot panic half-way.
    pub(crate) fn rules(&self) -> MutexGuard<'_, Rules> {
        self.rules.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn faults(&self) -> MutexGuard<'_, Faults> {
        self.faults.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn set_chaos(&self, chaos: Option<Chaos>) {
        *self.chaos.lock().unwrap_or_else(|e| e.into_inner()) =
            chaos.map(|c| (c, fastrand::Rng::with_seed(c.seed)));
    }

    pub(crate) fn chaos_failures(&self) -> u64 {
        self.chaos_failures.load(Ordering::Relaxed)
    }

    pub(crate) fn credentialed_requests(&self) -> u64 {
        self.credentialed.load(Ordering::Relaxed)
    }

    /// Chaos's verdict on one request: `None` (let it through), or the fault to apply.
    fn chaos_roll(&self) -> Option<ChaosHit> {
        let mut guard = self.chaos.lock().unwrap_or_else(|e| e.into_inner());
        let (chaos, rng) = guard.as_mut()?;
        if rng.f64() >= chaos.share {
            return None;
        }
        self.chaos_failures.fetch_add(1, Ordering::Relaxed);
        Some(if rng.bool() {
            ChaosHit::Unavailable
        } else {
            ChaosHit::Reset
        })
    }
}

enum ChaosHit {
    Unavailable,
    Reset,
}

/// Injected faults, in the order they were injected.
#[derive(Default)]
pub(crate) struct Faults {
    next_id: u64,
    entries: Vec<FaultEntry>,
}

struct FaultEntry {
    id: FaultId,
    fault: Fault,
    scope: Scope,
    remaining: Option<u32>,
}

impl Faults {
    pub(crate) fn inject(&mut self, fault: Fault, scope: Scope, times: Times) -> FaultId {
        self.next_id += 1;
        let id = FaultId(self.next_id);
        let remaining = match times {
            Times::Next(0) => return id,
            Times::Next(n) => Some(n),
            Times::UntilCleared => None,
        };
        self.entries.push(FaultEntry {
            id,
            fault,
            scope,
            remaining,
        });
        id
    }

    pub(crate) fn clear(&mut self, id: FaultId) {
        self.entries.retain(|e| e.id != id);
    }

    pub(crate) fn clear_all(&mut self) {
        self.entries.clear();
    }

    /// The first fault matching a request naming `account` (if its body could be read), to a
    /// receipt or not, used up by one.
    fn take(&mut self, account: Option<&str>, receipt: bool) -> Option<Fault> {
        let index = self.entries.iter().position(|e| match &e.scope {
            Scope::Global => true,
            Scope::Account(id) => Some(id.as_str()) == account,
            Scope::Receipts => receipt,
        })?;
        let entry = &mut self.entries[index];
        let fault = entry.fault.clone();
        if let Some(n) = entry.remaining.as_mut() {
            *n -= 1;
            if *n == 0 {
                self.entries.remove(index);
            }
        }
        Some(fault)
    }
}

/// Builds everything, binds, and spawns the accept loop on a new runtime.
pub(crate) fn start(config: Config) -> Result<Started, StartError> {
    for account in &config.accounts {
        accounts::validate(account)
            .map_err(|reason| StartError::Account(format!("{}: {reason}", account.id)))?;
    }
    for (i, a) in config.accounts.iter().enumerate() {
        if config.accounts[..i].iter().any(|b| b.id == a.id) {
            return Err(StartError::Account(format!("{}: appears twice", a.id)));
        }
    }
    let clock_start = config.clock_start.unwrap_or_else(OffsetDateTime::now_utc);
    let clock = Clock::new(clock_start, config.frozen_clock);

    let tls = pki::tls_pki(clock_start, &config.tls)?;
    let ca = pki::issuer_ca(clock_start)?;
    let start_day_tokyo = clock_start.to_offset(time::macros::offset!(+9)).date();
    let mut records = Vec::with_capacity(config.accounts.len());
    for account in &config.accounts {
        let issued = pki::issue(&ca, account, clock.start())?;
        let mailed = account.notice_mailed.unwrap_or(start_day_tokyo);
        records.push(rules::AccountRecord::new(
            account.clone(),
            issued.pkcs12,
            issued.cert_der,
            mailed,
        ));
    }

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut server_config = rustls::ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(pki::PkiError::Tls)?
        .with_no_client_auth()
        .with_single_cert(
            vec![tls.server_cert_der.clone().into()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(tls.server_key_der.clone().into()),
        )
        .map_err(pki::PkiError::Tls)?;
    server_config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(server_config));

    let listener =
        std::net::TcpListener::bind(config.listen).map_err(|source| StartError::Listen {
            addr: config.listen,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| StartError::Listen {
        addr: config.listen,
        source,
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|source| StartError::Listen { addr, source })?;

    let shared = Arc::new(Shared {
        rules: Mutex::new(Rules::new(records, config.rate_limit)),
        clock,
        faults: Mutex::new(Faults::default()),
        chaos: Mutex::new(None),
        chaos_failures: AtomicU64::new(0),
        credentialed: AtomicU64::new(0),
        test_clock: config.test_clock_endpoint,
    });
    shared.set_chaos(config.chaos);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("gidcert-mock-server")
        .enable_all()
        .build()
        .map_err(StartError::Runtime)?;
    let listener = {
        let _guard = runtime.enter();
        tokio::net::TcpListener::from_std(listener)
            .map_err(|source| StartError::Listen { addr, source })?
    };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    runtime.spawn(accept_loop(listener, acceptor, shared.clone(), stopped));

    Ok(Started {
        shared,
        addr,
        runtime,
        stop,
        tls_root_pem: tls.root_pem,
        issuer_ca_der: ca.cert_der.clone(),
        issuer_ca_pem: ca.cert_pem.clone(),
    })
}

async fn accept_loop(
    listener: tokio::net::TcpListener,
    acceptor: tokio_rustls::TlsAcceptor,
    shared: Arc<Shared>,
    mut stopped: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        let (tcp, peer) = tokio::select! {
            _ = stopped.changed() => return,
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                // Out of file descriptors and the like: wait a little instead of spinning.
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let acceptor = acceptor.clone();
        let shared = shared.clone();
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            let ctl = Arc::new(ConnCtl::default());
            let stream = CuttableStream {
                inner: tcp,
                ctl: ctl.clone(),
            };
            // A plain-HTTP or otherwise broken client fails here and is dropped: no answer at all.
            let Ok(Ok(tls)) =
                tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await
            else {
                return;
            };
            let service = hyper::service::service_fn(move |req| {
                let shared = shared.clone();
                let ctl = ctl.clone();
                async move { handle(shared, peer, ctl, req).await }
            });
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(REQUEST_TIMEOUT)
                .keep_alive(true)
                .serve_connection(hyper_util::rt::TokioIo::new(tls), service);
            tokio::select! {
                _ = conn => {}
                _ = stopped.changed() => {}
            }
        });
    }
}

/// A per-connection switch: once `reset` is set, the connection is answered with nothing more
/// and closed with a TCP RST.
#[derive(Default)]
struct ConnCtl {
    reset: AtomicBool,
}

/// The TCP stream under TLS, able to be cut off.
struct CuttableStream {
    inner: TcpStream,
    ctl: Arc<ConnCtl>,
}

impl CuttableStream {
    fn is_cut(&self) -> bool {
        self.ctl.reset.load(Ordering::SeqCst)
    }
}

fn reset_error() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionReset,
        "connection reset by fault injection",
    )
}

impl AsyncRead for CuttableStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.is_cut() {
            return Poll::Ready(Err(reset_error()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for CuttableStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.is_cut() {
            return Poll::Ready(Err(reset_error()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.is_cut() {
            return Poll::Ready(Err(reset_error()));
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.is_cut() {
            return Poll::Ready(Err(reset_error()));
        }
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

impl Drop for CuttableStream {
    fn drop(&mut self) {
        if self.is_cut() {
            // SO_LINGER 0: the close sends RST instead of FIN. Does not block (nothing lingers).
            let _ = self.inner.set_zero_linger();
        }
    }
}

/// Why the service gave up on a connection without an answer.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped on purpose")
    }
}

impl std::error::Error for Dropped {}

/// The two endpoints' request bodies. Credentials are never logged or echoed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CertificateRequest {
    identification_number: String,
    pin: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReceiptRequest {
    identification_number: String,
    pin: String,
    sha256: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockRequest {
    advance_seconds: u64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    Certificate,
    Receipt,
    Clock,
}

async fn handle(
    shared: Arc<Shared>,
    peer: SocketAddr,
    ctl: Arc<ConnCtl>,
    req: Request<Incoming>,
) -> Result<Response<MockBody>, Dropped> {
    let endpoint = match req.uri().path() {
        "/v1/certificate" => Endpoint::Certificate,
        "/v1/certificate/receipt" => Endpoint::Receipt,
        "/v1/test/clock" if shared.test_clock && is_loopback(peer.ip()) => Endpoint::Clock,
        _ => return Ok(problem(&Problem::NotFound)),
    };
    if req.method() != Method::POST {
        let mut response = problem(&Problem::MethodNotAllowed);
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return Ok(response);
    }
    if endpoint != Endpoint::Clock {
        let now = shared.clock.now();
        if let Err(p) = shared.rules().rate_limit(peer.ip(), now) {
            return Ok(problem(&p));
        }
    }
    let body = match read_json_body(req).await {
        Ok(body) => body,
        Err(p) => return Ok(problem(&p)),
    };
    match endpoint {
        Endpoint::Clock => Ok(advance_clock(&shared, &body)),
        Endpoint::Certificate => {
            let parsed = serde_json::from_slice::<CertificateRequest>(&body)
                .map_err(|e| Problem::BadRequest(format!("request body: {}", e.classify_text())))
                .map(|r| (r.identification_number, r.pin, Action::Download));
            credentialed(shared, ctl, parsed, false).await
        }
        Endpoint::Receipt => {
            let parsed = serde_json::from_slice::<ReceiptRequest>(&body)
                .map_err(|e| Problem::BadRequest(format!("request body: {}", e.classify_text())))
                .and_then(|r| {
                    let sha256 = r.sha256.to_ascii_lowercase();
                    if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return Err(Problem::BadRequest(
                            "sha256 must be 64 hexadecimal digits".into(),
                        ));
                    }
                    Ok((r.identification_number, r.pin, Action::Receipt { sha256 }))
                });
            credentialed(shared, ctl, parsed, true).await
        }
    }
}

/// The two credentialed endpoints: faults, chaos, then the rules.
async fn credentialed(
    shared: Arc<Shared>,
    ctl: Arc<ConnCtl>,
    parsed: Result<(String, String, Action), Problem>,
    receipt: bool,
) -> Result<Response<MockBody>, Dropped> {
    shared.credentialed.fetch_add(1, Ordering::Relaxed);
    let named = parsed.as_ref().ok().map(|(id, _, _)| id.as_str());
    let fault = shared.faults().take(named, receipt);
    if fault.is_none()
        && let Some(hit) = shared.chaos_roll()
    {
        return match hit {
            ChaosHit::Unavailable => Ok(problem(&Problem::ServerError {
                status: 503,
                retry_after: Some(1),
            })),
            ChaosHit::Reset => {
                ctl.reset.store(true, Ordering::SeqCst);
                Err(Dropped)
            }
        };
    }
    match &fault {
        Some(Fault::Delay(d)) => tokio::time::sleep(*d).await,
        Some(Fault::Status {
            status,
            retry_after,
        }) => {
            return Ok(problem(&Problem::ServerError {
                status: *status,
                retry_after: *retry_after,
            }));
        }
        Some(Fault::HtmlPage) => return Ok(html_page()),
        Some(Fault::OversizedBody) => return Ok(oversized(shared.clock.now())),
        Some(Fault::EndlessBody { every }) => return Ok(endless(*every)),
        Some(Fault::HugeContentType { len }) => return Ok(huge_content_type(*len)),
        Some(Fault::Problem {
            status,
            body,
            retry_after,
        }) => return Ok(raw_problem(*status, body, retry_after.as_deref())),
        Some(Fault::NoAnswer) => {
            // Until the client gives up (its end of the connection closes) or the server stops.
            std::future::pending::<()>().await;
            return Err(Dropped);
        }
        _ => {}
    }
    let (id, pin, action) = match parsed {
        Ok(p) => p,
        Err(p) => return Ok(problem(&p)),
    };
    if !accounts::valid_id(&id) {
        return Ok(problem(&Problem::BadRequest(
            "identification_number must be 1 to 32 ASCII letters or digits".into(),
        )));
    }
    if pin.is_empty() {
        return Ok(problem(&Problem::BadRequest(
            "pin must not be empty".into(),
        )));
    }
    let now = shared.clock.now();
    let decision = shared.rules().decide(&id, &pin, &action, now);
    drop(pin);
    if fault == Some(Fault::ResetAfterHandling) {
        // Counted (or started) exactly as the rules decided; the client never hears of it.
        ctl.reset.store(true, Ordering::SeqCst);
        return Err(Dropped);
    }
    let (body, sha256, delete_at) = match decision {
        Decision::Refuse(p) => return Ok(with_cut(problem(&p), fault.as_ref(), &ctl)),
        Decision::ReceiptAccepted => return Ok(with_cut(no_content(), fault.as_ref(), &ctl)),
        Decision::Deliver {
            body,
            sha256,
            delete_at,
        } => (body, sha256, delete_at),
    };
    let digest = match fault {
        Some(Fault::WrongDigest) => {
            let mut wrong = sha256;
            wrong[0] ^= 0x80;
            wrong
        }
        _ => sha256,
    };
    let end = match fault {
        Some(Fault::ResetMidBody) => End::Reset(ctl),
        Some(Fault::TruncateBody) => End::Truncate,
        // A download with a wrong digest never counts as complete.
        Some(Fault::WrongDigest) => End::Plain,
        _ => End::Complete(Completion {
            shared: shared.clone(),
            id,
            delete_at,
        }),
    };
    let len = body.len();
    let mut mock_body = MockBody::new(body, len, end);
    if let Some(Fault::SlowBody { every }) = fault {
        mock_body.every = Some(every);
    }
    let mut response = Response::new(mock_body);
    *response.status_mut() = StatusCode::OK;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pkcs12"),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    h.insert("repr-digest", repr_digest(&digest));
    h.insert("gid-delete-at", header_value(&rfc3339(delete_at)));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// Reads a JSON request body: `415` unless `application/json`, `413` over 4 KiB (declared or
/// sent), `400` if it is not UTF-8 text.
async fn read_json_body(req: Request<Incoming>) -> Result<Bytes, Problem> {
    let body = read_body(req).await?;
    // serde would also take a struct from a JSON array; the protocol's bodies are objects.
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(Problem::BadRequest(
            "the request body must be a JSON object".into(),
        ));
    }
    Ok(body)
}

async fn read_body(req: Request<Incoming>) -> Result<Bytes, Problem> {
    if !is_json(req.headers()) {
        return Err(Problem::UnsupportedMediaType);
    }
    if let Some(len) = req.headers().get(header::CONTENT_LENGTH) {
        let len = len
            .to_str()
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .ok_or_else(|| Problem::BadRequest("Content-Length is not a number".into()))?;
        if len > MAX_REQUEST as u64 {
            return Err(Problem::TooLarge);
        }
    }
    let limited = http_body_util::Limited::new(req.into_body(), MAX_REQUEST);
    let body = match tokio::time::timeout(REQUEST_TIMEOUT, limited.collect()).await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => return Err(Problem::TooLarge),
        Ok(Err(_)) => {
            return Err(Problem::BadRequest(
                "the request body could not be read".into(),
            ));
        }
        Err(_) => return Err(Problem::BadRequest("the request body took too long".into())),
    };
    if std::str::from_utf8(&body).is_err() {
        return Err(Problem::BadRequest("the request body is not UTF-8".into()));
    }
    Ok(body)
}

/// `application/json`, optionally with `charset=utf-8`, nothing else.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let mut parts = value.split(';').map(str::trim);
    if !parts
        .next()
        .is_some_and(|t| t.eq_ignore_ascii_case("application/json"))
    {
        return false;
    }
    parts.all(|p| {
        p.split_once('=').is_some_and(|(k, v)| {
            k.trim().eq_ignore_ascii_case("charset")
                && v.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
        })
    })
}

fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => {
            v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
    }
}

/// `POST /v1/test/clock`: `{"advance_seconds": N}` → `200 {"now": RFC 3339}`.
fn advance_clock(shared: &Shared, body: &[u8]) -> Response<MockBody> {
    let request = match serde_json::from_slice::<ClockRequest>(body) {
        Ok(r) => r,
        Err(e) => {
            return problem(&Problem::BadRequest(format!(
                "request body: {}",
                e.classify_text()
            )));
        }
    };
    // A century is plenty for any test, and keeps the clock's arithmetic far from overflow.
    if request.advance_seconds > 100 * 366 * 86_400 {
        return problem(&Problem::BadRequest("advance_seconds is too large".into()));
    }
    shared
        .clock
        .advance(std::time::Duration::from_secs(request.advance_seconds));
    json_response(
        StatusCode::OK,
        "application/json",
        &json!({ "now": rfc3339(shared.clock.now()) }),
    )
}

trait ClassifyText {
    fn classify_text(&self) -> &'static str;
}

impl ClassifyText for serde_json::Error {
    /// The kind of mistake, never the input (it holds a PIN).
    fn classify_text(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                "not valid JSON"
            }
            serde_json::error::Category::Data => "missing, unknown, repeated or mistyped field",
            serde_json::error::Category::Io => "unreadable",
        }
    }
}

/// The problem+json answer for `p`.
pub(crate) fn problem(p: &Problem) -> Response<MockBody> {
    let (status, kind, title) = problem_meta(p);
    let mut object = json!({
        "type": format!("urn:gidcert:problem:{kind}"),
        "title": title,
        "status": status.as_u16(),
    });
    let mut retry_after = None;
    match p {
        Problem::BadRequest(detail) => object["detail"] = json!(detail),
        Problem::WrongCredentials { attempts_left } => {
            object["attempts_left"] = json!(attempts_left)
        }
        Problem::Locked {
            until,
            retry_after: r,
        } => {
            object["locked_until"] = json!(rfc3339(*until));
            retry_after = Some(*r);
        }
        Problem::Deleted { at } => object["deleted_at"] = json!(rfc3339(*at)),
        Problem::Revoked { at } => object["revoked_at"] = json!(rfc3339(*at)),
        Problem::RateLimited { retry_after: r } => retry_after = Some(*r),
        Problem::ServerError { retry_after: r, .. } => retry_after = *r,
        _ => {}
    }
    let mut response = json_response(status, "application/problem+json", &object);
    if let Some(seconds) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

fn problem_meta(p: &Problem) -> (StatusCode, &'static str, &'static str) {
    match p {
        Problem::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad-request", "Bad request"),
        Problem::WrongCredentials { .. } => (
            StatusCode::FORBIDDEN,
            "wrong-credentials",
            "Wrong identification number or PIN",
        ),
        Problem::Locked { .. } => (
            StatusCode::LOCKED,
            "locked",
            "Locked after too many wrong PINs",
        ),
        Problem::Blocked => (
            StatusCode::FORBIDDEN,
            "blocked",
            "Blocked; only the association can unblock it",
        ),
        Problem::Deleted { .. } => (
            StatusCode::GONE,
            "deleted",
            "The file was deleted after the first download",
        ),
        Problem::Revoked { .. } => (StatusCode::GONE, "revoked", "The certificate was revoked"),
        Problem::DigestMismatch => (
            StatusCode::CONFLICT,
            "digest-mismatch",
            "Not the digest of the file held",
        ),
        Problem::NotFound => (StatusCode::NOT_FOUND, "not-found", "Not found"),
        Problem::MethodNotAllowed => (
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
            "Method not allowed",
        ),
        Problem::TooLarge => (
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "Request body over 4 KiB",
        ),
        Problem::UnsupportedMediaType => (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Request body must be application/json",
        ),
        Problem::RateLimited { .. } => (
            StatusCode::TOO_MANY_REQUESTS,
            "rate-limited",
            "Too many requests",
        ),
        Problem::ServerError { status, .. } => (
            StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            "server-error",
            "Temporary server error",
        ),
    }
}

fn json_response(
    status: StatusCode,
    content_type: &'static str,
    value: &serde_json::Value,
) -> Response<MockBody> {
    let body = Bytes::from(value.to_string());
    full_response(status, content_type, body)
}

fn full_response(
    status: StatusCode,
    content_type: &'static str,
    body: Bytes,
) -> Response<MockBody> {
    let len = body.len();
    let mut response = Response::new(MockBody::new(body, len, End::Plain));
    *response.status_mut() = status;
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn no_content() -> Response<MockBody> {
    let mut response = Response::new(MockBody::new(Bytes::new(), 0, End::Plain));
    *response.status_mut() = StatusCode::NO_CONTENT;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// What a misconfigured proxy in front of the server answers.
fn html_page() -> Response<MockBody> {
    let page = "<!DOCTYPE html>\n<html><head><title>503 Service Temporarily Unavailable</title></head>\n\
                <body><h1>Service Temporarily Unavailable</h1><p>Please try again later.</p></body></html>\n";
    full_response(
        StatusCode::OK,
        "text/html; charset=utf-8",
        Bytes::from_static(page.as_bytes()),
    )
}

/// A `200` whose body is over the 1 MiB cap, declared and sent, with a correct digest and a
/// plausible `Gid-Delete-At`: only the size check can catch it.
fn oversized(now: OffsetDateTime) -> Response<MockBody> {
    let mut body = vec![0u8; MAX_FILE + 4096];
    fastrand::fill(&mut body);
    let digest: [u8; 32] = Sha256::digest(&body).into();
    let mut response = full_response(StatusCode::OK, "application/pkcs12", Bytes::from(body));
    let h = response.headers_mut();
    h.insert("repr-digest", repr_digest(&digest));
    h.insert(
        "gid-delete-at",
        header_value(&rfc3339(rules::ceil_to_second(now + rules::DELETE_AFTER))),
    );
    response
}

/// [`Fault::EndlessBody`]: a problem that never ends, one space per `every`.
fn endless(every: std::time::Duration) -> Response<MockBody> {
    let mut body = MockBody::new(Bytes::new(), 0, End::Endless);
    body.every = Some(every);
    body.declared = None;
    let mut response = Response::new(body);
    *response.status_mut() = StatusCode::FORBIDDEN;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// [`Fault::HugeContentType`].
fn huge_content_type(len: usize) -> Response<MockBody> {
    let mut response = full_response(
        StatusCode::OK,
        "application/pkcs12",
        Bytes::from_static(b"x"),
    );
    let value = format!("application/x-{}", "a".repeat(len));
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, header_value(&value));
    response
}

/// [`Fault::Problem`]: the body and `Retry-After` exactly as the test gave them.
fn raw_problem(status: u16, body: &str, retry_after: Option<&str>) -> Response<MockBody> {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = full_response(
        status,
        "application/problem+json",
        Bytes::from(body.to_owned()),
    );
    if let Some(v) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, header_value(v));
    }
    response
}

/// Applies a reset or truncation fault to an answer that is not a file (a problem, say).
/// Empty bodies (204) have nothing to cut and go out whole.
fn with_cut(
    response: Response<MockBody>,
    fault: Option<&Fault>,
    ctl: &Arc<ConnCtl>,
) -> Response<MockBody> {
    let end = match fault {
        Some(Fault::ResetMidBody) => End::Reset(ctl.clone()),
        Some(Fault::TruncateBody) => End::Truncate,
        _ => return response,
    };
    let (parts, body) = response.into_parts();
    let data = body.whole();
    if data.is_empty() {
        return Response::from_parts(parts, MockBody::new(data, 0, End::Plain));
    }
    let len = data.len();
    Response::from_parts(parts, MockBody::new(data, len, end))
}

fn repr_digest(sha256: &[u8; 32]) -> HeaderValue {
    header_value(&format!(
        "sha-256=:{}:",
        base64::engine::general_purpose::STANDARD.encode(sha256)
    ))
}

/// Header values built here are ASCII by construction.
fn header_value(s: &str) -> HeaderValue {
    HeaderValue::from_str(s).unwrap_or_else(|_| HeaderValue::from_static("invalid"))
}

/// RFC 3339 UTC with a `Z` and whole seconds, e.g. `2026-11-21T23:42:07Z`.
pub(crate) fn rfc3339(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    let t = t.replace_nanosecond(0).unwrap_or(t);
    t.format(&Rfc3339)
        .unwrap_or_else(|_| t.unix_timestamp().to_string())
}

/// What happens when the body's bytes have been handed over.
enum End {
    /// Nothing.
    Plain,
    /// A complete `200` file: record the download.
    Complete(Completion),
    /// After part of the body, reset the connection.
    Reset(Arc<ConnCtl>),
    /// After part of the body, close the connection short of `Content-Length`.
    Truncate,
    /// Never: one space after another, for ever.
    Endless,
}

struct Completion {
    shared: Arc<Shared>,
    id: String,
    delete_at: OffsetDateTime,
}

impl Completion {
    /// The last byte has been handed to the connection: the download is complete.
    fn record(self) {
        let now = self.shared.clock.now();
        self.shared.rules().complete(&self.id, self.delete_at, now);
    }
}

/// A response body that can record its own completion or be cut short.
pub(crate) struct MockBody {
    chunks: VecDeque<Bytes>,
    whole: Bytes,
    /// `None`: no length is declared (chunked).
    declared: Option<u64>,
    end: Option<End>,
    pause: Option<Pin<Box<tokio::time::Sleep>>>,
    /// Hand the body over one byte per this long.
    every: Option<std::time::Duration>,
}

impl MockBody {
    fn new(data: Bytes, declared: usize, end: End) -> MockBody {
        let mut chunks = VecDeque::new();
        let whole = data.clone();
        match end {
            // The first part only: roughly half, at least one byte, never all.
            End::Reset(_) | End::Truncate => {
                let cut = (data.len() / 2).max(1).min(data.len().saturating_sub(1));
                if cut > 0 {
                    chunks.push_back(data.slice(..cut));
                }
            }
            _ if data.is_empty() => {}
            _ => chunks.push_back(data),
        }
        MockBody {
            chunks,
            whole,
            declared: Some(declared as u64),
            end: Some(end),
            pause: None,
            every: None,
        }
    }

    /// The whole answer, as it would be without a cut.
    fn whole(&self) -> Bytes {
        self.whole.clone()
    }
}

impl Body for MockBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        if let Some(every) = self.every
            && (!self.chunks.is_empty() || matches!(self.end, Some(End::Endless)))
        {
            // One byte per `every`: wait, then hand over the next byte.
            let pause = self
                .pause
                .get_or_insert_with(|| Box::pin(tokio::time::sleep(every)));
            if pause.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            self.pause = None;
            let Some(front) = self.chunks.front_mut() else {
                return Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(b" ")))));
            };
            let byte = front.split_to(1);
            if front.is_empty() {
                self.chunks.pop_front();
            }
            return Poll::Ready(Some(Ok(Frame::data(byte))));
        }
        if let Some(chunk) = self.chunks.pop_front() {
            return Poll::Ready(Some(Ok(Frame::data(chunk))));
        }
        match self.end.take() {
            None | Some(End::Plain) => Poll::Ready(None),
            Some(End::Endless) => {
                self.end = Some(End::Endless);
                Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(b" ")))))
            }
            Some(End::Complete(c)) => {
                c.record();
                Poll::Ready(None)
            }
            Some(end @ (End::Reset(_) | End::Truncate)) => {
                // Let the partial body reach the wire before the cut.
                let pause = self
                    .pause
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(CUT_PAUSE)));
                if pause.as_mut().poll(cx).is_pending() {
                    self.end = Some(end);
                    return Poll::Pending;
                }
                if let End::Reset(ctl) = &end {
                    ctl.reset.store(true, Ordering::SeqCst);
                }
                // Either way hyper now drops the connection without completing the message: a
                // reset sends RST, a truncation a plain FIN short of Content-Length.
                Poll::Ready(Some(Err(io::Error::new(
                    io::ErrorKind::BrokenPipe,
                    "body cut by fault injection",
                ))))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        // Never true for a file: hyper then drops the body right after its last chunk, and the
        // drop records the download (a body polled to its end records it in `poll_frame`).
        self.chunks.is_empty() && matches!(self.end, None | Some(End::Plain))
    }

    fn size_hint(&self) -> SizeHint {
        match self.declared {
            Some(n) => SizeHint::with_exact(n),
            None => SizeHint::default(),
        }
    }
}

impl Drop for MockBody {
    /// hyper drops a body with a known length as soon as its last byte is buffered for the
    /// connection, without polling it to the end: a file body dropped with nothing left to hand
    /// over was sent whole. One dropped earlier (connection lost, server stopping) was not.
    fn drop(&mut self) {
        if self.chunks.is_empty()
            && let Some(End::Complete(c)) = self.end.take()
        {
            c.record();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_content_types() {
        let mut h = HeaderMap::new();
        assert!(!is_json(&h));
        for (value, ok) in [
            ("application/json", true),
            ("Application/JSON; charset=UTF-8", true),
            ("application/json;charset=\"utf-8\"", true),
            ("application/json; charset=latin1", false),
            ("application/json; boundary=x", false),
            ("text/json", false),
            ("application/jsonx", false),
        ] {
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(value));
            assert_eq!(is_json(&h), ok, "{value}");
        }
    }

    #[test]
    fn rfc3339_is_utc_whole_seconds() {
        let t = time::macros::datetime!(2026-11-22 08:42:07.5 +09:00);
        assert_eq!(rfc3339(t), "2026-11-21T23:42:07Z");
    }

    #[test]
    fn problems_carry_their_type_and_headers() {
        let until = time::macros::datetime!(2026-11-21 13:00 UTC);
        let r = problem(&Problem::Locked {
            until,
            retry_after: 3600,
        });
        assert_eq!(r.status(), StatusCode::LOCKED);
        assert_eq!(r.headers()[header::RETRY_AFTER], "3600");
        assert_eq!(
            r.headers()[header::CONTENT_TYPE],
            "application/problem+json"
        );
        assert_eq!(r.headers()[header::CACHE_CONTROL], "no-store");
        let body = r.into_body().whole();
        let v: serde_json::Value = serde_json::from_slice(&body).expect("json");
        assert_eq!(v["type"], "urn:gidcert:problem:locked");
        assert_eq!(v["status"], 423);
        assert_eq!(v["locked_until"], "2026-11-21T13:00:00Z");
    }

    #[test]
    fn faults_are_used_up_in_order_and_by_scope() {
        let mut f = Faults::default();
        f.inject(Fault::HtmlPage, Scope::Account("A".into()), Times::Next(1));
        let g = f.inject(Fault::WrongDigest, Scope::Global, Times::UntilCleared);
        f.inject(Fault::TruncateBody, Scope::Global, Times::Next(0));
        assert_eq!(f.take(Some("B"), false), Some(Fault::WrongDigest));
        assert_eq!(f.take(Some("A"), false), Some(Fault::HtmlPage));
        assert_eq!(f.take(Some("A"), false), Some(Fault::WrongDigest));
        assert_eq!(f.take(None, false), Some(Fault::WrongDigest));
        f.clear(g);
        assert_eq!(f.take(Some("A"), false), None);
        f.inject(Fault::NoAnswer, Scope::Receipts, Times::Next(1));
        assert_eq!(f.take(Some("A"), false), None);
        assert_eq!(f.take(Some("A"), true), Some(Fault::NoAnswer));
    }
}
