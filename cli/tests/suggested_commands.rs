//! Every `portreg` command a finding suggests works as written: run by a
//! shell, in a folder holding the rule's fixture as `ports.md`, it succeeds.

use std::path::Path;
use std::process::Command;

use portreg_core::{check, Date, Policy, RULES};

#[test]
fn every_suggested_command_runs() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/rules");
    let mut ran = 0;
    for rule in RULES {
        let source = std::fs::read_to_string(fixtures.join(format!("{}.md", rule.code))).unwrap();
        let today = Date::parse("2025-01-15").unwrap();
        for finding in check(&source, &Policy::default(), today) {
            for command in commands(&finding.help) {
                run_beside("sh", &source, &command)
                    .unwrap_or_else(|output| panic!("{}: `{command}` failed:\n{output}", rule.code));
                ran += 1;
            }
        }
    }
    assert!(ran >= 5, "only {ran} suggested commands found");
}

/// Runs `command` in `shell`, in a folder holding `source` as `ports.md`,
/// with the built `portreg` first on the path; its output when it fails.
fn run_beside(shell: &str, source: &str, command: &str) -> Result<(), String> {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_portreg")).parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ports.md"), source).unwrap();
    let output = Command::new(shell)
        .args(["-c", &format!("{command} 2>&1")])
        .current_dir(dir.path())
        .env("PATH", &path)
        .env_remove("PORTREG_REGISTRY")
        .output()
        .unwrap();
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stdout).into_owned())
    }
}

/// A registry whose names start with `-` (first) or hold a bidirectional
/// mark (second) on the rows that make check and usage suggest a command:
/// I301 (reserve), R202 and R203 (migrate, env), U602 (add-instance), U606
/// and U608 (set-status).
fn hostile_registry(prefix: &str, mark: &str) -> String {
    format!(
        "| Project Name | Block | Ports | Path | Status | Owner | Date |\n|---|---|---|---|---|---|---|\n\
         | {prefix}api{mark} | Block 5 | 30500-30599 | ~/a | active | o | 2025-01-02 |\n\
         | {prefix}old{mark} |  | 3000 | ~/o | legacy | o | 2025-01-02 |\n\
         | {prefix}supa{mark} | Block 6 | 30600-30699, 54321-54323 | ~/s | active | o | 2025-01-02 |\n\n\
         | Project | Instance | Ports | Purpose | Status | Branch/Environment |\n|---|---|---|---|---|---|\n\
         | {prefix}api{mark} | 1 | 30500-30509 | Development/Main | active | main |\n\
         | {prefix}api{mark} | 2 | 30510-30519 | Test | inactive | ci |\n\
         | {prefix}ghost{mark} | 1 | 30700-30709 | Development/Main | active | main |\n"
    )
}

/// Every help of check and of usage (on a listing taken as whole) for `source`.
fn helps(source: &str) -> Vec<(String, String)> {
    let today = Date::parse("2025-01-15").unwrap();
    let lsof = "COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME\n\
                node 1 a 3u IPv4 1 0t0 TCP 127.0.0.1:30511 (LISTEN)\n\
                node 2 a 3u IPv4 1 0t0 TCP 127.0.0.1:30520 (LISTEN)\n";
    let mut listing = portreg_core::usage::parse(lsof).unwrap();
    listing.whole = true;
    let document = portreg_core::Document::new(source, Policy::default());
    let mut found = check(source, &Policy::default(), today);
    found.extend(document.usage(&listing, today));
    found.iter().map(|d| (d.code().to_owned(), d.help.clone())).collect()
}

/// The `portreg` commands quoted in `help`.
fn commands(help: &str) -> Vec<String> {
    help.split('`').skip(1).step_by(2).filter(|q| q.starts_with("portreg ")).map(str::to_owned).collect()
}

#[test]
fn commands_for_names_starting_with_a_dash_run_as_written() {
    let source = hostile_registry("-", "");
    let mut codes = Vec::new();
    for (code, help) in helps(&source) {
        for command in commands(&help) {
            run_beside("bash", &source, &command)
                .unwrap_or_else(|output| panic!("{code}: `{command}` failed:\n{output}"));
            codes.push(code.clone());
        }
    }
    for code in ["I301", "R202", "R203", "U602", "U606", "U608"] {
        assert!(codes.iter().any(|c| c == code), "no command run for {code}: {codes:?}");
    }
}

