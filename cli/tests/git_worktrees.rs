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
    std::fs::write(&registry, gitrepo::API_REGISTRY).unwrap();
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
fn a_lease_that_cannot_print_what_was_asked_records_nothing() {
    let (repo, registry) = project();
    let wt = worktree(&repo, "feature/toml");
    let before = std::fs::read_to_string(&registry).unwrap();
    let out = repo.portreg_in(&wt, &["lease", registry_arg(&registry), "--no-supabase", "--format", "toml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("no supabase/config.toml"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("leased"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&registry).unwrap(), before);
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
    // A project named on the command line may not be this worktree's: the
    // command given records the instance wherever it runs.
    let named = run(&wt, &["env", "api", registry_arg(&registry), "--branch", "it's"]);
    assert!(
        stderr(&named).contains(&format!(
            "`portreg add-instance api --branch 'it'\\''s' {}` gives it one",
            registry_arg(&registry)
        )),
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

/// A worktree on a new `branch` that leases an instance and commits a file of its own.
fn lease_and_commit(repo: &Repo, registry: &Path, branch: &str) {
    let wt = worktree(repo, branch);
    assert!(repo.portreg_in(&wt, &["lease", registry_arg(registry)]).status.success());
    let file = format!("{branch}.txt");
    std::fs::write(wt.join(&file), branch).unwrap();
    repo.git_in(&wt, &["add", &file]);
    repo.git_in(&wt, &["commit", "-q", "-m", branch]);
}

/// Removes the worktree `lease_and_commit` made for `branch`.
fn remove_worktree(repo: &Repo, branch: &str) {
    repo.git(&["worktree", "remove", repo.home.path().join(format!("wt-{branch}")).to_str().unwrap()]);
}

#[test]
fn prune_archives_rows_of_merged_branches_and_leaves_unknown_ones() {
    let (repo, registry) = project();
    for branch in ["done", "dropped", "busy"] {
        lease_and_commit(&repo, &registry, branch);
    }
    for branch in ["done", "dropped"] {
        remove_worktree(&repo, branch);
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
fn prune_leaves_a_branch_no_merge_commit_names_and_says_so_truly() {
    let (repo, registry) = project();
    for branch in ["own-subject", "fast", "reset"] {
        lease_and_commit(&repo, &registry, branch);
        remove_worktree(&repo, branch);
    }
    // Merged under a subject of its own; fast-forwarded; fast-forwarded then reset away: all deleted.
    repo.git(&["merge", "-q", "--no-ff", "-m", "Ship the own-subject work", "own-subject"]);
    repo.git(&["rebase", "-q", "main", "fast"]);
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["merge", "-q", "--ff-only", "fast"]);
    repo.git(&["rebase", "-q", "main", "reset"]);
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["merge", "-q", "--ff-only", "reset"]);
    repo.git(&["reset", "-q", "--hard", "HEAD~1"]);
    for branch in ["own-subject", "fast", "reset"] {
        repo.git(&["branch", "-q", "-D", branch]);
    }
    let before = std::fs::read_to_string(&registry).unwrap();
    let pruned = repo.portreg(&["prune", registry_arg(&registry)]);
    assert_eq!(pruned.status.code(), Some(0), "{}", stderr(&pruned));
    let said = stderr(&pruned);
    for branch in ["own-subject", "fast", "reset"] {
        let reason = format!(
            "alone: no branch `{branch}` is here or on a remote, and no merge commit on `main` names it: an \
             environment, a branch deleted unmerged, or one merged without such a commit"
        );
        assert!(said.contains(&reason), "{said}");
    }
    assert_eq!(std::fs::read_to_string(&registry).unwrap(), before);
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

/// Runs the command a message quotes (the first one in backticks that
/// starts with `portreg `) with bash in `dir`, this portreg first on PATH.
fn run_quoted(repo: &Repo, dir: &Path, message: &str, stdin: Option<&Path>) -> std::process::Output {
    let command = message
        .split('`')
        .skip(1)
        .step_by(2)
        .find(|q| q.starts_with("portreg "))
        .unwrap_or_else(|| panic!("no command in {message}"));
    let bin = Path::new(env!("CARGO_BIN_EXE_portreg")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let mut bash = std::process::Command::new("bash");
    bash.args(["-c", command])
        .current_dir(dir)
        .env("HOME", repo.home.path())
        .env("PATH", path)
        .env_remove("PORTREG_REGISTRY");
    if let Some(file) = stdin {
        bash.stdin(std::fs::File::open(file).unwrap());
    }
    let out = bash.output().unwrap();
    assert!(out.status.success(), "`{command}` failed: {}", stderr(&out));
    out
}

#[test]
fn the_command_env_gives_for_a_missing_instance_records_it_as_written() {
    let (repo, registry) = project();
    let wt = worktree(&repo, "feature/login");
    // Named from outside the project's worktree, with a registry in a folder with a space.
    let dir = repo.home.path().join("team ports");
    std::fs::create_dir(&dir).unwrap();
    let moved = dir.join("ports.md");
    std::fs::rename(&registry, &moved).unwrap();
    let named = repo.portreg_in(repo.home.path(), &["env", "api", registry_arg(&moved), "--branch", "feature/login"]);
    assert_eq!(named.status.code(), Some(1));
    run_quoted(&repo, repo.home.path(), &stderr(&named), None);
    let env = repo.portreg_in(&wt, &["env", registry_arg(&moved)]);
    assert_eq!(env.status.code(), Some(0), "{}", stderr(&env));
    // add-instance takes the next free slot (instance 2), and env finds it for the branch.
    assert!(stdout(&env).contains("FRONTEND_PORT=30310\n"), "{}", stdout(&env));

    // The registry on standard input: the command reads it there too.
    let wt = worktree(&repo, "feature/other");
    let piped = repo
        .portreg_command(&wt)
        .args(["env", "api", "-", "--branch", "feature/other"])
        .stdin(std::fs::File::open(&moved).unwrap())
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(1), "{}", stderr(&piped));
    assert!(stderr(&piped).contains("`portreg add-instance api --branch feature/other -`"), "{}", stderr(&piped));
    let recorded = run_quoted(&repo, &wt, &stderr(&piped), Some(&moved));
    assert!(stdout(&recorded).ends_with("| feature/other |\n"), "{}", stdout(&recorded));
}

#[test]
fn the_file_env_says_to_pass_is_read_as_the_registry() {
    let (repo, registry) = project();
    let text = std::fs::read_to_string(&registry).unwrap().replace("| api |", "| my api |");
    std::fs::write(&registry, &text).unwrap();
    // A file named like the project, here, holding another registry.
    let other = text.replace("Block 3 | 30300-30399", "Block 9 | 30900-30999").replace("30300-30309", "30900-30909");
    repo.write("my api", &other);
    let out =
        repo.portreg_command(&repo.root).args(["env", "my api"]).env("PORTREG_REGISTRY", &registry).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("(pass `'./my api'` to use the file as the registry)"), "{}", stderr(&out));
    // As the note says: `portreg env './my api'` reads the file, with the project found by the worktree's Path.
    let out =
        repo.portreg_command(&repo.root).args(["env", "./my api"]).env("PORTREG_REGISTRY", &registry).output().unwrap();
    assert!(!stderr(&out).contains("is a project in"), "{}", stderr(&out));
    assert!(stdout(&out).contains("FRONTEND_PORT=30900\n"), "{}{}", stdout(&out), stderr(&out));
}

#[test]
fn prune_says_archived_only_once_the_registry_holds_it() {
    let (repo, registry) = project();
    let wt = worktree(&repo, "done");
    assert!(repo.portreg_in(&wt, &["lease", registry_arg(&registry)]).status.success());
    std::fs::write(wt.join("work.txt"), "done").unwrap();
    repo.git_in(&wt, &["add", "work.txt"]);
    repo.git_in(&wt, &["commit", "-q", "-m", "done"]);
    repo.git(&["worktree", "remove", wt.to_str().unwrap()]);
    repo.git(&["merge", "-q", "--no-ff", "--no-edit", "done"]);
    let before = std::fs::read_to_string(&registry).unwrap();

    // Read from standard input: the result is printed, and the note says so.
    let piped = repo
        .portreg_command(&repo.root)
        .args(["prune", "-"])
        .stdin(std::fs::File::open(&registry).unwrap())
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(0), "{}", stderr(&piped));
    assert_eq!(stdout(&piped), before.replace("active | done |", "archived | done |"));
    assert_eq!(
        stderr(&piped),
        "portreg: would archive instance 3 of `api`: branch `done` is merged into `main` and checked out nowhere \
         (the result was printed; standard input is never written back)\n"
    );

    // A registry that cannot be written: the failure, and no word of an archived row.
    let mut permissions = std::fs::metadata(&registry).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&registry, permissions).unwrap();
    let refused = repo.portreg(&["prune", registry_arg(&registry)]);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(stderr(&refused), format!("portreg: {} is read-only; not changed\n", registry.display()));
    assert_eq!(std::fs::read_to_string(&registry).unwrap(), before);
}
