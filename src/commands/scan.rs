//! `gidcert scan`.

use crate::cli::ScanArgs;
use crate::error::{Error, Exit};

pub fn run(_args: ScanArgs) -> Result<Exit, Error> {
    Err(crate::error::Simple {
        exit: Exit::Internal,
        kind: "not-implemented",
        message: "not implemented yet".into(),
        recommendation: None,
    }
    .into())
}
