//! `check --format junit`: JUnit XML that an XML parser reads, with one test
//! case per selected rule and registry and a failure for each rule that found
//! errors or warnings.

mod support;

use support::{check, stdout, write, CLEAN, MIXED};

/// Counts from `<testsuite>` and the test cases, checked against each other.
struct Report {
    tests: usize,
    failures: usize,
    /// `(classname, name, failure type, failure message)` of each failing case.
    failed: Vec<(String, String, String, String)>,
    /// The `<system-out>` texts.
    infos: Vec<String>,
}

/// Parses the report and checks its counts add up.
fn read(xml: &str) -> Report {
    let document = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root.children().filter(|n| n.has_tag_name("testsuite")).collect();
    assert_eq!(suites.len(), 1);
    let suite = suites[0];
    let number = |name: &str| suite.attribute(name).unwrap().parse::<usize>().unwrap();
    let cases: Vec<_> = suite.children().filter(|n| n.has_tag_name("testcase")).collect();
    let mut failed = Vec::new();
    let mut infos = Vec::new();
    for case in &cases {
        let failures: Vec<_> = case.children().filter(|n| n.has_tag_name("failure")).collect();
        assert!(failures.len() <= 1);
        if let Some(failure) = failures.first() {
            failed.push((
                case.attribute("classname").unwrap().to_owned(),
                case.attribute("name").unwrap().to_owned(),
                failure.attribute("type").unwrap().to_owned(),
                failure.attribute("message").unwrap().to_owned(),
            ));
        }
        infos.extend(case.children().filter(|n| n.has_tag_name("system-out")).map(|n| n.text().unwrap().to_owned()));
    }
    let report = Report { tests: number("tests"), failures: number("failures"), failed, infos };
    assert_eq!(report.tests, cases.len());
    assert_eq!(report.failures, report.failed.len());
    assert_eq!(root.attribute("tests").unwrap(), suite.attribute("tests").unwrap());
    report
}

#[test]
fn a_case_per_rule_and_registry_and_a_failure_per_rule_that_found_something() {
    let dir = tempfile::tempdir().unwrap();
    let mixed = write(dir.path(), "mixed.md", MIXED);
    let clean = write(dir.path(), "clean.md", CLEAN);
    let out = check(&[&mixed, &clean], &["--format", "junit"]);
    assert_eq!(out.status.code(), Some(1));
    let report = read(&stdout(&out));
    assert_eq!(report.tests, 2 * portreg_core::RULES.len());
    let name = mixed.to_str().unwrap();
    let failed: Vec<(&str, &str, &str)> =
        report.failed.iter().map(|(class, case, kind, _)| (class.as_str(), case.as_str(), kind.as_str())).collect();
    assert_eq!(failed, [(name, "B104 shared-path", "warning"), (name, "R206 privileged-port", "error")]);
    assert_eq!(report.failed[1].3, "line 6: 443 needs root to bind");
    assert_eq!(report.infos.len(), 1);
    assert!(report.infos[0].starts_with(&format!("{name}:5: info[S403] no owner\n")), "{:?}", report.infos);

    let selected = read(&stdout(&check(&[&mixed], &["--format", "junit", "--select", "R2"])));
    assert_eq!((selected.tests, selected.failures), (7, 1));
}

#[test]
fn names_and_text_are_escaped_for_xml() {
    let dir = tempfile::tempdir().unwrap();
    let name = "<a href=\"x\">&amp;'\u{1b}[2J\u{7}.md";
    let registry = "| Project Name | Block | Ports | Path | Status | Owner | Date |\n\
                    |---|---|---|---|---|---|---|\n\
                    | <b>&amp;\"'</b> | Block 5 | 30500-30599 | ~/x]]> | active | a | 2025-01-02 |\n\
                    | <i> | Block 6 | 30600-30699 | ~/x]]> | bogus&#1; | a | 2025-01-02 |\n\
                    | old | | 443 | ~/old | active | a | 2025-01-02 |\n";
    let file = write(dir.path(), name, registry);
    let out = check(&[&file], &["--format", "junit"]);
    let xml = stdout(&out);
    assert!(!xml.chars().any(|c| c.is_control() && c != '\n'), "{xml:?}");
    let report = read(&xml);
    let shown = file.to_str().unwrap().replace('\u{1b}', "\\u{1b}").replace('\u{7}', "\\u{7}");
    assert!(report.failed.iter().all(|(class, ..)| *class == shown), "{:?}", report.failed);
    let cases: Vec<&str> = report.failed.iter().map(|(_, case, ..)| case.as_str()).collect();
    assert!(cases.contains(&"B104 shared-path") && cases.contains(&"R206 privileged-port"), "{cases:?}");
    assert!(report.failed.iter().any(|(.., message)| message.contains("~/x]]>")), "{:?}", report.failed);
}
