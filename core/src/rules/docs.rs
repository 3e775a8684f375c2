//! The rule catalog rendered as markdown (`docs/rules.md`).

use std::fmt::Write;

use super::{RuleDoc, RETIRED, RULES};

/// The catalog as a markdown page: an index table, then one section per rule.
pub fn rules_markdown() -> String {
    let mut page = String::from(
        "# Rules\n\n<!-- Generated from core/src/rules by `cargo test -p portreg-core`; \
         run with UPDATE_DOCS=1 to rewrite. -->\n\n\
         Every finding of `portreg check` carries one of these codes. Codes are stable and never reused.\n\n\
         | Code | Name | Severity |\n|------|------|----------|\n",
    );
    for rule in RULES {
        let _ =
            writeln!(page, "| [{}](#{}) | {} | {} |", rule.code, rule.code.to_lowercase(), rule.name, severity(rule));
    }
    for rule in RULES {
        let doc = &rule.doc;
        let _ = write!(
            page,
            "\n## {code}\n\n**{name}** · {severity}\n\n### What it checks\n\n{what}\n\n### Why it matters\n\n{why}\n\n\
             ### Example\n\n{example}\n### Fix\n\n{fix}\n",
            code = rule.code,
            name = rule.name,
            severity = severity(rule),
            what = RuleDoc::paragraph(doc.what),
            why = RuleDoc::paragraph(doc.why),
            example = example_block(doc.example),
            fix = RuleDoc::paragraph(doc.fix),
        );
    }
    page.push_str("\n## Retired codes\n\nCodes no rule has any more; none is given to another rule.\n\n");
    if RETIRED.is_empty() {
        page.push_str("None yet.\n");
    }
    for (code, why) in RETIRED {
        let _ = writeln!(page, "- `{code}`: {why}");
    }
    page
}

fn severity(rule: &super::Rule) -> String {
    match rule.severity_note {
        Some(note) => format!("{} ({note})", rule.severity),
        None => rule.severity.to_string(),
    }
}

/// A markdown excerpt is shown as a fenced block; a sentence as a paragraph.
fn example_block(example: &str) -> String {
    if example.contains('|') || example.starts_with('#') {
        format!("```markdown\n{example}```\n")
    } else {
        format!("{example}\n")
    }
}
