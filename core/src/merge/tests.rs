use super::*;

const BASE: &str = "# Ports\n\n\
| Project | Block | Ports | Status |\n\
|---|---|---|---|\n\
| a | Block 0 | 30000-30099 | active |\n\
\n\
| Project | Instance | Ports | Status | Branch/Environment |\n\
|---|---|---|---|---|\n\
| a | 1 | 30000-30009 | active | main |\n";

fn run(base: &str, ours: &str, theirs: &str, resolve: Resolve) -> Merged {
    merge(base, ours, theirs, &Policy::default(), resolve)
}

fn add_project(doc: &str, row: &str) -> String {
    doc.replace("| active |\n\n", &format!("| active |\n{row}\n\n"))
}

fn add_instance(doc: &str, row: &str) -> String {
    format!("{doc}{row}\n")
}

#[test]
fn a_version_merged_with_itself_or_an_unchanged_side_is_that_version() {
    let ours = add_project(BASE, "| x | Block 1 | 30100-30199 | reserved |");
    assert_eq!(run(BASE, BASE, BASE, Resolve::Conflict).text, BASE);
    assert_eq!(run(BASE, &ours, BASE, Resolve::Conflict).text, ours);
    assert_eq!(run(BASE, BASE, &ours, Resolve::Conflict).text, ours);
    assert_eq!(run(BASE, &ours, &ours, Resolve::Conflict).text, ours);
}

#[test]
fn two_reservations_of_one_block_are_a_conflict_around_those_rows_only() {
    let ours = add_project(BASE, "| x | Block 1 | 30100-30199 | reserved |");
    let theirs = add_project(BASE, "| y | Block 1 | 30100-30199 | reserved |");
    let merged = run(BASE, &ours, &theirs, Resolve::Conflict);
    assert!(!merged.is_clean());
    let expected = add_project(
        BASE,
        "<<<<<<< ours (portreg: both sides claim block 1 (30100-30199); block 2 (30200-30299) is free on both sides)\n\
         | x | Block 1 | 30100-30199 | reserved |\n=======\n| y | Block 1 | 30100-30199 | reserved |\n>>>>>>> theirs",
    );
    assert_eq!(merged.text, expected);
    assert_eq!(merged.collisions.len(), 1);
    assert_eq!((merged.collisions[0].ours.as_str(), merged.collisions[0].theirs.as_str()), ("x", "y"));
}

#[test]
fn moving_takes_theirs_new_project_and_its_instances_to_a_free_block() {
    let ours = add_instance(
        &add_project(BASE, "| x | Block 1 | 30100-30199 | reserved |"),
        "| x | 1 | 30100-30109 | active | main |",
    );
    let theirs = add_instance(
        &add_project(BASE, "| y | Block 1 | 30100-30199 | reserved |"),
        "| y | 1 | 30100-30109 | active | main |",
    );
    let merged = run(BASE, &ours, &theirs, Resolve::Move);
    assert!(merged.is_clean(), "{}", merged.text);
    let expected = add_instance(
        &add_instance(
            &add_project(BASE, "| x | Block 1 | 30100-30199 | reserved |\n| y | Block 2 | 30200-30299 | reserved |"),
            "| x | 1 | 30100-30109 | active | main |",
        ),
        "| y | 1 | 30200-30209 | active | main |",
    );
    assert_eq!(merged.text, expected);
    assert_eq!(merged.moved.len(), 1);
    assert_eq!(merged.moved[0].to, "block 2 (30200-30299)");
    assert_eq!(merged.moved[0].instances, 1);
}

#[test]
fn two_instance_rows_in_one_slot_move_to_the_next_free_slot() {
    let ours = add_instance(BASE, "| a | 2 | 30010-30019 | active | feature/x |");
    let theirs = add_instance(BASE, "| a | 2 | 30010-30019 | active | feature/y |");
    assert!(!run(BASE, &ours, &theirs, Resolve::Conflict).is_clean());
    let merged = run(BASE, &ours, &theirs, Resolve::Move);
    assert!(merged.is_clean(), "{}", merged.text);
    assert!(merged
        .text
        .ends_with("| a | 2 | 30010-30019 | active | feature/x |\n| a | 3 | 30020-30029 | active | feature/y |\n"));
}

