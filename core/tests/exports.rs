//! Exports are valid in their own languages: the TOML parses, the compose
//! snippet is YAML, the scripts pass `bash -n` and shellcheck, and
//! `check-ports.sh` notices a port that is really listened on.

use std::collections::{BTreeMap, HashMap};
use std::net::TcpListener;
use std::process::Command;

use portreg_core::export::{
    app_env, check_ports_script, compose_ports, env_example, env_file, express_server, fastapi_command, for_slot,
    instance_ports, next_instance_script, next_scripts, ports_script, supabase_config, vite_config, ExportError,
    InstancePorts,
};
use portreg_core::{Policy, Registry};

fn sample() -> InstancePorts {
    let policy = Policy::default();
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/ports.md")).unwrap();
    instance_ports(&Registry::parse(&doc, &policy), &policy, "assessment-tracker", Some(2), None).unwrap()
}

/// `section.key` of every value in `table`, nested tables walked.
fn key_paths(table: &toml::Table, prefix: &str, out: &mut Vec<String>) {
    for (key, value) in table {
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        match value.as_table() {
            Some(inner) => key_paths(inner, &path, out),
            None => out.push(path),
        }
    }
}

/// The template keys portreg may write, from the committed list.
fn template_keys() -> Vec<String> {
    let text = include_str!("fixtures/supabase/config-keys.txt");
    text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(str::to_owned).collect()
}

#[test]
fn supabase_config_is_toml_with_the_cli_keys() {
    let ports = sample();
    let text = supabase_config(&ports);
    let value: toml::Table = text.parse().expect("valid TOML");
    let mut written = Vec::new();
    key_paths(&value, "", &mut written);
    let known = template_keys();
    for key in &written {
        assert!(known.contains(key), "{key} is not a key of the Supabase CLI's config.toml");
    }
    assert_eq!(value["project_id"].as_str(), Some("env(PORTREG_PROJECT_ID)"));
    let port = |table: &str, key: &str| value[table][key].as_integer();
    assert_eq!(port("api", "port"), Some(30213));
    assert_eq!(port("db", "port"), Some(30212));
    assert_eq!(port("db", "shadow_port"), Some(30219));
    assert_eq!(value["db"]["pooler"]["port"].as_integer(), Some(30218));
    assert_eq!(port("studio", "port"), Some(30214));
    assert_eq!(port("local_smtp", "port"), Some(30215));
    assert_eq!(port("analytics", "port"), Some(30216));
    assert_eq!(value["auth"]["site_url"].as_str(), Some("http://127.0.0.1:30210"));
    // Older CLIs: the same keys under [inbucket].
    let legacy: toml::Table = text.replace("[local_smtp]", "[inbucket]").parse().unwrap();
    assert_eq!(legacy["inbucket"]["port"].as_integer(), Some(30215));
    // Every port the CLI binds is either set or named in a comment with its default.
    for cli in portreg_core::export::supabase_cli::CLI_PORTS {
        let set = written.contains(&format!("{}.{}", cli.section, cli.key));
        let noted = text.contains(&format!("# - [{}] {} = {} binds", cli.section, cli.key, cli.default));
        assert!(set != noted, "{}.{}: set {set}, noted {noted}\n{text}", cli.section, cli.key);
    }
}

/// What the Supabase CLI makes of `config` with `env` loaded: each value's
/// `SUPABASE_` + key path variable over the file, then `env(VAR)` strings
/// replaced by the variable. Gives `project_id` and every `*port` by path.
fn resolve(config: &toml::Table, env: &HashMap<String, String>) -> BTreeMap<String, String> {
    let mut paths = Vec::new();
    key_paths(config, "", &mut paths);
    let mut out = BTreeMap::new();
    for path in paths.iter().filter(|p| p.ends_with("port") || *p == "project_id") {
        let mut value = &config[path.split('.').next().unwrap()];
        for part in path.split('.').skip(1) {
            value = &value[part];
        }
        let written = value.as_integer().map(|n| n.to_string()).or_else(|| value.as_str().map(str::to_owned)).unwrap();
        let variable = format!("SUPABASE_{}", path.replace('.', "_").to_ascii_uppercase());
        let mut resolved = env.get(&variable).cloned().unwrap_or(written);
        if let Some(name) = resolved.strip_prefix("env(").and_then(|r| r.strip_suffix(')')) {
            resolved = env.get(name).cloned().unwrap_or(resolved);
        }
        out.insert(path.clone(), resolved);
    }
    out
}

/// A dotenv file's variables.
fn vars(text: &str) -> HashMap<String, String> {
    text.lines().filter_map(|l| l.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned()))).collect()
}

