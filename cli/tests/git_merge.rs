//! The merge driver in real repositories: installed by `git-setup`, run by
//! `git merge` and `git rebase` on registries two branches changed.

mod gitrepo;

use gitrepo::{stderr, stdout, Repo, REGISTRY};

const X_ROW: &str = "| x | Block 1 | 30100-30199 |  | reserved |  | 2025-01-15 |";
const Y_ROW: &str = "| y | Block 1 | 30100-30199 |  | reserved |  | 2025-01-15 |";

/// A repository with the driver installed (`setup` passed to git-setup),
/// `x` reserved on branch `feature` and `y` on `main` meanwhile.
fn two_reservations(setup: &[&str]) -> Repo {
    let repo = Repo::new(REGISTRY);
    repo.setup_driver(setup);
    repo.branch("feature", |r| r.reserve("x"));
    repo.reserve("y");
    repo.commit_all("y");
    repo
}

#[test]
fn git_setup_says_what_it_did_and_a_second_run_changes_nothing() {
    let repo = Repo::new(REGISTRY);
    let first = repo.portreg(&["git-setup"]);
    assert!(first.status.success());
    assert!(stderr(&first).contains("added `/ports.md merge=portreg`"), "{}", stderr(&first));
    assert_eq!(repo.read(".gitattributes"), "/ports.md merge=portreg\n");
    let driver = repo.git(&["config", "--local", "--get", "merge.portreg.driver"]);
    assert!(driver.trim_end().ends_with(" merge-driver --marker-size %L %O %A %B %P"), "{driver}");
    let config = std::fs::read(repo.root.join(".git/config")).unwrap();
    let second = repo.portreg(&["git-setup"]);
    assert!(second.status.success());
    assert!(stderr(&second).contains("already has"), "{}", stderr(&second));
    assert!(!stderr(&second).contains("set git config"), "{}", stderr(&second));
    assert_eq!(repo.read(".gitattributes"), "/ports.md merge=portreg\n");
    assert_eq!(std::fs::read(repo.root.join(".git/config")).unwrap(), config);
    let attr = repo.git(&["check-attr", "merge", "--", "ports.md"]);
    assert_eq!(attr, "ports.md: merge: portreg\n");
}

#[test]
fn two_branches_reserving_at_once_conflict_around_those_rows_only() {
    let repo = two_reservations(&[]);
    let merge = repo.git_output(&repo.root, &["merge", "--no-edit", "feature"]);
    assert!(!merge.status.success());
    let text = repo.read("ports.md");
    let conflict = format!(
        "<<<<<<< ours (portreg: both sides claim block 1 (30100-30199); block 2 (30200-30299) is free on both sides)\n\
         {Y_ROW}\n=======\n{X_ROW}\n>>>>>>> theirs\n"
    );
    assert_eq!(text, REGISTRY.replace("2025-01-02 |\n\n", &format!("2025-01-02 |\n{conflict}\n")));
    let check = repo.portreg(&["check", "ports.md", "--today", "2025-01-15", "--select", "G"]);
    assert_eq!(check.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&check));
}

