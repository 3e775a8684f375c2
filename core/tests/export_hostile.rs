//! Every export stays inert for any project name: the name only ever reaches
//! comment lines, where it cannot end the comment, so each file reads in its
//! own language as the same file for an ordinary name. Checked with the real
//! readers: bash and shellcheck run the scripts, `toml` and `yaml-rust2`
//! parse the config, and a small dotenv reader reads the env files.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use portreg_core::export::{
    app_env, check_ports_script, compose_ports, env_example, env_file, express_server, fastapi_command, for_slot,
    next_instance_script, next_scripts, ports_script, supabase_config, vite_config, InstancePorts,
};
use portreg_core::Policy;
use proptest::prelude::*;

/// The slot every case exports: instance 2 of block 5 (30510-30519).
fn ports_of(name: &str) -> InstancePorts {
    for_slot(&Policy::default(), name, 5, 2)
}

/// The same slot under an ordinary name: what every export must read as.
fn reference() -> InstancePorts {
    ports_of("my-project")
}

/// Names that try to become code in one format or another. `{pwned}` stands
/// for a marker file that no script may create.
fn hostile_names(pwned: &str) -> Vec<String> {
    let templates = [
        "a\ntouch {pwned}",
        "a\ntouch {pwned} #",
        "a\rtouch {pwned}",
        "a\r\ntouch {pwned}\n",
        "$(touch {pwned})",
        "`touch {pwned}`",
        "'; touch {pwned}; '",
        "\"; touch {pwned}; \"",
        "\\",
        "a\\\ntouch {pwned}",
        "${IFS}touch${IFS}{pwned}",
        ";touch {pwned};",
        "# not a comment",
        "x #",
        "\u{1b}[31mred\u{1b}[0m\u{1b}]0;title\u{7}",
        "bell\u{7}",
        "nul\0touch {pwned}",
        "tab\there",
        "del\u{7f}c1\u{85}\u{9b}",
        "🚀 rocket",
        "\u{202e}gnp.exe\u{202c}",
        "\u{2066}isolate\u{2069}",
        "\u{200f}rlm\u{200e}lrm\u{61c}alm",
        "price\u{200f} 10 \u{200e}-rf",
        "👩\u{200d}💻 joined",
        "line\u{2028}touch {pwned}\u{2029}",
        "*",
        "|",
        "-rf",
        "--env",
        "x\nservices:\n  evil:\n    image: evil",
        "x\n[api]\nport = 1",
        "x\nEVIL=1",
        "x\nTABLE\ntouch {pwned}",
        "x\nENV\ntouch {pwned}",
        "\"]\nproject_id = \"evil",
        "x\n---\nevil: 1",
        "\u{feff}bom\u{200b}zero width",
        "\u{fffe}\u{ffff}",
        "<script>alert(1)</script>",
        "%s%n{}",
        "My Project",
        "my_project",
        "",
    ];
    let mut names: Vec<String> = templates.iter().map(|t| t.replace("{pwned}", pwned)).collect();
    names.push("a".repeat(1024));
    names.push(format!("$(touch {pwned})\n").repeat(1024 / (pwned.len() + 10) + 1));
    names
}

/// Whether `c` may not appear in any export (the line end `\n` aside).
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FFFE}' | '\u{FFFF}')
}

/// `text` with each forbidden character as its `\u{..}` escape.
fn escaped(text: &str) -> String {
    text.chars()
        .map(|c| if forbidden(c) || c == '\n' { c.escape_unicode().to_string() } else { c.to_string() })
        .collect()
}