#[test]
fn no_command_is_suggested_for_a_name_portreg_refuses() {
    for mark in ["\u{200f}", "&#x61C;"] {
        let source = hostile_registry("", mark);
        let character =
            if mark == "\u{200f}" { "U+200F, a bidirectional mark" } else { "U+061C, a bidirectional mark" };
        let mut codes = Vec::new();
        for (code, help) in helps(&source) {
            if code == "P007" || !help.contains("portreg") && !help.contains("P007") {
                continue;
            }
            assert!(commands(&help).is_empty(), "{code}: {help}");
            assert!(
                help.contains(character) && help.contains("remove the character from the cell (P007)"),
                "{code}: {help}"
            );
            codes.push(code);
        }
        for code in ["I301", "R202", "R203", "U602", "U606", "U608"] {
            assert!(codes.iter().any(|c| c == code), "{mark}: no refusal for {code}: {codes:?}");
        }
    }
}

/// A registry that is not portreg's default, with a hostile file name, in a
/// folder that also holds a `ports.md`, for a person whose `~/_ai/ports.md`
/// exists too: the two decoys a command without the file would act on.
struct Elsewhere {
    dir: tempfile::TempDir,
    file: &'static str,
}

const DECOY: &str =
    "| Project Name | Block | Ports | Status |\n|---|---|---|---|\n| decoy | Block 9 | 30900-30999 | active |\n";

impl Elsewhere {
    fn new(source: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let file = "-team $(touch pwned) ports.md";
        std::fs::write(dir.path().join(file), source).unwrap();
        std::fs::write(dir.path().join("ports.md"), DECOY).unwrap();
        std::fs::create_dir_all(dir.path().join("home/_ai")).unwrap();
        std::fs::write(dir.path().join("home/_ai/ports.md"), DECOY).unwrap();
        Self { dir, file }
    }

    /// Runs `command` in bash in the folder, with the built portreg first on
    /// the path; its standard output, or what it said when it failed.
    fn run(&self, command: &str) -> Result<String, String> {
        let bin_dir = Path::new(env!("CARGO_BIN_EXE_portreg")).parent().unwrap().to_path_buf();
        let output = Command::new("bash")
            .args(["-c", command])
            .current_dir(self.dir.path())
            .env("PATH", format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default()))
            .env("HOME", self.dir.path().join("home"))
            .env_remove("PORTREG_REGISTRY")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&output.stdout).into_owned();
        if output.status.success() {
            Ok(said)
        } else {
            Err(format!("{said}{}", String::from_utf8_lossy(&output.stderr)))
        }
    }

    /// What `command` printed, whether it succeeded or found problems.
    fn output(&self, command: &str) -> String {
        self.run(command).unwrap_or_else(|said| said)
    }

    fn registry(&self) -> String {
        std::fs::read_to_string(self.dir.path().join(self.file)).unwrap()
    }

    /// Neither decoy changed, and nothing in a name ran.
    fn assert_decoys_untouched(&self) {
        assert_eq!(std::fs::read_to_string(self.dir.path().join("ports.md")).unwrap(), DECOY);
        assert_eq!(std::fs::read_to_string(self.dir.path().join("home/_ai/ports.md")).unwrap(), DECOY);
        assert!(!self.dir.path().join("pwned").exists());
    }
}

