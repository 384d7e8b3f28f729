//! The one layer that talks to the member: prompts ([`input`]), output ([`output`]) and the words
//! for the core's data ([`words`]). Nothing outside `ui` prints or prompts.

pub mod input;
pub mod output;
pub mod words;
