//! `gidcert completions`, `gidcert man`, `gidcert config`.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ConfigAction, ConfigArgs};
use crate::error::{Error, Exit, Simple};
use crate::t;

pub fn completions(a: CompletionsArgs) -> Result<Exit, Error> {
    let mut cmd = Cli::command();
    clap_complete::generate(a.shell, &mut cmd, "gidcert", &mut std::io::stdout());
    Ok(Exit::Ok)
}

pub fn man() -> Result<Exit, Error> {
    let page = clap_mangen::Man::new(Cli::command());
    page.render(&mut std::io::stdout()).map_err(|e| Simple {
        exit: Exit::Internal,
        kind: "write-failed",
        message: e.to_string(),
        recommendation: None,
    })?;
    Ok(Exit::Ok)
}

pub fn config(a: ConfigArgs) -> Result<Exit, Error> {
    match a.action {
        ConfigAction::Path => match crate::config::path() {
            Some(p) => {
                println!("{}", p.display());
                Ok(Exit::Ok)
            }
            None => Err(Simple {
                exit: Exit::Config,
                kind: "no-config-dir",
                message: t!("err-no-config-dir"),
                recommendation: Some(t!("rec-config")),
            }
            .into()),
        },
    }
}
