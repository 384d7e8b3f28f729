//! Cutting a Fluent message file into its entries by lines, with no parser: shared by the build
//! script (build.rs), which writes the index of both files into the binary, and by the test in
//! src/i18n.rs that checks each entry so cut parses to the message the whole file gives.
//!
//! An entry starts with an identifier in the first column and ends before the next line that
//! starts with an identifier, a comment (`#`) or a term (`-`). Fluent continues a message only on
//! indented lines or on lines that start with `[`, `*`, `.` or `}`, so no other line can start
//! one.

/// Each message of `file` in file order: the byte offset where it starts, the length of its
/// identifier (which starts there) and the offset where the entry ends.
pub fn cut(file: &str) -> Vec<(usize, usize, usize)> {
    let mut entries = Vec::with_capacity(512);
    let mut open: Option<(usize, usize)> = None;
    let mut at = 0;
    for line in file.split_inclusive('\n') {
        if line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '#' || c == '-') {
            if let Some((start, id_len)) = open.take() {
                entries.push((start, id_len, at));
            }
            if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
                let id_len = line.find([' ', '=', '\r', '\n']).unwrap_or(line.len());
                open = Some((at, id_len));
            }
        }
        at += line.len();
    }
    if let Some((start, id_len)) = open {
        entries.push((start, id_len, file.len()));
    }
    entries
}