/// The exports of `ports` that name the project only in comments, by file
/// name (`next-instance.sh` also holds it as a shell word: see its own test).
fn exports(ports: &InstancePorts) -> [(&'static str, String); 11] {
    [
        (".env", env_file(ports)),
        (".env.example", env_example(ports)),
        ("config.toml", supabase_config(ports)),
        ("compose.yml", compose_ports(ports)),
        ("ports.sh", ports_script(ports)),
        ("check-ports.sh", check_ports_script(ports)),
        (".env.local", app_env(ports)),
        ("package.json", next_scripts(ports)),
        ("vite.config.ts", vite_config(ports)),
        ("server.js", express_server(ports)),
        ("fastapi command", fastapi_command(ports)),
    ]
}

/// Checks one export of `name` against the same export of the reference:
/// no forbidden character, and every line that differs is a comment or holds
/// the instance's project id where the reference holds its own.
fn assert_only_comments_differ(name: &str, file: &str, got: &str, want: &str) {
    let (got_id, want_id) = (ports_of(name).project_id(), reference().project_id());
    if let Some(c) = got.chars().find(|&c| forbidden(c)) {
        panic!("{file} for {name:?} holds U+{:04X}:\n{got}", u32::from(c));
    }
    let (got_lines, want_lines): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
    assert_eq!(got_lines.len(), want_lines.len(), "{file} for {name:?} has other lines:\n{got}");
    for (g, w) in got_lines.iter().zip(&want_lines) {
        let allowed = g.starts_with('#') || g.starts_with("//") || *g == w.replace(&want_id, &got_id);
        assert!(g == w || allowed, "{file} for {name:?}: {g:?} where {w:?} was expected");
    }
    assert!(got.ends_with('\n'), "{file} for {name:?} does not end its last line");
}

/// Checks that the name is shown, escaped, where each export writes it.
fn assert_name_is_shown(ports: &InstancePorts, files: &[(&str, String)]) {
    let describe = escaped(&ports.describe());
    let lines: HashMap<&str, &str> = files.iter().map(|(f, text)| (*f, text.lines().next().unwrap_or(""))).collect();
    assert_eq!(lines["config.toml"], format!("# Supabase ports of {describe}."));
    assert_eq!(lines["compose.yml"], format!("# Host ports of {describe}."));
    let example =
        format!("# Ports of {}, instance 2 ({}): {}", escaped(&ports.project), escaped(&ports.purpose), ports.range);
    assert_eq!(lines[".env.example"], example);
    for (file, text) in files.iter().filter(|(f, _)| f.ends_with(".sh")) {
        let comment = text.lines().nth(1).unwrap_or("");
        assert!(comment.contains(&format!(" of {describe}.")), "{file}: {comment}");
    }
}

/// The variables of a dotenv file: each line is blank, a comment, or
/// `NAME=value` with NAME an identifier. Panics on any other line.
fn dotenv(text: &str) -> Vec<(String, String)> {
    let mut vars = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let (key, value) = line.split_once('=').unwrap_or_else(|| panic!("not an assignment: {line:?}"));
        let identifier = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        assert!(identifier, "not a variable name: {key:?}");
        vars.push((key.to_owned(), value.to_owned()));
    }
    vars
}

/// The variables every env file of the slot must set, in order: the
/// reference's, with `name`'s project id.
fn expected_vars(name: &str) -> Vec<(String, String)> {
    let (id, want_id) = (ports_of(name).project_id(), reference().project_id());
    let value = |v: String| if v == want_id { id.clone() } else { v };
    reference().assignments().into_iter().map(|a| (a.variable, value(a.value))).collect()
}

/// The config as TOML; its `project_id` is read from `.env`.
fn toml_of(text: &str) -> toml::Table {
    let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("invalid TOML: {e}\n{text}"));
    assert_eq!(table["project_id"].as_str(), Some("env(PORTREG_PROJECT_ID)"));
    table
}

/// The instance's `project_id`, as its `.env` sets it.
fn env_id(ports: &InstancePorts) -> String {
    dotenv(&env_file(ports)).into_iter().find(|(k, _)| k == "PORTREG_PROJECT_ID").expect("PORTREG_PROJECT_ID").1
}

/// Checks a `project_id` as the Supabase CLI takes it.
fn assert_valid_id(name: &str, id: &str) {
    assert!(id.len() <= 40, "{name:?}: {id}");
    assert!(id.starts_with(|c: char| c.is_ascii_alphanumeric()), "{name:?}: {id}");
    assert!(id.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c)), "{name:?}: {id}");
    assert!(id.ends_with("-2"), "{name:?}: {id}");
    // Compose takes the same id as its project name: lowercase, `[a-z0-9_-]`.
    assert!(id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-".contains(c)), "{name:?}: {id}");
}

/// Checks the config, compose and env exports of `name` in their own languages.
fn assert_parses_as_reference(name: &str) -> String {
    let (ports, want) = (ports_of(name), reference());
    assert_eq!(toml_of(&supabase_config(&ports)), toml_of(&supabase_config(&want)), "{name:?}");
    let id = env_id(&ports);
    assert_valid_id(name, &id);
    let load = |text: &str| yaml_rust2::YamlLoader::load_from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let yaml = load(&compose_ports(&ports));
    assert_eq!(yaml.len(), 1, "{name:?}: one YAML document");
    assert_eq!(yaml[0]["services"], load(&compose_ports(&want))[0]["services"], "{name:?}");
    assert_eq!(yaml[0]["name"].as_str(), Some(id.as_str()), "{name:?}: the Compose project is the instance's");
    assert_eq!(dotenv(&env_file(&ports)), expected_vars(name), "{name:?}");
    assert_eq!(dotenv(&env_example(&ports)), expected_vars(name), "{name:?}");
    assert_eq!(dotenv(&app_env(&ports)), dotenv(&app_env(&want)), "{name:?}");
    id
}