#[test]
fn edits_of_different_cells_and_rows_merge() {
    let ours = BASE.replace("| a | Block 0 | 30000-30099 | active |", "| a | Block 0 | 30000-30099 | inactive |");
    let theirs = add_instance(&BASE.replace("| main |", "| trunk |"), "| a | 2 | 30010-30019 | active | ci |");
    let merged = run(BASE, &ours, &theirs, Resolve::Conflict);
    assert!(merged.is_clean(), "{}", merged.text);
    assert_eq!(
        merged.text,
        add_instance(&theirs.replace("30099 | active |", "30099 | inactive |"), "").trim_end_matches('\n').to_owned()
            + "\n"
    );
}

#[test]
fn one_row_edited_in_one_cell_on_each_side_takes_both() {
    let row = "| a | Block 0 | 30000-30099 | active |";
    let ours = BASE.replace(row, "| a | Block 0 | 30000-30099 | inactive |");
    let theirs = BASE.replace(row, "| A | Block 0 | 30000-30099 | active |");
    let merged = run(BASE, &ours, &theirs, Resolve::Conflict);
    assert_eq!(merged.text, BASE.replace(row, "| A | Block 0 | 30000-30099 | inactive |"));
}

#[test]
fn prose_merges_as_git_does() {
    let ours = BASE.replace("# Ports\n", "# Team ports\n");
    let theirs = format!("{BASE}\nNotes.\n");
    let merged = run(BASE, &ours, &theirs, Resolve::Conflict);
    assert_eq!(merged.text, format!("{ours}\nNotes.\n"));
    let other = BASE.replace("# Ports\n", "# Our ports\n");
    let merged = run(BASE, &ours, &other, Resolve::Conflict);
    assert_eq!(merged.conflicts, 1);
    assert!(merged.text.starts_with("<<<<<<< ours\n# Team ports\n=======\n# Our ports\n>>>>>>> theirs\n"));
}

#[test]
fn crlf_documents_merge_as_crlf() {
    let crlf = |s: &str| s.replace('\n', "\r\n");
    let ours = crlf(&add_project(BASE, "| x | Block 1 | 30100-30199 | reserved |"));
    let theirs = crlf(&add_project(BASE, "| y | Block 1 | 30100-30199 | reserved |"));
    let merged = run(&crlf(BASE), &ours, &theirs, Resolve::Conflict);
    assert!(merged.text.contains("reserved |\r\n=======\r\n| y "), "{:?}", merged.text);
    assert!(!merged.text.replace("\r\n", "").contains('\n'));
    let moved = run(&crlf(BASE), &ours, &theirs, Resolve::Move);
    assert_eq!(
        moved.text,
        crlf(&add_project(BASE, "| x | Block 1 | 30100-30199 | reserved |\n| y | Block 2 | 30200-30299 | reserved |"))
    );
}

#[test]
fn a_row_removed_on_one_side_and_changed_on_the_other_is_a_conflict() {
    let row = "| a | 1 | 30000-30009 | active | main |\n";
    let ours = BASE.replace(row, "");
    let theirs = BASE.replace(row, "| a | 1 | 30000-30009 | inactive | main |\n");
    let merged = run(BASE, &ours, &theirs, Resolve::Conflict);
    assert_eq!(merged.conflicts, 1);
    assert!(merged.text.contains("inactive"));
    let untouched = run(BASE, &ours, BASE, Resolve::Conflict);
    assert_eq!(untouched.text, ours);
}

#[test]
fn conflict_markers_left_in_a_document_show_their_collision() {
    let ours = add_project(BASE, "| x | Block 1 | 30100-30199 | reserved |");
    let theirs = add_project(BASE, "| y | Block 1 | 30100-30199 | reserved |");
    let merged = run(BASE, &ours, &theirs, Resolve::Conflict);
    let found = conflict_collisions(&merged.text, &Policy::default());
    assert_eq!(found.len(), 1);
    assert_eq!(&merged.text[found[0].0.clone()], "| y | Block 1 | 30100-30199 | reserved |");
    let found = against(&ours, BASE, &theirs, &Policy::default());
    assert_eq!(&ours[found[0].0.clone()], "| x | Block 1 | 30100-30199 | reserved |");
    assert!(against(&ours, BASE, BASE, &Policy::default()).is_empty());
}

