//! `gidcert-mock-server`: the mock G-ID download server as a process.
//!
//! The first line on stdout is exactly `listening on https://HOST:PORT` (the real port when 0 was
//! asked), flushed, so that a test or script can wait for it; everything else goes to stderr.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use gidcert_mock_server::{
    Account, Chaos, Config, Fault, MockServer, Scope, Times, TlsOptions, TlsValidity,
    parse_accounts,
};

/// A strict HTTPS test double of the G-ID certificate download server (protocol v1).
#[derive(Parser, Debug)]
#[command(name = "gidcert-mock-server", version)]
struct Args {
    /// Address to listen on (port 0: any free port).
    #[arg(long, default_value = "127.0.0.1:8443")]
    listen: SocketAddr,
    /// Accounts file (TOML, [[account]] tables); without it, one demo account.
    #[arg(long, value_name = "PATH")]
    accounts: Option<PathBuf>,
    /// Write the test TLS root (PEM) here, for the client's --ca-cert.
    #[arg(long, value_name = "PATH")]
    ca_out: Option<PathBuf>,
    /// Fail a share of the requests at random with 503 or a connection reset.
    #[arg(long)]
    chaos: bool,
    /// Share of requests chaos mode fails (0.0 to 1.0).
    #[arg(long, default_value_t = 0.2, requires = "chaos", value_parser = parse_share)]
    chaos_share: f64,
    /// Seed of chaos mode, for a reproducible run.
    #[arg(long, requires = "chaos")]
    chaos_seed: Option<u64>,
    /// Enable POST /v1/test/clock {"advance_seconds": N} from loopback peers.
    #[arg(long)]
    test_clock: bool,
    /// Turn the per-address rate limit off (for load tests on this machine).
    #[arg(long)]
    no_rate_limit: bool,
    /// A name (DNS name or IP address) of the server's TLS certificate; repeat for more. Default:
    /// localhost, 127.0.0.1 and ::1. Others make a wrong-host certificate for client tests.
    #[arg(long = "tls-name", value_name = "NAME")]
    tls_names: Vec<String>,
    /// Serve an expired TLS certificate (a client must refuse it).
    #[arg(long, conflicts_with = "tls_not_yet_valid")]
    tls_expired: bool,
    /// Serve a TLS certificate that is not valid yet (a client must refuse it).
    #[arg(long)]
    tls_not_yet_valid: bool,
    /// Misbehave on every request, for client tests and the deadline benchmark.
    #[arg(long, value_enum, value_name = "MODE")]
    hostile: Option<Hostile>,
}

/// The hostile modes of `--hostile` (each one of the library's `Fault`s, on every request).
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Hostile {
    /// The file's headers, then one byte of its body every 5 s.
    SlowBody,
    /// A 403 problem without a length, one space every 100 ms, for ever.
    EndlessBody,
    /// Read the request, never answer.
    NoAnswer,
    /// Never answer a receipt (downloads are served).
    ReceiptNoAnswer,
    /// Count the request (a wrong PIN counts), then reset the connection.
    ResetAfterHandling,
    /// A 200 with an 8,000-character Content-Type.
    HugeContentType,
    /// A 400 problem whose type holds ESC, BEL and U+202E.
    ProblemEscapes,
    /// A 423 locked without locked_until, Retry-After 9000000000000000.
    LockedWithoutUntil,
    /// A 503 with Retry-After 18446744073709551615.
    HugeRetryAfter,
    /// A 503 with Retry-After 60, every time.
    Unavailable60,
}

impl Hostile {
    fn fault(self) -> (Fault, Scope) {
        use std::time::Duration;
        let problem = |status, body: &str, retry_after: Option<&str>| Fault::Problem {
            status,
            body: body.to_owned(),
            retry_after: retry_after.map(str::to_owned),
        };
        let f = match self {
            Hostile::SlowBody => Fault::SlowBody {
                every: Duration::from_secs(5),
            },
            Hostile::EndlessBody => Fault::EndlessBody {
                every: Duration::from_millis(100),
            },
            Hostile::NoAnswer => Fault::NoAnswer,
            Hostile::ReceiptNoAnswer => return (Fault::NoAnswer, Scope::Receipts),
            Hostile::ResetAfterHandling => Fault::ResetAfterHandling,
            Hostile::HugeContentType => Fault::HugeContentType { len: 8000 },
            Hostile::ProblemEscapes => problem(
                400,
                r#"{"type":"urn:gidcert:problem:\u001b]0;owned\u0007\u001b[2J\u202eevil","title":"\u001b[31mx","status":400}"#,
                None,
            ),
            Hostile::LockedWithoutUntil => problem(
                423,
                r#"{"type":"urn:gidcert:problem:locked","title":"Locked","status":423}"#,
                Some("9000000000000000"),
            ),
            Hostile::HugeRetryAfter => Fault::Status {
                status: 503,
                retry_after: Some(u64::MAX),
            },
            Hostile::Unavailable60 => Fault::Status {
                status: 503,
                retry_after: Some(60),
            },
        };
        (f, Scope::Global)
    }
}

fn tls_options(args: &Args) -> TlsOptions {
    let mut tls = TlsOptions::default();
    if !args.tls_names.is_empty() {
        tls.names = args.tls_names.clone();
    }
    tls.validity = if args.tls_expired {
        TlsValidity::Expired
    } else if args.tls_not_yet_valid {
        TlsValidity::NotYetValid
    } else {
        TlsValidity::Valid
    };
    tls
}

fn parse_share(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err("must be between 0.0 and 1.0".into())
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gidcert-mock-server: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<(), String> {
    let accounts = match &args.accounts {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            parse_accounts(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => {
            let demo = Account::demo();
            eprintln!(
                "no --accounts: one demo account: identification number {}, PIN {}, user ID {}, name {}",
                demo.id, demo.pin, demo.user_id, demo.name
            );
            vec![demo]
        }
    };
    let chaos = args.chaos.then(|| {
        let mut chaos = Chaos {
            share: args.chaos_share,
            ..Chaos::default()
        };
        if let Some(seed) = args.chaos_seed {
            chaos.seed = seed;
        }
        chaos
    });
    let config = Config {
        accounts,
        chaos,
        listen: args.listen,
        rate_limit: if args.no_rate_limit { None } else { Some(30) },
        test_clock_endpoint: args.test_clock,
        clock_start: None,
        frozen_clock: false,
        tls: tls_options(&args),
    };
    let server = MockServer::start(config).map_err(|e| e.to_string())?;
    if let Some(mode) = args.hostile {
        let (fault, scope) = mode.fault();
        server.inject(fault, scope, Times::UntilCleared);
        eprintln!("hostile mode: {mode:?}");
    }
    if let Some(path) = &args.ca_out {
        write_new_file(path, server.ca_pem().as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("TLS test root written to {}", path.display());
    }
    if let Some(chaos) = chaos {
        eprintln!(
            "chaos mode: {:.0}% of requests fail (seed {})",
            chaos.share * 100.0,
            chaos.seed
        );
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "listening on {}", server.url()).map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())?;
    drop(out);
    // Serves until killed.
    loop {
        std::thread::park();
    }
}

/// Writes `data` to `path` through a temporary file in the same folder, then renames it into
/// place (replacing an old root from an earlier run: it is a public certificate, not a secret).
fn write_new_file(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("ca.pem");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
