//! `--format github`: one GitHub Actions workflow command per finding,
//! `::error file=F,line=L,title=CODE name::message`, which the runner shows
//! as an annotation on the file's line.
//!
//! Values are escaped as the Actions toolkit (`@actions/core`) escapes them:
//! `%`, CR and LF in the message, and also `:` and `,` in properties. A line
//! break written into a value can then never start a second command.

use std::fmt::Write;

use portreg_core::Severity;

use super::Checked;
use crate::output::escape;

/// The workflow commands of every finding of every registry, one per line.
pub fn github(checked: &[Checked]) -> String {
    let mut out = String::new();
    for registry in checked {
        let file = property(&escape(&registry.document.name));
        for d in &registry.diagnostics {
            let title = property(&format!("{} {}", d.code(), d.rule.name));
            let _ = writeln!(
                out,
                "::{} file={file},line={},title={title}::{}",
                command(d.severity),
                registry.line(d),
                data(&escape(&d.message))
            );
        }
    }
    out
}

/// The command of a severity: `error`, `warning` or `notice`.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// A command's message, escaped as the toolkit's `escapeData` does.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property value, escaped as the toolkit's `escapeProperty` does.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(data("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext: a, b");
        assert_eq!(property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
        assert_eq!(property("%3A"), "%253A");
    }
}