#[test]
fn an_instance_env_starts_its_own_stack_whatever_the_config() {
    let policy = Policy::default();
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/ports.md")).unwrap();
    let registry = Registry::parse(&doc, &policy);
    let of = |n| instance_ports(&registry, &policy, "assessment-tracker", Some(n), None).unwrap();
    let (two, three) = (of(2), of(3));
    let config_two: toml::Table = supabase_config(&two).parse().unwrap();
    let config_three: toml::Table = supabase_config(&three).parse().unwrap();
    let own = resolve(&config_two, &vars(&env_file(&two)));
    assert_eq!(own["project_id"], "assessment-tracker-2");
    assert_eq!(own["db.port"], "30212");
    assert_eq!(own["db.shadow_port"], "30219");
    // The .env of instance 2 beside the config of instance 3: instance 2 in full.
    assert_eq!(resolve(&config_three, &vars(&env_file(&two))), own);
    // No .env at all: the config's own ports, and the CLI's warning id.
    let bare = resolve(&config_two, &HashMap::new());
    assert_eq!(bare["project_id"], "env(PORTREG_PROJECT_ID)");
}

/// The compose-spec's rules for what the snippet writes: a project name of
/// `[a-z0-9][a-z0-9_-]*`, service names of `[a-zA-Z0-9._-]`, and each port
/// in the short syntax `IP:HOST:CONTAINER` with the host port a variable whose
/// default is a port.
fn assert_compose_rules(doc: &yaml_rust2::Yaml) {
    let name = doc["name"].as_str().expect("a project name");
    assert!(name.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()), "{name}");
    assert!(name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-".contains(c)), "{name}");
    for (service, body) in doc["services"].as_hash().expect("services") {
        let service = service.as_str().expect("a service name");
        assert!(service.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)), "{service}");
        for port in body["ports"].as_vec().expect("a ports list") {
            let port = port.as_str().expect("a quoted port string");
            let rest = port.strip_prefix("127.0.0.1:${").expect(port);
            let (variable, rest) = rest.split_once(":-").expect(port);
            let (host, container) = rest.split_once("}:").expect(port);
            assert!(variable.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'), "{port}");
            for number in [host, container] {
                assert!(number.parse::<u16>().is_ok_and(|n| n > 0), "{port}");
            }
        }
    }
}

#[test]
fn compose_snippet_is_yaml_with_quoted_mappings() {
    let text = compose_ports(&sample());
    let docs = yaml_rust2::YamlLoader::load_from_str(&text).expect("valid YAML");
    assert_compose_rules(&docs[0]);
    assert_eq!(docs[0]["name"].as_str(), Some("assessment-tracker-2"));
    let services = &docs[0]["services"];
    assert_eq!(services["frontend"]["ports"][0].as_str(), Some("127.0.0.1:${FRONTEND_PORT:-30210}:3000"));
    let published: Vec<&str> = services.as_hash().unwrap().keys().map(|k| k.as_str().unwrap()).collect();
    assert_eq!(published, ["frontend", "api", "vector"], "the Supabase CLI binds the others");
    let plain = compose_ports(&sample().with_supabase(false));
    let docs = yaml_rust2::YamlLoader::load_from_str(&plain).expect("valid YAML");
    assert_compose_rules(&docs[0]);
    assert_eq!(docs[0]["services"]["database"]["ports"][0].as_str(), Some("127.0.0.1:${DB_PORT:-30212}:5432"));
    assert_eq!(docs[0]["services"].as_hash().map(|h| h.len()), Some(7));
}

