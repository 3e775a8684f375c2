//! Text and attribute values for XML 1.0.

/// `text` for an element's content: `&`, `<` and `>` as entities, and the
/// characters XML 1.0 forbids (C0 controls but tab, line feed and carriage
/// return; U+FFFE, U+FFFF) dropped.
pub fn text(text: &str) -> String {
    escape(text, false)
}

/// `text` for an attribute value in double or single quotes: as [`text`],
/// with the quotes as entities too, and tab, line feed and carriage return
/// as character references so that they survive attribute normalisation.
pub fn attribute(text: &str) -> String {
    escape(text, true)
}

/// Escapes `text`; `attribute` also escapes quotes and whitespace.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' if attribute => out.push_str("&#13;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if forbidden(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 allows no `c` in a document, not even as a reference.
fn forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(text("a<b>&c \"d\" 'e'\n\u{0}\u{1b}\u{fffe}f"), "a&lt;b&gt;&amp;c \"d\" 'e'\nf");
        assert_eq!(
            attribute("a<b>&c \"d\" 'e'\t\n\r\u{7}"),
            "a&lt;b&gt;&amp;c &quot;d&quot; &apos;e&apos;&#9;&#10;&#13;"
        );
    }
}
