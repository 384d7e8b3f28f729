//! `gidcert backup`.

use crate::cli::BackupArgs;
use crate::error::{Error, Exit};

pub fn run(_args: BackupArgs) -> Result<Exit, Error> {
    Err(crate::error::Simple {
        exit: Exit::Internal,
        kind: "not-implemented",
        message: "not implemented yet".into(),
        recommendation: None,
    }
    .into())
}
