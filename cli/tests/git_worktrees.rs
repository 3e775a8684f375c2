//! `lease`, `env` and `prune` in real worktrees (`git worktree add`), with
//! the registry kept outside the project's repository.

mod gitrepo;

use std::path::{Path, PathBuf};

use gitrepo::{stderr, stdout, Repo};

/// A project repository at `repo/` and a registry beside it whose `api`
/// row's Path is the repository (written with `~`, HOME being the temp dir).
fn project() -> (Repo, PathBuf) {
    let repo = Repo::new("# api\n");
    let registry = repo.home.path().join("ports.md");
    let text = "| Project Name | Block | Ports | Path | Status |\n|---|---|---|---|---|\n\
                | api | Block 3 | 30300-30399 | ~/repo | active |\n\n\
                | Project | Instance | Ports | Purpose | Status | Branch/Environment |\n|---|---|---|---|---|---|\n\
                | api | 1 | 30300-30309 | Development/Main | active | main |\n";
    std::fs::write(&registry, text).unwrap();
    (repo, registry)
}

/// A linked worktree of `repo` on a new branch `branch`.
fn worktree(repo: &Repo, branch: &str) -> PathBuf {
    let dir = repo.home.path().join(format!("wt-{}", branch.replace('/', "-")));
    repo.git(&["worktree", "add", "-q", "-b", branch, dir.to_str().unwrap()]);
    dir.canonicalize().unwrap()
}

