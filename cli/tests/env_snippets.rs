//! `portreg env`: every snippet format, with and without a Supabase stack,
//! and `next-instance.sh` run with the real portreg on its PATH.

mod support;

use std::process::Command;

use support::{portreg, stdout, write};

const REGISTRY: &str = "\
| Project Name | Block | Ports | Path | Status | Owner | Date |
|---|---|---|---|---|---|---|
| api | Block 5 | 30500-30599 | ~/src/api | active | ana | 2025-01-02 |
| web | Block 6 | 30600-30699 | ~/src/web | active | ana | 2025-01-02 |

| Project | Instance | Ports | Purpose | Status | Branch/Environment |
|---|---|---|---|---|---|
| api | 1 | 30500-30509 | Development | active | main |
| api | 2 | 30510-30519 | Testing | archived | old |
| api | 3 | 30520-30529 | Feature Work | active | feature/x |
";

#[test]
fn every_format_prints_the_instance() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "ports.md", REGISTRY);
    let path = file.to_str().unwrap();
    for (format, expected) in [
        ("env", "SUPABASE_DB_SHADOW_PORT=30519\n"),
        ("env-example", "# +9 Supabase shadow database"),
        ("toml", "[local_smtp]\nport = 30515\n"),
        ("compose", "name: api-2\n"),
        ("scripts", "==> scripts/next-instance.sh <=="),
        ("next-instance-sh", "project=api\n"),
        ("app-env", "NEXT_PUBLIC_SUPABASE_URL=http://127.0.0.1:30513\n"),
        ("next", "\"dev\": \"next dev --port ${FRONTEND_PORT:-30510} --hostname 127.0.0.1\""),
        ("vite", "Number(env.FRONTEND_PORT || 30510)"),
        ("express", "process.env.API_PORT || 30511"),
        ("fastapi", "--port \"${API_PORT:-30511}\""),
    ] {
        let output = portreg(&["env", "api", path, "--instance", "2", "--format", format]);
        assert!(output.status.success(), "{format}: {}", String::from_utf8_lossy(&output.stderr));
        assert!(stdout(&output).contains(expected), "{format}:\n{}", stdout(&output));
    }
    let plain = stdout(&portreg(&["env", "api", path, "--instance", "2", "--no-supabase"]));
    assert!(plain.contains("AUX_PORT=30519\n") && !plain.contains("SUPABASE_DB"), "{plain}");
}

#[test]
fn next_instance_script_asks_portreg_when_installed() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "ports.md", REGISTRY);
    let script = stdout(&portreg(&["env", "api", file.to_str().unwrap(), "--format", "next-instance-sh"]));
    write(dir.path(), "next-instance.sh", &script);
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_portreg"), bin.join("portreg")).unwrap();
    let run = |path: String| {
        Command::new("bash")
            .args(["next-instance.sh", "ports.md"])
            .current_dir(dir.path())
            .env("PATH", path)
            .output()
            .unwrap()
    };
    let with = run(format!("{}:/usr/bin:/bin", bin.display()));
    let without = run("/usr/bin:/bin".to_owned());
    assert!(with.status.success(), "{}", String::from_utf8_lossy(&with.stderr));
    // Instance 2 is archived, so both readings give it back.
    assert!(
        stdout(&with).starts_with("instance 2 of block 5: 30510-30519\n+0  30510  FRONTEND_PORT\n"),
        "{}",
        stdout(&with)
    );
    // The command it prints works as written, on the registry it was given.
    let command = stdout(&with).lines().last().unwrap().strip_prefix("its .env: ").unwrap().to_owned();
    assert!(command.ends_with(" -- api ports.md"), "{command}");
    let env = Command::new("bash")
        .args(["-c", &command])
        .current_dir(dir.path())
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env_remove("PORTREG_REGISTRY")
        .output()
        .unwrap();
    let args = &command;
    assert!(stdout(&env).starts_with("FRONTEND_PORT=30510\n"), "{args:?}: {}", String::from_utf8_lossy(&env.stderr));
    assert_eq!(stdout(&with), stdout(&without));
    let answer = stdout(&portreg(&["next", "--project", "api", file.to_str().unwrap()]));
    assert!(answer.starts_with("instance 2 of block 5: 30510-30519"), "{answer}");
}

#[test]
fn no_supabase_config_is_written_for_an_instance_without_a_stack() {
    let registry = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/ports.md");
    let registry = registry.to_str().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_portreg"))
        .args(["env", "portreg", registry, "--no-supabase", "--format", "toml"])
        .env_remove("PORTREG_REGISTRY")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing to write into supabase/config.toml");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("runs no local Supabase stack, so it has no supabase/config.toml"), "{said}");
}
