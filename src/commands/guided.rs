//! `gidcert` with no arguments on a terminal: a menu like the authority's own tool (seed 001:
//! 電子証明書の取得 / 電子証明書の表示 / PINコードの変更), plus バックアップ, コピーの検索 and
//! 終了. Each entry runs the very command a member could type, with nothing given on the command
//! line, so it asks for everything with the same steps and checks; then the menu comes back. An
//! error is told as the command tells it, and the menu comes back too.
//!
//! Without a terminal there is nobody to ask: `cli::main` never calls this then (usage and exit 2,
//! as for any missing command). On Windows, when gidcert owns its console window (it was started
//! by double-clicking gidcert.exe in Explorer), it waits for Enter before that window closes.

use std::process::ExitCode;

use crate::commands::{backup, change_pin, download, scan, show};
use crate::explain::{Error, Exit};
use crate::t;
use crate::ui::input::InputError;
use crate::ui::{output, prompt};

/// The menu's entries, in the order shown (the authority's three first, as in its tool).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Download,
    Show,
    ChangePin,
    Backup,
    Scan,
    Quit,
}

pub const ENTRIES: [Entry; 6] = [
    Entry::Download,
    Entry::Show,
    Entry::ChangePin,
    Entry::Backup,
    Entry::Scan,
    Entry::Quit,
];

impl Entry {
    crate::labels! {
        pub fn label(self: Entry) {
            Download => "menu-download",
            Show => "menu-show",
            ChangePin => "menu-change-pin",
            Backup => "menu-backup",
            Scan => "menu-scan",
            Quit => "menu-quit",
        }
    }
}

/// The guided mode, from `cli::main`: the menu until 終了 (or end of input), then the Windows
/// pause.
pub fn main() -> ExitCode {
    let code = match run() {
        Ok(exit) => exit.code(),
        Err(e) => {
            output::print_error(&e);
            e.exit().code()
        }
    };
    pause_if_own_console();
    ExitCode::from(code)
}

/// The menu loop. Returns when the member chooses 終了 or input ends.
pub fn run() -> Result<Exit, Error> {
    line(&format!("gidcert – {}", t!("menu-title")));
    let items: Vec<String> = ENTRIES.iter().map(|e| e.label()).collect();
    loop {
        line("");
        let picked = match prompt::choose(&t!("menu-prompt"), &items, None) {
            Ok(i) => ENTRIES[i],
            Err(InputError::Cancelled) => return Ok(Exit::Ok),
            Err(e) => return Err(e.into()),
        };
        line("");
        match run_entry(picked) {
            None => return Ok(Exit::Ok),
            Some(Ok(_)) => {}
            Some(Err(e)) => output::print_error(&e),
        }
        line(&format!("— {} —", t!("menu-back")));
    }
}

fn line(s: &str) {
    crate::note!("{s}");
}

/// Runs one entry; `None` for 終了.
fn run_entry(entry: Entry) -> Option<Result<Exit, Error>> {
    let ask_file = || prompt::ask_file(&t!("menu-ask-file")).map_err(Error::from);
    Some(match entry {
        Entry::Quit => return None,
        Entry::Download => download::run(download::Options::default()),
        Entry::Show => ask_file().and_then(|file| {
            show::run(show::Options {
                file,
                ..show::Options::default()
            })
        }),
        Entry::ChangePin => ask_file().and_then(|file| {
            change_pin::run(change_pin::Options {
                file,
                ..change_pin::Options::default()
            })
        }),
        // The manual's backup is of a file that opens with its PIN: check that too.
        Entry::Backup => ask_file().and_then(|file| {
            backup::run(backup::Options {
                file,
                verify_pin: Some(crate::ui::input::PinSource::Prompt),
                ..backup::Options::default()
            })
        }),
        Entry::Scan => scan::run(scan::Options::default()),
    })
}

/// Started from Explorer, gidcert's console window would close the moment it exits, taking the
/// last message with it: wait for Enter first (as rustup-init does). Only when this process is the
/// console's only one (`GetConsoleProcessList` returns 1); never from a command prompt.
fn pause_if_own_console() {
    if owns_console() {
        let _ = prompt::ask_optional(&t!("menu-press-enter"));
    }
}

#[cfg(windows)]
#[allow(unsafe_code)]
fn owns_console() -> bool {
    use windows_sys::Win32::System::Console::GetConsoleProcessList;
    let mut list = [0u32; 2];
    // SAFETY: `list` is valid for writes of `list.len()` u32 values during the call, which is
    // all GetConsoleProcessList writes.
    let n = unsafe { GetConsoleProcessList(list.as_mut_ptr(), list.len() as u32) };
    n == 1
}

#[cfg(not(windows))]
fn owns_console() -> bool {
    false
}