fn registry_arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn lease_gives_a_worktree_the_next_free_instance_once() {
    let (repo, registry) = project();
    let wt = worktree(&repo, "feature/login");
    let first = repo.portreg_in(&wt, &["lease", registry_arg(&registry)]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(stdout(&first).contains("FRONTEND_PORT=30320\n"), "{}", stdout(&first));
    assert!(stderr(&first).contains("leased instance 3 (30320-30329) of `api` to branch `feature/login`"));
    let text = std::fs::read_to_string(&registry).unwrap();
    assert!(text.ends_with("| api | 3 | 30320-30329 | Feature Branch 1 | active | feature/login |\n"), "{text}");
    let again = repo.portreg_in(&wt, &["lease", registry_arg(&registry)]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(stdout(&again), stdout(&first));
    assert_eq!(std::fs::read_to_string(&registry).unwrap(), text);
    let main = repo.portreg_in(&repo.root, &["lease", registry_arg(&registry), "--format", "compose"]);
    assert!(stdout(&main).contains("30300"), "{}", stdout(&main));
    assert_eq!(std::fs::read_to_string(&registry).unwrap(), text);
}

#[test]
fn env_in_a_worktree_prints_its_branchs_instance() {
    let (repo, registry) = project();
    let wt = worktree(&repo, "feature/login");
    let run = |dir: &Path, args: &[&str]| {
        repo.portreg_command(dir).args(args).env("PORTREG_REGISTRY", &registry).output().unwrap()
    };
    let before = run(&wt, &["env"]);
    assert_eq!(before.status.code(), Some(1));
    assert!(stderr(&before)
        .contains("no instance of `api` is recorded for branch `feature/login`; `portreg lease` gives it one"));
    let named = run(&wt, &["env", "api", registry_arg(&registry), "--branch", "it's"]);
    assert!(
        stderr(&named)
            .contains(&format!("`portreg lease {} --branch 'it'\\''s'` gives it one", registry_arg(&registry))),
        "{}",
        stderr(&named)
    );
    assert!(repo.portreg_in(&wt, &["lease", registry_arg(&registry)]).status.success());
    let env = run(&wt, &["env"]);
    assert_eq!(env.status.code(), Some(0), "{}", stderr(&env));
    assert!(stdout(&env).contains("FRONTEND_PORT=30320\n"));
    let by_file = repo.portreg_in(&wt, &["env", registry_arg(&registry)]);
    assert_eq!(stdout(&by_file), stdout(&env), "{}", stderr(&by_file));
    let main = run(&repo.root, &["env", "--format", "env"]);
    assert!(stdout(&main).contains("FRONTEND_PORT=30300\n"));
    let named = run(&wt, &["env", "api", "--branch", "main"]);
    assert!(stdout(&named).contains("FRONTEND_PORT=30300\n"));
    let elsewhere = run(repo.home.path(), &["env"]);
    assert_eq!(elsewhere.status.code(), Some(2));
}

#[test]
fn prune_archives_rows_of_merged_branches_and_leaves_unknown_ones() {
    let (repo, registry) = project();
    for branch in ["done", "dropped", "busy"] {
        let wt = worktree(&repo, branch);
        assert!(repo.portreg_in(&wt, &["lease", registry_arg(&registry)]).status.success());
        std::fs::write(wt.join("work.txt"), branch).unwrap();
        repo.git_in(&wt, &["add", "work.txt"]);
        repo.git_in(&wt, &["commit", "-q", "-m", branch]);
    }
    for branch in ["done", "dropped"] {
        repo.git(&["worktree", "remove", repo.home.path().join(format!("wt-{branch}")).to_str().unwrap()]);
    }
    repo.git(&["merge", "-q", "--no-ff", "--no-edit", "done"]);
    repo.git(&["branch", "-D", "dropped"]);
    let before = std::fs::read_to_string(&registry).unwrap();
    let dry = repo.portreg(&["prune", registry_arg(&registry), "--dry-run"]);
    assert_eq!(dry.status.code(), Some(0));
    insta::assert_snapshot!(stderr(&dry));
    assert_eq!(std::fs::read_to_string(&registry).unwrap(), before);
    let pruned = repo.portreg(&["prune", registry_arg(&registry)]);
    assert_eq!(pruned.status.code(), Some(0), "{}", stderr(&pruned));
    let after = std::fs::read_to_string(&registry).unwrap();
    assert_eq!(after, before.replace("active | done |", "archived | done |"));
    let again = repo.portreg(&["prune", registry_arg(&registry)]);
    assert!(stderr(&again).contains("no instance of `api` to prune"));
    assert_eq!(std::fs::read_to_string(&registry).unwrap(), after);
}

#[test]
fn two_worktrees_leasing_at_once_take_turns_and_two_slots() {
    let (repo, registry) = project();
    let dirs = [worktree(&repo, "one"), worktree(&repo, "two")];
    let children: Vec<_> = dirs
        .iter()
        .map(|dir| {
            repo.portreg_command(dir)
                .args(["lease", registry_arg(&registry)])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let text = std::fs::read_to_string(&registry).unwrap();
    assert!(text.contains("| 30320-30329 |") && text.contains("| 30330-30339 |"), "{text}");
    assert!(text.contains("| one |\n") && text.contains("| two |\n"), "{text}");
    let stdin = repo.portreg_in(&dirs[0], &["lease", "-"]);
    assert_eq!(stdin.status.code(), Some(2));
}

/// Appends instance rows to the registry.
fn add_rows(registry: &Path, rows: &[&str]) {
    let mut text = std::fs::read_to_string(registry).unwrap();
    rows.iter().for_each(|row| text.push_str(&format!("{row}\n")));
    std::fs::write(registry, text).unwrap();
}

#[test]
fn prune_archives_exactly_the_rows_it_names_and_never_an_environment() {
    let (repo, registry) = project();
    let wt = worktree(&repo, "done");
    std::fs::write(wt.join("work.txt"), "done").unwrap();
    repo.git_in(&wt, &["add", "work.txt"]);
    repo.git_in(&wt, &["commit", "-q", "-m", "done"]);
    repo.git(&["worktree", "remove", wt.to_str().unwrap()]);
    repo.git(&["merge", "-q", "--no-ff", "--no-edit", "done"]);
    repo.git(&["branch", "-q", "-D", "done"]);
    repo.git(&["branch", "live"]);
    add_rows(
        &registry,
        &[
            "| api | 4 | 30340-30349 | Test/CI | active | done |",
            "| api | 4 | 30340-30349 | Test/CI | active | live |",
            "| api | 5 | 30350-30359 | Test/CI | active | ci |",
            "| api | 6 | 30360-30369 | Test/CI | active | staging |",
            "| api | 7 | 30370-30379 | Test/CI | active | Main |",
        ],
    );
    let before = std::fs::read_to_string(&registry).unwrap();
    let dry = repo.portreg(&["prune", registry_arg(&registry), "--dry-run"]);
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    insta::assert_snapshot!(stderr(&dry));
    let pruned = repo.portreg(&["prune", registry_arg(&registry)]);
    assert_eq!(pruned.status.code(), Some(0), "{}", stderr(&pruned));
    let after = std::fs::read_to_string(&registry).unwrap();
    assert_eq!(after, before.replace("active | done |", "archived | done |"));
}

#[test]
fn prune_leaves_a_branch_a_remote_still_has_when_the_default_is_another() {
    let (origin, registry) = project();
    origin.git(&["branch", "develop"]);
    let url = format!("file://{}", origin.root.display());
    origin.git_in(origin.home.path(), &["clone", "-q", "-b", "develop", &url, "clone"]);
    let clone = origin.home.path().join("clone");
    origin.git_in(&clone, &["remote", "set-head", "origin", "develop"]);
    origin.git_in(&clone, &["branch", "-q", "main", "origin/main"]);
    let text = std::fs::read_to_string(&registry).unwrap().replace("~/repo", "~/clone");
    std::fs::write(&registry, &text).unwrap();
    let pruned = origin.portreg_in(&clone, &["prune", registry_arg(&registry)]);
    assert_eq!(pruned.status.code(), Some(0), "{}", stderr(&pruned));
    assert!(stderr(&pruned).contains("no instance of `api` to prune"), "{}", stderr(&pruned));
    assert_eq!(std::fs::read_to_string(&registry).unwrap(), text);
}

#[test]
fn lease_and_prune_outside_any_projects_path_say_to_set_the_path() {
    let (repo, registry) = project();
    let text = std::fs::read_to_string(&registry).unwrap().replace("~/repo", "~/elsewhere");
    std::fs::write(&registry, text).unwrap();
    for command in ["lease", "prune"] {
        let out = repo.portreg(&[command, registry_arg(&registry)]);
        assert_eq!(out.status.code(), Some(1), "{command}");
        assert!(stderr(&out).contains("set the project's Path in the registry"), "{command}: {}", stderr(&out));
        assert!(!stderr(&out).contains("pass the project's name"), "{command}: {}", stderr(&out));
    }
}

#[test]
fn env_name_that_is_a_project_and_a_file_reads_the_project_and_says_so() {
    let (repo, registry) = project();
    repo.write("api", "not a registry\n");
    let out =
        repo.portreg_command(&repo.root).args(["env", "api"]).env("PORTREG_REGISTRY", &registry).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("FRONTEND_PORT=30300\n"), "{}", stdout(&out));
    assert!(stderr(&out).contains("`api` is a project in"), "{}", stderr(&out));
    assert!(stderr(&out).contains("pass `./api`"), "{}", stderr(&out));
}

#[test]
fn lease_keeps_instance_1_for_the_default_branch_and_never_repeats_a_number() {
    let (repo, registry) = project();
    let text = std::fs::read_to_string(&registry).unwrap().replace(
        "| api | 1 | 30300-30309 | Development/Main | active | main |\n",
        "| api | 3 | 30320-30329 | Feature Branch 1 | archived | old |\n",
    );
    std::fs::write(&registry, &text).unwrap();
    let wt = worktree(&repo, "feature/x");
    let feature = repo.portreg_in(&wt, &["lease", registry_arg(&registry)]);
    assert_eq!(feature.status.code(), Some(0), "{}", stderr(&feature));
    assert!(stderr(&feature).contains("leased instance 4 (30330-30339)"), "{}", stderr(&feature));
    let main = repo.portreg(&["lease", registry_arg(&registry)]);
    assert_eq!(main.status.code(), Some(0), "{}", stderr(&main));
    assert!(stderr(&main).contains("leased instance 1 (30300-30309) of `api` to branch `main`"), "{}", stderr(&main));
}