#[test]
fn two_branches_reserving_at_once_merge_cleanly_when_the_driver_moves() {
    let repo = two_reservations(&["--resolve", "move"]);
    let merge = repo.git_output(&repo.root, &["merge", "--no-edit", "feature"]);
    assert!(merge.status.success(), "{}", stderr(&merge));
    let moved = X_ROW.replace("Block 1 | 30100-30199", "Block 2 | 30200-30299");
    assert_eq!(
        repo.read("ports.md"),
        REGISTRY.replace("2025-01-02 |\n\n", &format!("2025-01-02 |\n{Y_ROW}\n{moved}\n\n"))
    );
    let said = String::from_utf8_lossy(&merge.stdout).into_owned() + &stderr(&merge);
    assert!(said.contains("moved `x` from 30100-30199 to block 2 (30200-30299)"), "{said}");
    let check = repo.portreg(&["check", "ports.md", "--today", "2025-01-15"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

#[test]
fn a_rebase_moves_the_replayed_branchs_project() {
    let repo = two_reservations(&["--resolve", "move"]);
    repo.git(&["checkout", "-q", "feature"]);
    let rebase = repo.git_output(&repo.root, &["rebase", "main"]);
    assert!(rebase.status.success(), "{}", stderr(&rebase));
    let text = repo.read("ports.md");
    assert!(text.contains(&format!("{Y_ROW}\n| x | Block 2 | 30200-30299 |")), "{text}");
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
}

#[test]
fn a_rebase_without_moving_stops_at_the_collision() {
    let repo = two_reservations(&[]);
    repo.git(&["checkout", "-q", "feature"]);
    let rebase = repo.git_output(&repo.root, &["rebase", "main"]);
    assert!(!rebase.status.success());
    assert!(repo.read("ports.md").contains("<<<<<<< ours (portreg: both sides claim block 1"));
    repo.git(&["rebase", "--abort"]);
}

#[test]
fn disjoint_edits_on_both_sides_merge() {
    let repo = Repo::new(REGISTRY);
    repo.setup_driver(&[]);
    repo.branch("feature", |r| {
        let out = r.portreg(&["add-instance", "api", "ports.md", "--branch", "feature/x"]);
        assert!(out.status.success(), "{}", stderr(&out));
    });
    let status = repo.portreg(&["set-status", "api", "inactive", "ports.md", "--today", "2025-01-20"]);
    assert!(status.status.success());
    repo.commit_all("inactive");
    let merge = repo.git_output(&repo.root, &["merge", "--no-edit", "feature"]);
    assert!(merge.status.success(), "{}", stderr(&merge));
    let expected = REGISTRY
        .replace("| active | ana | 2025-01-02 |", "| inactive | ana | 2025-01-20 |")
        .replace("| main |\n", "| main |\n| api | 2 | 30010-30019 | Test/CI | active | feature/x |\n");
    assert_eq!(repo.read("ports.md"), expected);
}

#[test]
fn the_same_edit_on_both_sides_is_taken_once() {
    let repo = Repo::new(REGISTRY);
    repo.setup_driver(&[]);
    let edit = |r: &Repo| {
        let out = r.portreg(&["add-instance", "api", "ports.md", "--branch", "ci", "--purpose", "CI"]);
        assert!(out.status.success());
    };
    repo.branch("feature", edit);
    edit(&repo);
    repo.commit_all("same");
    let merge = repo.git_output(&repo.root, &["merge", "--no-edit", "feature"]);
    assert!(merge.status.success(), "{}", stderr(&merge));
    assert_eq!(repo.read("ports.md").matches("| ci |").count(), 1);
}

#[test]
fn prose_around_the_tables_merges_as_git_would() {
    let repo = Repo::new(REGISTRY);
    repo.setup_driver(&[]);
    repo.branch("feature", |r| r.write("ports.md", &REGISTRY.replace("Notes at the end.", "Notes, longer.")));
    repo.write("ports.md", &REGISTRY.replace("Team registry.", "The team's registry."));
    repo.commit_all("intro");
    let merge = repo.git_output(&repo.root, &["merge", "--no-edit", "feature"]);
    assert!(merge.status.success(), "{}", stderr(&merge));
    assert_eq!(
        repo.read("ports.md"),
        REGISTRY.replace("Team registry.", "The team's registry.").replace("Notes at the end.", "Notes, longer.")
    );
    repo.branch("other", |r| r.write("ports.md", &r.read("ports.md").replace("Notes, longer.", "Theirs.")));
    repo.write("ports.md", &repo.read("ports.md").replace("Notes, longer.", "Ours."));
    repo.commit_all("ours");
    let merge = repo.git_output(&repo.root, &["merge", "--no-edit", "other"]);
    assert!(!merge.status.success());
    assert!(
        repo.read("ports.md").ends_with("<<<<<<< ours\nOurs.\n=======\nTheirs.\n>>>>>>> theirs\n"),
        "{}",
        repo.read("ports.md")
    );
    let check = repo.portreg(&["check", "ports.md", "--today", "2025-01-15"]);
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    assert!(stdout(&check).contains("error[G702] a merge conflict is left here"), "{}", stdout(&check));
}

#[test]
fn crlf_registries_merge_as_crlf() {
    let crlf = REGISTRY.replace('\n', "\r\n");
    let repo = Repo::new(&crlf);
    repo.setup_driver(&["--resolve", "move"]);
    repo.branch("feature", |r| r.reserve("x"));
    repo.reserve("y");
    repo.commit_all("y");
    let merge = repo.git_output(&repo.root, &["merge", "--no-edit", "feature"]);
    assert!(merge.status.success(), "{}", stderr(&merge));
    let text = repo.read("ports.md");
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    assert!(text.contains("| x | Block 2 | 30200-30299 |  | reserved |  | 2025-01-15 |\r\n"), "{text:?}");
}

#[test]
fn check_against_main_on_a_branch_behind_it_names_both_rows_and_a_free_block() {
    let repo = two_reservations(&[]);
    repo.git(&["checkout", "-q", "feature"]);
    let check = repo.portreg(&["check", "ports.md", "--against", "main", "--today", "2025-01-15"]);
    assert_eq!(check.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&check));
    let alone = repo.portreg(&["check", "ports.md", "--today", "2025-01-15"]);
    assert_eq!(alone.status.code(), Some(0));
    let github =
        repo.portreg(&["check", "ports.md", "--against", "main", "--format", "github", "--today", "2025-01-15"]);
    assert!(
        stdout(&github).starts_with("::error file=ports.md,line=8,title=G701 merge-collision::"),
        "{}",
        stdout(&github)
    );
    repo.git(&["checkout", "-q", "main"]);
    let same = repo.portreg(&["check", "ports.md", "--against", "main", "--today", "2025-01-15"]);
    assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));
}