#[test]
fn two_new_tables_with_one_header_keep_the_rows_of_both() {
    let base = "| Project | Block |\n|---|---|\n| a | Block 0 |\n";
    let table = |row: &str| {
        format!(
            "{base}\n## Instances\n\n| Project | Instance | Ports | Branch/Environment |\n|---|---|---|---|\n{row}\n"
        )
    };
    let ours = table("| a | 2 | 30010-30019 | feature/x |");
    let theirs = table("| a | 3 | 30020-30029 | feature/y |");
    let merged = run(base, &ours, &theirs, Resolve::Conflict);
    assert!(merged.is_clean(), "{}", merged.text);
    assert_eq!(merged.text, table("| a | 2 | 30010-30019 | feature/x |\n| a | 3 | 30020-30029 | feature/y |"));
}

#[test]
fn both_sides_creating_the_registry_merge_entry_by_entry() {
    let ours = add_instance(
        &add_project(BASE, "| x | Block 1 | 30100-30199 | reserved |"),
        "| a | 2 | 30010-30019 | active | feature/x |",
    );
    let theirs = add_project(BASE, "| y | Block 2 | 30200-30299 | reserved |");
    let merged = run("", &ours, &theirs, Resolve::Conflict);
    assert!(merged.is_clean(), "{}", merged.text);
    let both = "| x | Block 1 | 30100-30199 | reserved |\n| y | Block 2 | 30200-30299 | reserved |";
    assert_eq!(merged.text, add_instance(&add_project(BASE, both), "| a | 2 | 30010-30019 | active | feature/x |"));
    let clash = add_project(BASE, "| y | Block 1 | 30100-30199 | reserved |");
    let merged = run("", &ours, &clash, Resolve::Conflict);
    assert_eq!((merged.conflicts, merged.collisions.len()), (1, 1), "{}", merged.text);
    assert!(merged.text.contains("<<<<<<< ours (portreg: both sides claim block 1"), "{}", merged.text);
    let moved = run("", &ours, &clash, Resolve::Move);
    assert!(moved.is_clean(), "{}", moved.text);
    assert!(moved.text.contains("| y | Block 2 | 30200-30299 | reserved |"), "{}", moved.text);
    let changed = BASE.replace("| a | Block 0 | 30000-30099 | active |", "| a | Block 0 | 30000-30099 | inactive |");
    let merged = run("", BASE, &changed, Resolve::Conflict);
    assert_eq!(merged.conflicts, 1, "{}", merged.text);
}

#[test]
fn an_edit_lands_on_the_row_of_a_project_it_was_made_to() {
    let b0 = "| a | Block 0 | 30000-30099 | active |";
    let b3 = "| a | Block 3 | 30300-30399 | active |";
    let base = BASE.replace(&format!("{b0}\n"), &format!("{b0}\n{b3}\n"));
    let ours = base.replace(&format!("{b0}\n"), "");
    let theirs = base.replace(b3, "| a | Block 3 | 30300-30399 | inactive |");
    let merged = run(&base, &ours, &theirs, Resolve::Conflict);
    assert!(merged.is_clean(), "{}", merged.text);
    assert_eq!(merged.text, BASE.replace(b0, "| a | Block 3 | 30300-30399 | inactive |"));
    let ours = base.replace(b0, "| a | Block 5 | 30500-30599 | active |");
    let theirs = base.replace(b0, "| a | Block 0 | 30000-30099 | inactive |");
    let merged = run(&base, &ours, &theirs, Resolve::Conflict);
    assert_eq!(merged.conflicts, 1, "{}", merged.text);
    assert!(
        merged.text.contains(&format!("{b3}\n")) && !merged.text.contains(&format!("{b3}\n{b3}")),
        "{}",
        merged.text
    );
}