#[test]
fn the_commands_a_check_or_usage_of_a_named_registry_suggests_act_on_that_registry() {
    let place = Elsewhere::new(&hostile_registry("", ""));
    let lsof = "COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME\n\
                node 1 a 3u IPv4 1 0t0 TCP 127.0.0.1:30511 (LISTEN)\n\
                node 2 a 3u IPv4 1 0t0 TCP 127.0.0.1:30520 (LISTEN)\n";
    std::fs::write(place.dir.path().join("lsof.txt"), lsof).unwrap();
    let file = "'./-team $(touch pwned) ports.md'";
    let check = place.output(&format!("portreg check {file} --today 2025-01-15"));
    let usage = place.output(&format!("portreg usage {file} --listing lsof.txt --whole --today 2025-01-15"));
    let suggested: Vec<String> = commands(&check).into_iter().chain(commands(&usage)).collect();
    for expected in [
        format!("portreg reserve ghost {file}"),
        format!("portreg migrate old {file}"),
        format!("portreg env supa {file} --format toml"),
        format!("portreg add-instance api {file} --instance 3"),
        format!("portreg set-status api active {file} --instance 2"),
    ] {
        assert!(suggested.contains(&expected), "`{expected}` not in {suggested:#?}");
    }
    for command in &suggested {
        place.run(command).unwrap_or_else(|said| panic!("`{command}` failed:\n{said}"));
    }
    place.assert_decoys_untouched();
    let registry = place.registry();
    assert!(registry.contains("| ghost | Block "), "{registry}");
}

#[test]
fn a_registry_read_on_standard_input_is_named_as_standard_input_in_the_commands() {
    let place = Elsewhere::new(&hostile_registry("", ""));
    let check = place.output("portreg check - --today 2025-01-15 < './-team $(touch pwned) ports.md'");
    let suggested = commands(&check);
    assert!(suggested.contains(&"portreg reserve ghost -".to_owned()), "{suggested:?}");
    assert!(suggested.iter().all(|c| c.contains(" - ") || c.ends_with(" -")), "{suggested:?}");
    // Run as printed with the registry on standard input again, it prints the result and changes no file.
    let reserved = place.run("portreg reserve ghost - < './-team $(touch pwned) ports.md'").unwrap();
    assert!(reserved.contains("| ghost | Block "), "{reserved}");
    place.assert_decoys_untouched();
    assert_eq!(place.registry(), hostile_registry("", ""));
}

#[test]
fn a_migration_plan_and_the_next_instance_script_name_the_registry_they_were_made_from() {
    let place = Elsewhere::new(&hostile_registry("", ""));
    let file = "'./-team $(touch pwned) ports.md'";
    let plan = place.run(&format!("portreg migrate old {file} --today 2025-01-15")).unwrap();
    let env = format!("portreg env --format scripts old {file}");
    assert!(plan.contains(&format!("`{env}`")), "{plan}");
    // Step 1 applies the registry edits; step 5's command then writes the scripts.
    place.run(&format!("portreg migrate old {file} --write --today 2025-01-15")).unwrap();
    place.run(&env).unwrap_or_else(|said| panic!("`{env}` failed:\n{said}"));

    let script = place.run(&format!("portreg env api {file} --format next-instance-sh")).unwrap();
    std::fs::write(place.dir.path().join("next-instance.sh"), script).unwrap();
    let next = place.run(&format!("bash next-instance.sh {file}")).unwrap();
    let command = next.lines().last().unwrap().strip_prefix("its .env: ").unwrap_or_else(|| panic!("{next}"));
    assert!(command.ends_with("-- api ./-team\\ \\$\\(touch\\ pwned\\)\\ ports.md"), "{command}");
    let dotenv = place.run(command).unwrap_or_else(|said| panic!("`{command}` failed:\n{said}"));
    assert!(dotenv.contains("=305"), "{dotenv}");
    // Named bare, the file starts with `-`: with portreg on the path and without it, the same answer.
    let bare = "bash next-instance.sh '-team $(touch pwned) ports.md'";
    let with = place.run(bare).unwrap_or_else(|said| panic!("with portreg: {said}"));
    let without = Command::new("bash")
        .args(["-c", bare])
        .current_dir(place.dir.path())
        .env("PATH", "/usr/bin:/bin")
        .output()
        .unwrap();
    assert!(without.status.success(), "{}", String::from_utf8_lossy(&without.stderr));
    let first_line = |text: &str| text.lines().next().unwrap_or_default().to_owned();
    assert_eq!(first_line(&with), first_line(&String::from_utf8_lossy(&without.stdout)));
    assert_eq!(first_line(&with), first_line(&next));
    place.assert_decoys_untouched();
}
