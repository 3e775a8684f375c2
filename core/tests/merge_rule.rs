//! G701 beyond its fixture: which conflicts it reads, and `check_against`.

use portreg_core::{Date, Document, Policy};

fn today() -> Date {
    Date::parse("2025-01-15").unwrap()
}

fn codes(doc: &str) -> Vec<&'static str> {
    Document::new(doc, Policy::default()).check(today()).iter().map(|d| d.code()).collect()
}

const HEAD: &str = "| Project | Block | Ports | Status |\n|---|---|---|---|\n| a | Block 0 | 30000-30099 | active |\n";

#[test]
fn git_s_own_markers_around_two_reservations_are_a_merge_collision() {
    let doc = format!(
        "{HEAD}<<<<<<< HEAD\n| x | Block 1 | 30100-30199 | reserved |\n||||||| base\n=======\n\
         | y | Block 1 | 30100-30199 | reserved |\n>>>>>>> feature\n"
    );
    let found = Document::new(doc.as_str(), Policy::default()).check(today());
    let g701: Vec<_> = found.iter().filter(|d| d.code() == "G701").collect();
    assert_eq!(g701.len(), 1, "{found:?}");
    assert_eq!(&doc[g701[0].span.clone()], "| y | Block 1 | 30100-30199 | reserved |");
    assert_eq!(
        g701[0].help,
        "block 2 (30200-30299) is free on both sides: move one of them there, with its instance rows"
    );
    assert!(!codes(&doc).contains(&"P001"), "marker lines are no rows: {:?}", codes(&doc));
}

#[test]
fn conflicts_that_claim_nothing_twice_and_open_conflicts_are_no_collision() {
    let apart = format!(
        "{HEAD}<<<<<<< ours\n| x | Block 1 | 30100-30199 | reserved |\n=======\n| y | Block 2 | 30200-30299 | reserved |\n>>>>>>> theirs\n"
    );
    assert!(!codes(&apart).contains(&"G701"));
    let open = format!("{HEAD}<<<<<<< ours\n| x | Block 1 | 30100-30199 | reserved |\n=======\n| y | Block 1 | 30100-30199 | reserved |\n");
    assert!(!codes(&open).contains(&"G701"));
    let text = format!("{HEAD}\nText with <<<<<<< in it.\n");
    assert!(!codes(&text).contains(&"G701"));
}

#[test]
fn check_against_reports_on_this_documents_row() {
    let ours = format!("{HEAD}| x | Block 1 | 30100-30199 | reserved |\n");
    let theirs = format!("{HEAD}| y | Block 1 | 30100-30199 | reserved |\n");
    let document = Document::new(ours.as_str(), Policy::default());
    let found = document.check_against(HEAD, &theirs, "origin/main");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "`x` claims block 1 (30100-30199), which `y` took on `origin/main`");
    assert_eq!(&ours[found[0].span.clone()], "| x | Block 1 | 30100-30199 | reserved |");
    assert!(document.check_against(HEAD, HEAD, "origin/main").is_empty());
    assert!(document.check_against(HEAD, &ours, "origin/main").is_empty());
    let later = format!("{HEAD}| y | Block 2 | 30200-30299 | reserved |\n");
    assert!(document.check_against(HEAD, &later, "origin/main").is_empty());
}