#[test]
fn a_row_both_sides_edited_still_collides_with_what_the_other_side_added() {
    let one = "| a | 1 | 30000-30009 | active | main |";
    let ours = BASE.replace(one, "| a | 1 | 30020-30029 | active | main |");
    let theirs = add_instance(
        &BASE.replace(one, "| a | 1 | 30000-30009 | inactive | main |"),
        "| a | 3 | 30020-30029 | active | x |",
    );
    let merged = run(BASE, &ours, &theirs, Resolve::Conflict);
    assert_eq!(merged.collisions.len(), 1, "{}", merged.text);
    assert!(!merged.is_clean(), "{}", merged.text);
    let merged = run(BASE, &ours, &ours, Resolve::Conflict);
    assert!(merged.collisions.is_empty() && merged.is_clean(), "{}", merged.text);
}

#[test]
fn instance_collisions_from_a_project_collision_offer_no_slot_in_the_other_projects_block() {
    let side = |name: &str| {
        add_instance(
            &add_project(BASE, &format!("| {name} | Block 1 | 30100-30199 | reserved |")),
            &format!("| {name} | 1 | 30100-30109 | active | main |"),
        )
    };
    let merged = run(BASE, &side("x"), &side("y"), Resolve::Conflict);
    let instance = merged.collisions.iter().find(|c| c.claim.starts_with("instance slot")).expect("instance collision");
    assert_eq!((instance.free.as_deref(), instance.in_colliding_block), (None, true), "{}", merged.text);
    assert!(!merged.text.contains("30110-30119) is free"), "{}", merged.text);
    assert!(merged.text.contains("moving the project moves this row"), "{}", merged.text);
}

#[test]
fn an_instance_added_in_the_block_the_other_side_moved_its_project_from_is_a_conflict() {
    let ours = BASE
        .replace("| a | Block 0 | 30000-30099 | active |", "| a | Block 5 | 30500-30599 | active |")
        .replace("| a | 1 | 30000-30009 |", "| a | 1 | 30500-30509 |");
    let theirs = add_instance(BASE, "| a | 2 | 30010-30019 | active | x |");
    let merged = run(BASE, &ours, &theirs, Resolve::Conflict);
    assert_eq!(merged.conflicts, 1, "{}", merged.text);
    assert!(merged.text.contains("=======\n| a | 2 | 30010-30019 | active | x |\n>>>>>>> theirs"), "{}", merged.text);
    let moved = run(BASE, &ours, &theirs, Resolve::Move);
    assert!(moved.is_clean(), "{}", moved.text);
    assert!(moved.text.contains("| a | 2 | 30510-30519 | active | x |"), "{}", moved.text);
    let swapped = run(BASE, &theirs, &ours, Resolve::Conflict);
    assert_eq!(swapped.conflicts, 1, "{}", swapped.text);
}

/// Instance rows `rows` (project `api`, number, purpose, branch) as a table.
fn instances(rows: &[(u32, &str, &str)]) -> String {
    let mut doc = String::from(
        "| Project | Instance | Ports | Purpose | Status | Branch/Environment |\n|---|---|---|---|---|---|\n",
    );
    for (n, purpose, branch) in rows {
        let start = 30000 + (n - 1) * 10;
        doc.push_str(&format!("| api | {n} | {start}-{} | {purpose} | active | {branch} |\n", start + 9));
    }
    doc
}

