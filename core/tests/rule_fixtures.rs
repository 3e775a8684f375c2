//! One fixture per rule: the rule fires on it, and its findings match the snapshot.

use std::path::{Path, PathBuf};

use portreg_core::{check, edit, usage, Date, Diagnostic, Document, LineIndex, Policy, RULES};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

fn today() -> Date {
    Date::parse("2025-01-15").unwrap()
}

/// Each finding as `line severity[code] message`, its help, and for a fix the
/// fixed line.
fn render(source: &str, diagnostics: &[Diagnostic]) -> String {
    let lines = LineIndex::new(source);
    let mut out = String::new();
    for d in diagnostics {
        let line = d.line(&lines);
        out.push_str(&format!("{line}: {}[{}] {}\n  help: {}\n", d.severity, d.code(), d.message, d.help));
        if let Some(fix) = &d.fix {
            let fixed = edit::apply(source, &fix.edits);
            let fixed_line = fixed.lines().nth(line.saturating_sub(1)).unwrap_or("");
            out.push_str(&format!("  fix ({}): {}\n    {fixed_line}\n", fix.applicability.as_str(), fix.title));
            if let Some(breaks) = &fix.breaks {
                out.push_str(&format!("  breaks: {breaks}\n"));
            }
        }
    }
    out
}

/// The findings of `code`'s family on its fixture: the registry rules, or for
/// a usage rule (U6xx) the usage rules against the fixture's fenced
/// `listing` block.
fn findings(code: &str, source: &str) -> Vec<Diagnostic> {
    if !code.starts_with('U') {
        return check(source, &Policy::default(), today());
    }
    // ```listing whole: the listing shows every listener of its machine.
    let (fence, whole) = match source.split("```listing whole\n").nth(1) {
        Some(fence) => (fence, true),
        None => (source.split("```listing\n").nth(1).unwrap_or_else(|| panic!("{code}: no ```listing block")), false),
    };
    let mut listing = usage::parse(fence.split("```").next().unwrap_or("")).unwrap_or_else(|e| panic!("{code}: {e}"));
    listing.whole = whole;
    Document::new(source, Policy::default()).usage(&listing, today())
}

#[test]
fn every_rule_fires_on_its_fixture() {
    for rule in RULES {
        let path = fixtures().join(format!("{}.md", rule.code));
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let diagnostics = findings(rule.code, &source);
        assert!(
            diagnostics.iter().any(|d| d.code() == rule.code),
            "{} does not fire on its fixture:\n{}",
            rule.code,
            render(&source, &diagnostics)
        );
        for d in &diagnostics {
            let explained = d.severity == d.rule.severity || d.rule.severity_note.is_some();
            assert!(explained, "{} is a {} here, but its rule has no severity note saying when", d.code(), d.severity);
        }
        insta::assert_snapshot!(rule.code, render(&source, &diagnostics));
    }
}

#[test]
fn every_fixture_belongs_to_a_rule() {
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let code = name.trim_end_matches(".md");
        assert!(RULES.iter().any(|r| r.code == code), "fixture {name} has no rule");
    }
}

#[test]
fn fixes_resolve_their_finding() {
    for rule in RULES {
        let source = std::fs::read_to_string(fixtures().join(format!("{}.md", rule.code))).unwrap();
        let diagnostics = check(&source, &Policy::default(), today());
        for d in diagnostics.iter().filter(|d| d.code() == rule.code) {
            let Some(fix) = &d.fix else { continue };
            let fixed = edit::apply(&source, &fix.edits);
            let after = check(&fixed, &Policy::default(), today());
            let line = LineIndex::new(&source).line(d.span.start);
            let still =
                after.iter().any(|a| a.code() == rule.code && LineIndex::new(&fixed).line(a.span.start) == line);
            assert!(!still, "{} fix `{}` leaves the finding on line {line}", rule.code, fix.title);
        }
    }
}
