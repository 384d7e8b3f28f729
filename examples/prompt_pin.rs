//! Drives the PIN prompts of `gidcert::input` on a real terminal, for `tests/pty.rs` (until the
//! commands that prompt are merged) and for trying them by hand:
//!
//! ```sh
//! cargo run --example prompt_pin -- new    # the new-PIN loop
//! cargo run --example prompt_pin -- pin    # one hidden PIN entry
//! ```
//!
//! It prints the PIN's length, never the PIN.

use std::process::ExitCode;

use gidcert::i18n::Lang;

fn main() -> ExitCode {
    gidcert::output::select_language(None::<Lang>);
    let which = std::env::args().nth(1).unwrap_or_default();
    let result = match which.as_str() {
        "new" => gidcert::input::prompt_new_pin().map(|p| p.len()),
        "pin" => gidcert::input::prompt_pin(&gidcert::t!("prompt-pin")).map(|p| p.expose().len()),
        _ => {
            eprintln!("usage: prompt_pin new|pin");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(len) => {
            println!("ok: {len} characters");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let e = gidcert::error::Error::from(e);
            gidcert::output::print_error(&e);
            ExitCode::from(e.exit().code())
        }
    }
}
