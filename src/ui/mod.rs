//! The one layer that talks to the member: questions ([`prompt`], and the PIN sources in
//! [`input`]), output ([`output`]), the words for the core's data ([`words`]), the shared `--json`
//! types ([`json`]) and the one file-name rule ([`filename`]). Nothing outside `ui` prints or
//! prompts, and all terminal input is read here.

pub mod filename;
pub mod input;
pub mod json;
pub mod output;
pub mod prompt;
pub mod words;
