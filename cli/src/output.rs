//! Diagnostics as text lines, and the escaping of every line of text portreg prints.

use std::borrow::Cow;

use anstyle::{AnsiColor, Style};

use portreg_core::{Diagnostic, LineIndex, Severity, Summary};

/// `text` with every character a terminal would act on, or that would make
/// it show text in another order than it is, written out visibly: C0
/// controls (ESC, BEL, CR, tab and line break included), DEL, C1 controls,
/// the bidi embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), the bidi marks (U+200E, U+200F, U+061C), the line and
/// paragraph separators (U+2028, U+2029) and U+FFFE, U+FFFF: the characters
/// of [`portreg_core::unsafe_kind`]. Tab, CR and line break read `\t`, `\r`,
/// `\n`, the others `\u{1b}`. Every line of text portreg prints passes
/// through here; JSON, `--stdout` documents and `--diff` bodies are printed
/// as they are.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_terminal_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            c if is_terminal_control(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A character a terminal acts on instead of showing: see [`escape`].
pub(crate) fn is_terminal_control(c: char) -> bool {
    portreg_core::is_unsafe_char(c)
}

/// Whether standard output wants colour, as `anstream` decides it: a
/// terminal, `NO_COLOR` unset, `TERM` not `dumb` (and `CLICOLOR_FORCE` to
/// force it). Pipes and CI logs get plain text.
pub fn use_colour() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// `FILE:LINE: SEVERITY[CODE] message`, then an indented help line, per
/// finding, with the name, message and help escaped; with `colour`, the
/// severity and code in bold colour.
pub fn text<'a>(
    name: &str,
    source: &str,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
    colour: bool,
) -> String {
    let lines = LineIndex::new(source);
    let name = escape(name);
    let mut out = String::new();
    for d in diagnostics {
        let line = d.line(&lines);
        let label = format!("{}[{}]", d.severity, d.code());
        let label = if colour { paint(d.severity, &label) } else { label };
        out.push_str(&format!("{name}:{line}: {label} {}\n", escape(&d.message)));
        out.push_str(&format!("    help: {}\n", escape(&d.help)));
    }
    out
}

/// `text` in bold red, yellow or cyan.
fn paint(severity: Severity, text: &str) -> String {
    let colour = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
    };
    let style = Style::new().bold().fg_color(Some(colour.into()));
    format!("{style}{text}{style:#}")
}

/// One line for standard error: `2 errors, 1 warning, 0 infos`.
pub fn summary_line(summary: Summary) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {}",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use portreg_core::{check, Date, Policy};

    #[test]
    fn colour_marks_only_the_label() {
        let doc = "| Project | Ports |\n|---|---|\n| web | 443 |\n";
        let found = check(doc, &Policy::default(), Date::parse("2025-01-15").unwrap());
        let plain = text("ports.md", doc, &found, false);
        assert_eq!(plain, "ports.md:3: error[R206] 443 needs root to bind\n    help: use ports from 1024 up, ideally the project's block\n");
        let coloured = text("ports.md", doc, &found, true);
        assert_eq!(coloured, plain.replace("error[R206]", "\u{1b}[1m\u{1b}[31merror[R206]\u{1b}[0m"));
    }

    #[test]
    fn escapes_what_a_terminal_acts_on_and_nothing_else() {
        assert!(matches!(escape("plain `text`, é ü 30000–30099 \\ '\""), Cow::Borrowed(_)));
        assert_eq!(escape("a\u{1b}[2Jb\u{7}\r\n\t"), "a\\u{1b}[2Jb\\u{7}\\r\\n\\t");
        assert_eq!(escape("\u{0}\u{7f}\u{80}\u{9b}\u{9f}\u{a0}"), "\\u{0}\\u{7f}\\u{80}\\u{9b}\\u{9f}\u{a0}");
        assert_eq!(escape("\u{202a}\u{202e}\u{2066}\u{2069}\u{2029}"), "\\u{202a}\\u{202e}\\u{2066}\\u{2069}\\u{2029}");
        assert_eq!(escape("a\u{200e}b\u{200f}c\u{61c}"), "a\\u{200e}b\\u{200f}c\\u{61c}");
        // Joiners and zero-width spaces are text: emoji sequences need U+200D.
        assert!(matches!(escape("👩\u{200d}💻 a\u{200b}b\u{200c}"), Cow::Borrowed(_)));
    }
}