#[test]
fn hostile_names_stay_in_comments() {
    let want = exports(&reference());
    for name in hostile_names("/tmp/pwned") {
        let ports = ports_of(&name);
        let got = exports(&ports);
        for ((file, text), (_, reference)) in got.iter().zip(&want) {
            assert_only_comments_differ(&name, file, text, reference);
        }
        assert_name_is_shown(&ports, &got);
    }
}

#[test]
fn hostile_names_parse_as_the_reference_and_keep_ids_apart() {
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for name in hostile_names("/tmp/pwned") {
        let id = assert_parses_as_reference(&name);
        let key = name.trim().to_lowercase();
        if let Some(other) = ids.insert(id.clone(), key.clone()) {
            assert_eq!(other, key, "{id} is the project_id of two projects");
        }
    }
    assert_eq!(ids.get("my-project-2"), None, "`My Project` and `my_project` are not `my-project`");
}

/// Whether `tool` runs; when it does not, a note is printed and the caller
/// skips, except on CI, where the tool is installed and its absence fails.
fn have(tool: &str) -> bool {
    let found = Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "{tool} is not installed (tools/setup.sh --tests installs it)");
        eprintln!("note: {tool} is not installed; skipping its checks");
    }
    found
}

/// Runs `bash script args` in `dir`.
fn run(dir: &Path, script: &str, args: &[&str]) -> Output {
    Command::new("bash").arg(script).args(args).current_dir(dir).output().unwrap()
}

/// Files in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// What the scripts print for the reference name.
struct Expected {
    table: Output,
    exports: Output,
    next: Output,
    range: String,
}

/// A registry in which block 5 holds `my-project` with instances 1 and 2 live
/// and instance 3 archived, so the next free instance is 3.
const REGISTRY: &str =
    "| Project | Block | Ports | Status |\n|---|---|---|---|\n| my-project | Block 5 | 30500-30599 | active |\n\n\
| Project | Instance | Ports | Status |\n|---|---|---|---|\n| my-project | 1 | 30500-30509 | active |\n\
| my-project | 2 | 30510-30519 | active |\n| my-project | 3 | 30520-30529 | archived |\n";

/// Writes the scripts of `name` into `dir`, checks their syntax and runs them.
fn assert_scripts_are_inert(name: &str, dir: &Path, expected: &Expected) -> [PathBuf; 3] {
    let ports = ports_of(name);
    let scripts = [
        ("ports.sh", ports_script(&ports)),
        ("check-ports.sh", check_ports_script(&ports)),
        ("next-instance.sh", next_instance_script(&ports, &Policy::default())),
    ];
    for (file, text) in &scripts {
        std::fs::write(dir.join(file), text).unwrap();
        let syntax = Command::new("bash").arg("-n").arg(file).current_dir(dir).output().unwrap();
        assert!(syntax.status.success(), "bash -n {file} for {name:?}: {}", String::from_utf8_lossy(&syntax.stderr));
    }
    let with_id = |output: &Output| {
        String::from_utf8_lossy(&output.stdout).replace(&reference().project_id(), &ports.project_id())
    };
    for (args, want) in [(&[][..], &expected.table), (&["--env"][..], &expected.exports)] {
        let shown = run(dir, "ports.sh", args);
        assert_eq!(shown.status.code(), Some(0), "ports.sh {args:?} for {name:?}");
        assert_eq!(String::from_utf8_lossy(&shown.stdout), with_id(want), "ports.sh {args:?} for {name:?}");
        assert_eq!(String::from_utf8_lossy(&shown.stderr), "", "ports.sh {args:?} for {name:?}");
    }
    assert_check_ports_output(name, &run(dir, "check-ports.sh", &[]), &expected.range);
    std::fs::write(dir.join("ports.md"), REGISTRY).unwrap();
    let next = run(dir, "next-instance.sh", &["ports.md"]);
    assert_eq!(next.status.code(), Some(0), "next-instance.sh for {name:?}: {}", String::from_utf8_lossy(&next.stderr));
    // The ports as for the reference; then the command that prints the .env, the name as one shell word.
    let (got, want) = (String::from_utf8_lossy(&next.stdout), String::from_utf8_lossy(&expected.next.stdout));
    let (got_ports, got_command) = got.split_once("its .env: ").expect("a command line");
    assert_eq!(got_ports, want.split_once("its .env: ").unwrap().0, "next-instance.sh for {name:?}");
    let word = got_command.strip_prefix("portreg env --instance 3 --block 5 -- ").expect(got_command);
    let read = Command::new("bash")
        .args(["-c", "eval \"set -- $1\"; printf %s \"$1\"", "_", word.trim_end_matches('\n')])
        .output()
        .unwrap();
    // Bash holds no NUL (and exports refuse such a name): it drops it.
    assert_eq!(String::from_utf8_lossy(&read.stdout), name.replace('\0', ""), "{name:?}: {word}");
    std::fs::remove_file(dir.join("ports.md")).unwrap();
    assert_eq!(listing(dir), ["check-ports.sh", "next-instance.sh", "ports.sh"], "the scripts of {name:?} made files");
    scripts.map(|(file, _)| dir.join(file))
}

