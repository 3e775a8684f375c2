//! P008: `portreg` comments that ignore nothing.

use super::{Diagnostic, Directives, Rule, RuleDoc, Severity, Violation};
use crate::code_span::Code;

/// P008: an ignore directive names a code no rule has.
pub static UNKNOWN_DIRECTIVE_CODE: Rule = Rule {
    code: "P008",
    name: "unknown-directive-code",
    severity: Severity::Warning,
    severity_note: None,
    doc: RuleDoc {
        what: "A `<!-- portreg: ignore … -->` directive names a code or prefix that no rule has, or a \
               comment that starts with `portreg` is no directive portreg reads.",
        why: "A misspelt code ignores nothing, so the finding it was meant to quiet still shows, \
              or a real finding is quieted by a code that was meant for another.",
        example: "<!-- portreg: ignore B1O4 -->\n\n| Project | Ports |\n|---|---|\n| api | 30100-30199 |\n",
        fix: "Write a code from `portreg rules` (`B104`) or a family letter (`I`). A directive on a \
              line of its own ignores its codes in the whole document; one inside a table row \
              (in a notes cell) ignores them on that row.",
    },
};

/// A `portreg` comment that is no directive, or a directive's unknown code.
pub(super) enum UnknownDirectiveCode<'a> {
    /// A comment that starts with `portreg` but is no directive portreg reads.
    NoDirective,
    /// A code or prefix no rule has.
    Code(&'a str),
}

impl Violation for UnknownDirectiveCode<'_> {
    const RULE: &'static Rule = &UNKNOWN_DIRECTIVE_CODE;

    fn message(&self) -> String {
        match self {
            Self::NoDirective => {
                "this `portreg` comment is no directive portreg reads, so it ignores nothing".to_owned()
            }
            Self::Code(name) => format!("the directive names {name}, which is no rule's code", name = Code(name)),
        }
    }

    fn help(&self) -> String {
        match self {
            Self::NoDirective => {
                "write it as `<!-- portreg: ignore B104, I -->`: a colon, `ignore`, then codes or family letters"
            }
            Self::Code(_) => "write a code from `portreg rules` (such as B104) or a family letter (such as I)",
        }
        .to_owned()
    }
}

/// One P008 finding per unknown code in a directive.
pub(super) fn check(directives: &Directives, out: &mut Vec<Diagnostic>) {
    for span in &directives.malformed {
        out.push(Diagnostic::of(span.clone(), UnknownDirectiveCode::NoDirective));
    }
    for (span, name) in &directives.unknown {
        out.push(Diagnostic::of(span.clone(), UnknownDirectiveCode::Code(name)));
    }
}