#[test]
fn a_row_one_side_moved_and_the_other_deleted_stays_deleted_unless_it_was_changed() {
    let base = instances(&[(1, "Dev", "main"), (2, "Test", "ci"), (3, "QA", "qa")]);
    let reversed = instances(&[(3, "QA", "qa"), (2, "Test", "ci"), (1, "Dev", "main")]);
    let deleted = instances(&[(1, "Dev", "main"), (3, "QA", "qa")]);
    for (ours, theirs) in [(&reversed, &deleted), (&deleted, &reversed)] {
        let merged = run(&base, ours, theirs, Resolve::Conflict);
        assert!(merged.is_clean(), "{}", merged.text);
        assert!(!merged.text.contains("| api | 2 |"), "{}", merged.text);
        assert_eq!(merged.text.matches("| api | ").count(), 2, "{}", merged.text);
    }
    // Moved and changed on one side, deleted on the other: a conflict, the changed row kept in it.
    let moved_and_changed = instances(&[(2, "Staging", "ci"), (1, "Dev", "main"), (3, "QA", "qa")]);
    let merged = run(&base, &moved_and_changed, &deleted, Resolve::Conflict);
    assert_eq!(merged.conflicts, 1, "{}", merged.text);
    assert!(merged
        .text
        .contains("<<<<<<< ours\n| api | 2 | 30010-30019 | Staging | active | ci |\n=======\n>>>>>>> theirs\n"));
    assert_eq!(merged.text.matches("| api | 2 |").count(), 1, "{}", merged.text);
}

#[test]
fn a_row_both_sides_added_alike_in_two_places_comes_out_once() {
    let base = instances(&[(1, "Dev", "main"), (2, "Test", "ci"), (3, "QA", "qa")]);
    let ours = instances(&[(1, "Dev", "main"), (2, "Test", "ci"), (3, "QA", "qa"), (4, "New", "feat")]);
    let theirs = instances(&[(4, "New", "feat"), (1, "Dev", "main"), (2, "Test", "ci"), (3, "QA", "qa")]);
    let merged = run(&base, &ours, &theirs, Resolve::Conflict);
    assert!(merged.is_clean(), "{}", merged.text);
    assert_eq!(merged.text.matches("| api | 4 |").count(), 1, "{}", merged.text);
    assert_eq!(merged.text.matches("| api | ").count(), 4, "{}", merged.text);
}

#[test]
fn only_a_whole_conflict_outside_code_blocks_stops_edits() {
    use super::has_open_conflict;
    let table = "| Project | Ports |\n|---|---|\n| a | 30000-30099 |\n";
    let conflict = "<<<<<<< ours\n| b | 30100-30199 |\n=======\n| c | 30100-30199 |\n>>>>>>> theirs\n";
    assert!(has_open_conflict(&format!("{table}{conflict}")));
    assert!(has_open_conflict(&format!("{table}{}", conflict.replace('\n', "\r\n"))));
    assert!(has_open_conflict(&format!("{table}{}", conflict.replace('\n', "\r"))));
    // A page showing what a conflict looks like, fenced with backticks or tildes, indented up to 3 spaces.
    for fence in ["```", "~~~~", "   ```text"] {
        let close = fence.trim_start().trim_end_matches("text");
        assert!(!has_open_conflict(&format!("{table}\n{fence}\n{conflict}{close}\n")), "{fence}");
    }
    // A fence left open hides the rest, as markdown reads it.
    assert!(!has_open_conflict(&format!("{table}\n```\n{conflict}")));
    // Lines that only look like markers: a deep quote, an empty table row, a closer alone, an opener alone.
    for text in [">>>>>>> deep quote\n", "|||||||\n", ">>>>>>> theirs\n", "<<<<<<< ours\n", "=======\n"] {
        assert!(!has_open_conflict(&format!("{table}{text}")), "{text:?}");
    }
    // Sides that open different fences inside the conflict: still a conflict.
    assert!(has_open_conflict(&format!("{table}<<<<<<< ours\n````\n=======\n```\n>>>>>>> theirs\n")));
    // A line of inline code is no fence, so it hides nothing after it.
    assert!(has_open_conflict(&format!("```a`b\n{table}{conflict}")));
    // The checker agrees: no G702 marker in a fenced example.
    assert!(super::conflict_markers(&format!("{table}\n```\n{conflict}```\n")).is_empty());
    assert_eq!(super::conflict_markers(&format!("{table}{conflict}")).len(), 1);
    // An opener in a cell is no marker line.
    assert!(!has_open_conflict(&format!("{table}| <<<<<<< | >>>>>>> |\n")));
    assert!(!has_open_conflict(""));
}
