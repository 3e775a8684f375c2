//! Exports are valid in their own languages: the TOML parses, the compose
//! snippet is YAML, the scripts pass `bash -n` and shellcheck, and
//! `check-ports.sh` notices a port that is really listened on.

use std::net::TcpListener;
use std::process::Command;

use portreg_core::export::{
    check_ports_script, compose_ports, env_example, env_file, for_slot, instance_ports, ports_script, supabase_config,
    ExportError, InstancePorts,
};
use portreg_core::{Policy, Registry};

fn sample() -> InstancePorts {
    let policy = Policy::default();
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/ports.md")).unwrap();
    instance_ports(&Registry::parse(&doc, &policy), &policy, "assessment-tracker", Some(2), None).unwrap()
}

#[test]
fn supabase_config_is_toml_with_the_cli_keys() {
    let ports = sample();
    let value: toml::Table = supabase_config(&ports).parse().expect("valid TOML");
    assert_eq!(value["project_id"].as_str(), Some("assessment-tracker-2"));
    let port = |table: &str, key: &str| value[table][key].as_integer();
    assert_eq!(port("api", "port"), Some(30213));
    assert_eq!(port("db", "port"), Some(30212));
    assert_eq!(port("db", "shadow_port"), Some(30219));
    assert_eq!(value["db"]["pooler"]["port"].as_integer(), Some(30218));
    assert_eq!(port("studio", "port"), Some(30214));
    assert_eq!(port("inbucket", "port"), Some(30215));
    assert_eq!(port("analytics", "port"), Some(30216));
    assert_eq!(value["auth"]["site_url"].as_str(), Some("http://127.0.0.1:30210"));
}

#[test]
fn compose_snippet_is_yaml_with_quoted_mappings() {
    let text = compose_ports(&sample());
    let docs = yaml_rust2::YamlLoader::load_from_str(&text).expect("valid YAML");
    let services = &docs[0]["services"];
    assert_eq!(services["frontend"]["ports"][0].as_str(), Some("127.0.0.1:${FRONTEND_PORT:-30210}:3000"));
    assert_eq!(services["database"]["ports"][0].as_str(), Some("127.0.0.1:${DB_PORT:-30212}:5432"));
    assert_eq!(services.as_hash().map(|h| h.len()), Some(10));
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
    for (name, text) in [("ports.sh", ports_script(&ports)), ("check-ports.sh", check_ports_script(&ports))] {
        let path = write_script(dir.path(), name, &text);
        let syntax = Command::new("bash").arg("-n").arg(&path).output().unwrap();
        assert!(syntax.status.success(), "bash -n {name}: {}", String::from_utf8_lossy(&syntax.stderr));
        let lint =
            Command::new("shellcheck").arg(&path).output().expect("shellcheck is installed (.ci/run installs it)");
        assert!(lint.status.success(), "shellcheck {name}:\n{}", String::from_utf8_lossy(&lint.stdout));
    }
    let shown = Command::new("bash").arg(dir.path().join("ports.sh")).arg("--env").output().unwrap();
    assert_eq!(
        String::from_utf8(shown.stdout).unwrap(),
        env_file(&ports).lines().map(|l| format!("export {l}\n")).collect::<String>()
    );
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
