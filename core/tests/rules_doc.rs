//! `docs/rules.md` is rendered from the rule registry and must be current.

use std::path::Path;

#[test]
fn rules_page_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rules.md");
    let rendered = portreg_core::rules::rules_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &rendered).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == rendered,
        "docs/rules.md is out of date: run `UPDATE_DOCS=1 cargo test -p portreg-core --test rules_doc`"
    );
}
