//! The one layer that talks to the member: prompts ([`input`]), output ([`output`]), the words
//! for the core's data ([`words`]) and the shared `--json` types ([`json`]). Nothing outside `ui` prints or prompts.

pub mod input;
pub mod json;
pub mod output;
pub mod words;
