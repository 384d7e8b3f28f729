//! `gidcert change-pin`.

use crate::cli::ChangePinArgs;
use crate::error::{Error, Exit};

pub fn run(_args: ChangePinArgs) -> Result<Exit, Error> {
    Err(crate::error::Simple {
        exit: Exit::Internal,
        kind: "not-implemented",
        message: "not implemented yet".into(),
        recommendation: None,
    }
    .into())
}
