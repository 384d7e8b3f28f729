//! Text from outside (a server's words, a header value, a TLS name, a library's error chain) made
//! safe to show on a terminal: one pure function that every layer uses before such text reaches a
//! message or a log line.
//!
//! A terminal obeys control characters (ESC starts a command sequence that can rewrite the screen,
//! set the window title or, on some terminals, more; BEL rings; CR overwrites a line) and bidi
//! controls reorder what follows (U+202E makes `exe.txt` look like `txt.exe`). [`terminal_safe`]
//! writes each such character as a visible `\u{…}` escape and cuts the result to a length, so no
//! outside string can draw on the screen, hide text or fill it.

/// The longest outside string a message quotes (a problem type, a content type).
pub const SHORT: usize = 80;
/// The longest outside string a `-v` log line quotes (a library's error chain).
pub const LONG: usize = 400;

/// `s` with every control, bidi-control and invisible formatting character escaped as
/// `\u{XXXX}`, a backslash doubled (so an escape cannot be forged), and the result cut to at most
/// `max_chars` characters, the last of which is then `…`. Never cuts inside an escape.
pub fn terminal_safe(s: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut used = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let piece: std::borrow::Cow<'static, str> = if c == '\\' {
            "\\\\".into()
        } else if needs_escape(c) {
            format!("\\u{{{:x}}}", c as u32).into()
        } else {
            let mut b = [0u8; 4];
            c.encode_utf8(&mut b).to_owned().into()
        };
        let n = piece.chars().count();
        // Each piece added while more follows leaves room for the ellipsis, so it always fits.
        let room = if chars.peek().is_some() { n + 1 } else { n };
        if used + room > max_chars {
            if used < max_chars {
                out.push('…');
            }
            return out;
        }
        out.push_str(&piece);
        used += n;
    }
    out
}

/// Whether `c` must not reach a terminal as itself.
pub fn needs_escape(c: char) -> bool {
    c.is_control() // C0, DEL, C1 (including NEL and CSI)
        || matches!(c,
            '\u{061C}'                  // Arabic letter mark
            | '\u{200B}'..='\u{200F}'   // zero-width space/joiners, LRM, RLM
            | '\u{2028}' | '\u{2029}'   // line and paragraph separators
            | '\u{202A}'..='\u{202E}'   // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}'   // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}'   // bidi isolates
            | '\u{FEFF}'                // zero-width no-break space
            | '\u{FFF9}'..='\u{FFFB}') // interlinear annotation
}

/// Whether `s` holds a character [`terminal_safe`] would escape (tests and assertions).
pub fn has_unsafe(s: &str) -> bool {
    s.chars().any(needs_escape)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_escaped() {
        let s = terminal_safe("a\u{1b}[31mb\u{7}c\u{202e}d\r\ne\u{9b}f\u{2067}", 200);
        assert_eq!(
            s,
            "a\\u{1b}[31mb\\u{7}c\\u{202e}d\\u{d}\\u{a}e\\u{9b}f\\u{2067}"
        );
        assert!(!has_unsafe(&s));
    }

    #[test]
    fn plain_text_and_japanese_pass_unchanged() {
        assert_eq!(
            terminal_safe("application/pkcs12", 80),
            "application/pkcs12"
        );
        assert_eq!(terminal_safe("電子証明書", 80), "電子証明書");
    }

    #[test]
    fn a_backslash_cannot_forge_an_escape() {
        assert_eq!(terminal_safe("\\u{1b}", 80), "\\\\u{1b}");
    }

    #[test]
    fn cut_to_length_with_an_ellipsis_never_inside_an_escape() {
        let long = "x".repeat(8000);
        let s = terminal_safe(&long, 80);
        assert_eq!(s.chars().count(), 80);
        assert!(s.ends_with('…'));
        // Exactly the limit: no ellipsis.
        assert_eq!(terminal_safe(&"y".repeat(80), 80), "y".repeat(80));
        // An escape that does not fit is left out whole.
        let s = terminal_safe("abcdefgh\u{1b}", 10);
        assert_eq!(s, "abcdefgh…");
        for max in 0..20 {
            let s = terminal_safe("ab\u{1b}cd\u{202e}ef", max);
            assert!(s.chars().count() <= max, "{max}: {s}");
            assert!(!has_unsafe(&s));
            assert!(!s.contains("\\u{1") || s.contains("\\u{1b}"), "{max}: {s}");
        }
    }
}