/// `check-ports.sh` says only which ports are busy, or that all are free.
fn assert_check_ports_output(name: &str, output: &Output, range: &str) {
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    match output.status.code() {
        Some(0) => assert_eq!(stdout, format!("ports {range} are free\n"), "check-ports.sh for {name:?}"),
        Some(1) => assert_eq!(stdout, "", "check-ports.sh for {name:?}"),
        Some(2) => assert_eq!(stderr, "check-ports: neither ss nor lsof is installed\n"),
        other => panic!("check-ports.sh for {name:?} exited {other:?}: {stderr}"),
    }
    for line in stderr.lines() {
        let busy = line.starts_with("port ") && line.ends_with("_PORT) is in use");
        let shared =
            line.starts_with("note: port ") && line.ends_with(") is in use: only one instance at a time can use it");
        assert!(busy || shared || line.starts_with("check-ports: "), "check-ports.sh for {name:?} printed {line:?}");
    }
}

#[test]
fn hostile_scripts_run_without_running_the_name() {
    let root = tempfile::tempdir().unwrap();
    let pwned = root.path().join("pwned");
    let dirs = root.path().join("cases");
    let reference_dir = dirs.join("reference");
    std::fs::create_dir_all(&reference_dir).unwrap();
    let want = reference();
    std::fs::write(reference_dir.join("ports.sh"), ports_script(&want)).unwrap();
    std::fs::write(reference_dir.join("next-instance.sh"), next_instance_script(&want, &Policy::default())).unwrap();
    std::fs::write(reference_dir.join("ports.md"), REGISTRY).unwrap();
    let expected = Expected {
        table: run(&reference_dir, "ports.sh", &[]),
        exports: run(&reference_dir, "ports.sh", &["--env"]),
        next: run(&reference_dir, "next-instance.sh", &["ports.md"]),
        range: want.range.to_string(),
    };
    let mut written = Vec::new();
    for (index, name) in hostile_names(&pwned.to_string_lossy()).iter().enumerate() {
        let dir = dirs.join(format!("case-{index}"));
        std::fs::create_dir(&dir).unwrap();
        written.extend(assert_scripts_are_inert(name, &dir, &expected));
        assert!(!pwned.exists(), "the scripts of {name:?} ran it");
    }
    if have("shellcheck") {
        let lint = Command::new("shellcheck").args(&written).output().unwrap();
        assert!(lint.status.success(), "shellcheck:\n{}", String::from_utf8_lossy(&lint.stdout));
    }
}

/// Any name, leaning on the characters that matter to some format.
fn any_name() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        "\n",
        "\r",
        "\t",
        "\0",
        "\u{1b}",
        "\u{7f}",
        "\u{85}",
        "\u{9b}",
        "\u{202e}",
        "\u{2066}",
        "\u{200e}",
        "\u{200f}",
        "\u{61c}",
        "\u{200d}",
        "\u{2028}",
        "\u{2029}",
        "\u{fffe}",
        "\u{feff}",
        "'",
        "\"",
        "\\",
        "`",
        "$(",
        ")",
        "${",
        "}",
        "#",
        ";",
        "|",
        "*",
        "-",
        "=",
        "[",
        "]",
        ":",
        " ",
        "---",
        "ENV",
        "TABLE",
        "services:",
        "project_id",
        "🚀",
    ]);
    let piece = prop_oneof![
        4 => any::<char>().prop_map(String::from),
        3 => special.prop_map(str::to_owned),
        1 => "[a-zA-Z0-9 _.-]{1,8}",
    ];
    prop::collection::vec(piece, 0..48).prop_map(|pieces| pieces.concat())
}

/// 64 cases unless `PROPTEST_CASES` says otherwise.
fn config() -> ProptestConfig {
    let base = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_some() {
        base
    } else {
        ProptestConfig { cases: 64, ..base }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_name_stays_in_comments_and_parses(name in any_name()) {
        let want = exports(&reference());
        for ((file, text), (_, reference)) in exports(&ports_of(&name)).iter().zip(&want) {
            assert_only_comments_differ(&name, file, text, reference);
        }
        assert_parses_as_reference(&name);
    }
}