/// Runs `docker compose config` on the snippet where docker is installed.
#[test]
fn docker_compose_reads_the_snippet_where_installed() {
    let Ok(version) = Command::new("docker").args(["compose", "version"]).output() else {
        eprintln!("note: docker is not installed; the compose rules are checked with a YAML reader only");
        return;
    };
    if !version.status.success() {
        eprintln!("note: docker compose is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = write_script(
        dir.path(),
        "compose.yml",
        &compose_ports(&sample()).replace("    ports:", "    image: busybox\n    ports:"),
    );
    let config = Command::new("docker").args(["compose", "-f"]).arg(&file).arg("config").output().unwrap();
    assert!(config.status.success(), "{}", String::from_utf8_lossy(&config.stderr));
    assert!(String::from_utf8_lossy(&config.stdout).contains("name: assessment-tracker-2"));
}

#[test]
fn env_files_agree() {
    let ports = sample();
    let plain = env_file(&ports);
    let example = env_example(&ports);
    let assignments: Vec<&str> = example.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect();
    assert_eq!(assignments, plain.lines().collect::<Vec<_>>());
    assert!(example
        .starts_with("# Ports of assessment-tracker, instance 2 (Test/CI): 30210-30219\n# Block 2 (30200-30299)"));
}

fn write_script(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn scripts_pass_bash_and_shellcheck() {
    let dir = tempfile::tempdir().unwrap();
    let ports = sample();
    let policy = Policy::default();
    for (name, text) in [
        ("ports.sh", ports_script(&ports)),
        ("check-ports.sh", check_ports_script(&ports)),
        ("next-instance.sh", next_instance_script(&ports, &policy)),
        ("fastapi.sh", format!("#!/usr/bin/env bash\n{}", fastapi_command(&ports))),
    ] {
        let path = write_script(dir.path(), name, &text);
        let syntax = Command::new("bash").arg("-n").arg(&path).output().unwrap();
        assert!(syntax.status.success(), "bash -n {name}: {}", String::from_utf8_lossy(&syntax.stderr));
        let lint = Command::new("shellcheck")
            // Every optional check but braces around every variable (SC2250) and
            // set -e inside an if condition (SC2310), which the scripts mean.
            .args(["-o", "all", "-e", "SC2250,SC2310"])
            .arg(&path)
            .output()
            .expect("shellcheck is installed (.ci/run installs it)");
        assert!(lint.status.success(), "shellcheck {name}:\n{}", String::from_utf8_lossy(&lint.stdout));
    }
    let shown = Command::new("bash").arg(dir.path().join("ports.sh")).arg("--env").output().unwrap();
    assert_eq!(
        String::from_utf8(shown.stdout).unwrap(),
        env_file(&ports).lines().take(10).map(|l| format!("export {l}\n")).collect::<String>()
    );
}

#[test]
fn framework_snippets_are_valid_in_their_languages() {
    let ports = sample();
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [("vite.config.mjs", vite_config(&ports)), ("server.mjs", express_server(&ports))] {
        let path = write_script(dir.path(), name, &text);
        match Command::new("node").arg("--check").arg(&path).output() {
            Ok(check) => assert!(check.status.success(), "{name}: {}", String::from_utf8_lossy(&check.stderr)),
            Err(_) => assert!(std::env::var_os("CI").is_none(), "node is installed on CI"),
        }
    }
    let members: String = next_scripts(&ports).lines().filter(|l| !l.starts_with("//")).collect();
    let parsed = Command::new("node")
        .args(["-e", "const s = JSON.parse(process.argv[1]); process.stdout.write(s.dev)"])
        .arg(format!("{{{members}}}"))
        .output();
    if let Ok(parsed) = parsed {
        let dev = String::from_utf8_lossy(&parsed.stdout).into_owned();
        assert_eq!(dev, "next dev --port ${FRONTEND_PORT:-30210} --hostname 127.0.0.1");
        // npm runs scripts with sh: the port is the shell's FRONTEND_PORT, else this instance's.
        let port = |value: Option<&str>| {
            let mut sh = Command::new("sh");
            sh.args(["-c", "eval \"set -- $1\"; printf %s \"$4\"", "_", &dev]).env_remove("FRONTEND_PORT");
            if let Some(value) = value {
                sh.env("FRONTEND_PORT", value);
            }
            String::from_utf8(sh.output().unwrap().stdout).unwrap()
        };
        assert_eq!((port(None), port(Some("30220"))), ("30210".to_owned(), "30220".to_owned()));
    }
    let env = app_env(&ports);
    for line in env.lines().filter(|l| !l.starts_with('#')) {
        let (key, value) = line.split_once('=').expect("an assignment");
        assert!(key.chars().all(|c| c.is_ascii_uppercase() || c == '_'), "{key}");
        assert!(value.starts_with("http://127.0.0.1:302") || value.starts_with("postgresql://"), "{line}");
    }
}

#[test]
fn next_instance_agrees_with_the_registry() {
    let policy = Policy::default();
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/ports.md")).unwrap();
    let registry = Registry::parse(&doc, &policy);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ports.md"), &doc).unwrap();
    let script = write_script(dir.path(), "next-instance.sh", &next_instance_script(&sample(), &policy));
    // Without portreg on PATH the script reads the registry itself.
    let run = Command::new("bash")
        .arg(&script)
        .arg("ports.md")
        .current_dir(dir.path())
        .env("PATH", "/usr/bin:/bin")
        .output()
        .unwrap();
    let slot = portreg_core::next_free_instance(&registry, &policy, "assessment-tracker").unwrap();
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert!(
        stdout.starts_with(&format!("instance {} of block {}: {}\n", slot.instance, slot.block, slot.range)),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("+0  {}  FRONTEND_PORT\n", slot.range.start)), "{stdout}");
    let command = format!(
        "its .env: portreg env --instance {} --block {} -- assessment-tracker ports.md\n",
        slot.instance, slot.block
    );
    assert!(stdout.ends_with(&command), "{stdout}");
    let missing = Command::new("bash")
        .arg(&script)
        .arg("nowhere.md")
        .current_dir(dir.path())
        .env("PATH", "/usr/bin:/bin")
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn check_ports_fails_while_a_port_is_listened_on() {
    let policy = Policy::default();
    // Find an instance slot whose first port this test can listen on.
    let (listener, ports) = (0..policy.block_count)
        .flat_map(|block| (1..=10).map(move |instance| (block, instance)))
        .find_map(|(block, instance)| {
            let ports = for_slot(&policy, "probe", block, instance);
            TcpListener::bind(("127.0.0.1", u16::try_from(ports.range.start).ok()?)).ok().map(|l| (l, ports))
        })
        .expect("a free port in the project range");
    let dir = tempfile::tempdir().unwrap();
    let script = write_script(dir.path(), "check-ports.sh", &check_ports_script(&ports));
    let busy = Command::new("bash").arg(&script).output().unwrap();
    assert_eq!(busy.status.code(), Some(1), "{}", String::from_utf8_lossy(&busy.stderr));
    let message = String::from_utf8(busy.stderr).unwrap();
    assert!(message.contains(&format!("port {} (FRONTEND_PORT) is in use", ports.range.start)), "{message}");
    drop(listener);
    let free = Command::new("bash").arg(&script).output().unwrap();
    let others_busy = String::from_utf8_lossy(&free.stderr).to_string();
    assert!(free.status.code() == Some(0) || !others_busy.contains("FRONTEND_PORT"), "{others_busy}");
}

/// A registry whose only project is written `cell`, in block 5.
fn registry_naming(cell: &str) -> (Registry, Policy) {
    let policy = Policy::default();
    let doc = format!(
        "| Project Name | Block | Ports | Path | Status | Owner | Date |\n\
         |---|---|---|---|---|---|---|\n\
         | {cell} | Block 5 | 30500-30599 | ~/src/x | active | ana | 2025-01-02 |\n"
    );
    (Registry::parse(&doc, &policy), policy)
}

#[test]
fn instance_ports_refuses_names_no_export_may_write() {
    let cases = [
        ("api&#10;touch pwned", '\n', 4),
        ("api&#13;touch pwned", '\r', 4),
        ("api&#9;x", '\t', 4),
        ("a&#x1b;[31m", '\u{1b}', 2),
        ("bell&#7;", '\u{7}', 5),
        ("c1&#x85;x", '\u{85}', 3),
        ("&#x202E;txt", '\u{202e}', 1),
        ("x&#x2069;", '\u{2069}', 2),
        ("price&#x200F; 10", '\u{200f}', 6),
        ("&#x200E;-rf", '\u{200e}', 1),
        ("a&#x61C;b", '\u{61c}', 2),
        ("line&#x2028;sep", '\u{2028}', 5),
    ];
    for (cell, character, position) in cases {
        let (registry, policy) = registry_naming(cell);
        let name = registry.projects[0].common.name.to_string();
        assert!(name.contains(character), "{cell} reads as {name:?}");
        let error = instance_ports(&registry, &policy, &name, Some(1), None).unwrap_err();
        assert_eq!(error, ExportError::UnsafeName { project: name.clone(), character, position }, "{cell}");
        let message = error.to_string();
        assert!(message.contains(&format!("U+{:04X}", u32::from(character))), "{message}");
        assert!(message.contains("fix the name in the registry"), "{message}");
        assert!(!message.chars().any(char::is_control), "{message:?}");
        let other_block = instance_ports(&registry, &policy, &name, Some(1), Some(7));
        assert!(matches!(other_block, Err(ExportError::UnsafeName { .. })), "{cell}: {other_block:?}");
    }
}

#[test]
fn instance_ports_takes_names_that_are_only_odd() {
    for cell in ["$(touch pwned)", "`id`", "it's \"quoted\"", "a\\|b", "🚀 rocket", "-rf", "*", "#"] {
        let (registry, policy) = registry_naming(cell);
        let name = registry.projects[0].common.name.to_string();
        let ports = instance_ports(&registry, &policy, &name, Some(1), None).unwrap_or_else(|e| panic!("{cell}: {e}"));
        assert_eq!(ports.project, name);
    }
}