#[test]
fn check_against_refuses_a_ref_that_reads_as_an_option_or_does_not_exist() {
    let repo = Repo::new(REGISTRY);
    for bad in ["--output=/tmp/x", "no-such-branch"] {
        let out = repo.portreg(&["check", "ports.md", &format!("--against={bad}")]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(stderr(&out).starts_with("portreg: "), "{}", stderr(&out));
    }
}

#[test]
fn two_branches_adding_an_instance_at_once_take_two_slots_when_moving() {
    let add = |r: &Repo, branch: &str| {
        let out = r.portreg(&["add-instance", "api", "ports.md", "--branch", branch]);
        assert!(out.status.success(), "{}", stderr(&out));
    };
    for (setup, clean) in [(&[][..], false), (&["--resolve", "move"][..], true)] {
        let repo = Repo::new(REGISTRY);
        repo.setup_driver(setup);
        repo.branch("feature", |r| add(r, "feature/b"));
        add(&repo, "feature/a");
        repo.commit_all("a");
        let merge = repo.git_output(&repo.root, &["merge", "--no-edit", "feature"]);
        assert_eq!(merge.status.success(), clean, "{}", stderr(&merge));
        let text = repo.read("ports.md");
        let a = "| api | 2 | 30010-30019 | Test/CI | active | feature/a |";
        if clean {
            let b = "| api | 3 | 30020-30029 | Test/CI | active | feature/b |";
            assert!(text.contains(&format!("{a}\n{b}\n")), "{text}");
        } else {
            assert!(text.contains(&format!("<<<<<<< ours (portreg: both sides claim instance slot 30010-30019; instance 3 (30020-30029) is free on both sides)\n{a}\n=======\n")), "{text}");
        }
    }
}

#[test]
fn check_against_in_a_shallow_clone_fails_and_says_to_fetch_the_history() {
    let repo = two_reservations(&[]);
    let url = format!("file://{}", repo.root.display());
    repo.git_in(repo.home.path(), &["clone", "-q", "--depth", "1", "--no-single-branch", &url, "shallow"]);
    let clone = repo.home.path().join("shallow");
    let check = repo.portreg_in(&clone, &["check", "ports.md", "--against", "origin/feature", "--today", "2025-01-15"]);
    assert_eq!(check.status.code(), Some(2), "{}", stdout(&check));
    assert!(stderr(&check).contains("fetch-depth: 0"), "{}", stderr(&check));
    assert!(stderr(&check).contains("shallow clone"), "{}", stderr(&check));
}

#[test]
fn check_against_in_a_crlf_checkout_finds_the_collision() {
    let repo = two_reservations(&[]);
    repo.git(&["config", "core.autocrlf", "true"]);
    repo.git(&["checkout", "-q", "feature"]);
    std::fs::remove_file(repo.root.join("ports.md")).unwrap();
    repo.git(&["checkout", "--", "ports.md"]);
    assert!(repo.read("ports.md").contains("\r\n"));
    let check = repo.portreg(&["check", "ports.md", "--against", "main", "--today", "2025-01-15"]);
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    assert!(stdout(&check).contains("G701"), "{}", stdout(&check));
    assert!(stdout(&check).contains("ports.md:8:"), "{}", stdout(&check));
}

#[test]
fn two_branches_creating_the_registry_merge_row_by_row() {
    let repo = Repo::new(REGISTRY);
    repo.setup_driver(&["--resolve", "move"]);
    repo.git(&["rm", "-q", "ports.md"]);
    repo.commit_all("no registry");
    repo.branch("feature", |r| {
        r.write("ports.md", REGISTRY);
        r.reserve("x");
        let out = r.portreg(&["add-instance", "api", "ports.md", "--branch", "feature/x"]);
        assert!(out.status.success(), "{}", stderr(&out));
    });
    repo.write("ports.md", REGISTRY);
    repo.reserve("y");
    repo.commit_all("y");
    let merge = repo.git_output(&repo.root, &["merge", "--no-edit", "feature"]);
    assert!(merge.status.success(), "{}", stderr(&merge));
    let moved = X_ROW.replace("Block 1 | 30100-30199", "Block 2 | 30200-30299");
    let instance = "| api | 2 | 30010-30019 | Test/CI | active | feature/x |";
    assert_eq!(
        repo.read("ports.md"),
        REGISTRY
            .replace("2025-01-02 |\n\n", &format!("2025-01-02 |\n{Y_ROW}\n{moved}\n\n"))
            .replace("| main |\n", &format!("| main |\n{instance}\n"))
    );
}

#[test]
fn the_driver_line_names_portreg_when_path_finds_this_binary() {
    let repo = Repo::new(REGISTRY);
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_portreg")).parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let setup = repo.portreg_command(&repo.root).arg("git-setup").env("PATH", &path).output().unwrap();
    assert!(setup.status.success(), "{}", stderr(&setup));
    let driver = repo.git(&["config", "--local", "--get", "merge.portreg.driver"]);
    assert_eq!(driver, "portreg merge-driver --marker-size %L %O %A %B %P\n");
    let elsewhere = Repo::new(REGISTRY);
    let setup = elsewhere.portreg(&["git-setup"]);
    assert!(stderr(&setup).contains("runs portreg by its full path"), "{}", stderr(&setup));
    let driver = elsewhere.git(&["config", "--local", "--get", "merge.portreg.driver"]);
    assert!(driver.starts_with('/') || driver.starts_with('\''), "{driver}");
}

#[test]
fn the_driver_honours_gits_conflict_marker_size_and_check_still_sees_the_conflict() {
    let repo = Repo::new(REGISTRY);
    repo.write(".gitattributes", "/ports.md conflict-marker-size=9\n");
    repo.setup_driver(&[]);
    repo.branch("feature", |r| r.reserve("x"));
    repo.reserve("y");
    repo.commit_all("y");
    let merge = repo.git_output(&repo.root, &["merge", "--no-edit", "feature"]);
    assert!(!merge.status.success());
    let text = repo.read("ports.md");
    assert!(text.contains("\n<<<<<<<<< ours (portreg: both sides claim block 1"), "{text}");
    assert!(text.contains("\n=========\n") && text.contains("\n>>>>>>>>> theirs\n"), "{text}");
    let check = repo.portreg(&["check", "ports.md", "--today", "2025-01-15", "--select", "G"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stdout(&check).contains("G702") && stdout(&check).contains("G701"), "{}", stdout(&check));
}

#[test]
fn check_against_finds_an_instance_row_left_in_a_block_its_project_moved_out_of() {
    let repo = Repo::new(REGISTRY);
    repo.branch("feature", |r| {
        let moved = REGISTRY
            .replace("| Block 0 | 30000-30099 |", "| Block 5 | 30500-30599 |")
            .replace("| 1 | 30000-30009 |", "| 1 | 30500-30509 |");
        r.write("ports.md", &moved);
    });
    let add = repo.portreg(&["add-instance", "api", "ports.md", "--branch", "feature/x"]);
    assert!(add.status.success(), "{}", stderr(&add));
    repo.commit_all("instance");
    let on_main = repo.portreg(&["check", "ports.md", "--against", "feature", "--today", "2025-01-15"]);
    assert_eq!(on_main.status.code(), Some(1), "{}", stdout(&on_main));
    assert!(
        stdout(&on_main).contains(
            "ports.md:12: error[G701] this row of `api` holds 30010-30019, in a block `feature` moved `api` out of"
        ),
        "{}",
        stdout(&on_main)
    );
    repo.git(&["checkout", "-q", "feature"]);
    let on_feature = repo.portreg(&["check", "ports.md", "--against", "main", "--today", "2025-01-15"]);
    assert_eq!(on_feature.status.code(), Some(1), "{}", stdout(&on_feature));
    assert!(
        stdout(&on_feature).contains(
            "ports.md:7: error[G701] `main` adds a row of `api` at 30010-30019, in the block `api` leaves here"
        ),
        "{}",
        stdout(&on_feature)
    );
}

#[test]
fn a_branch_that_sorts_the_table_merges_with_one_that_edits_a_row() {
    let registry = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/ports.md")).unwrap();
    let repo = Repo::new(&registry);
    repo.setup_driver(&[]);
    let is_row = |l: &str| l.starts_with("| ") && l.contains(" | Block ") && !l.starts_with("| Project Name |");
    let rows = |text: &str| text.lines().filter(|l| is_row(l)).count();
    // `sorted` puts the projects table's rows in reverse order; main sets one row inactive.
    repo.branch("sorted", |r| {
        let text = r.read("ports.md");
        let mut lines: Vec<&str> = text.lines().collect();
        let table: Vec<usize> = (0..lines.len()).filter(|&i| is_row(lines[i])).collect();
        let (first, last) = (table[0], table[table.len() - 1]);
        assert_eq!(last - first + 1, table.len());
        lines[first..=last].reverse();
        r.write("ports.md", &format!("{}\n", lines.join("\n")));
    });
    let status = repo.portreg(&["set-status", "spousey-app", "inactive", "ports.md", "--today", "2025-01-15"]);
    assert!(status.status.success(), "{}", stderr(&status));
    repo.commit_all("spousey-app inactive");
    let ours = repo.read("ports.md");
    let merge = repo.git_output(&repo.root, &["merge", "--no-edit", "sorted"]);
    assert!(merge.status.success(), "{}{}", stdout(&merge), stderr(&merge));
    let merged = repo.read("ports.md");
    assert_eq!(rows(&merged), rows(&ours), "{merged}");
    let spousey: Vec<&str> = merged.lines().filter(|l| is_row(l) && l.starts_with("| spousey-app |")).collect();
    assert_eq!(spousey.len(), 1, "{merged}");
    assert!(spousey[0].contains("| inactive |"), "{merged}");
    let check = repo.portreg(&["check", "ports.md", "--today", "2025-01-15", "--select", "B103,G"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}
