//! `check --format github`: one GitHub Actions workflow command per
//! finding, whatever the registry's file name or text holds.

mod support;

use support::{check, stderr, stdout, write, MIXED};

/// A workflow command split into its name, properties (unescaped) and message (unescaped).
struct WorkflowCommand {
    name: String,
    properties: Vec<(String, String)>,
    message: String,
}

/// Reads one line as the runner does: `::name k=v,k=v::message`.
fn parse(line: &str) -> WorkflowCommand {
    let rest = line.strip_prefix("::").unwrap_or_else(|| panic!("not a command: {line:?}"));
    let (head, message) = rest.split_once("::").unwrap();
    let (name, properties) = head.split_once(' ').unwrap();
    let properties = properties
        .split(',')
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap();
            (key.to_owned(), unescape(value))
        })
        .collect();
    WorkflowCommand { name: name.to_owned(), properties, message: unescape(message) }
}

/// The runner's unescaping of values.
fn unescape(text: &str) -> String {
    text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
}

impl WorkflowCommand {
    fn property(&self, key: &str) -> &str {
        self.properties.iter().find(|(k, _)| k == key).map_or("", |(_, v)| v.as_str())
    }
}

#[test]
fn one_command_per_finding_with_file_line_and_title() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "ports.md", MIXED);
    let out = check(&[&file], &["--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let path = file.to_str().unwrap().replace(':', "%3A").replace(',', "%2C");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            format!("::warning file={path},line=4,title=B104 shared-path::path `~/src/api/` is also the path of `api`"),
            format!("::notice file={path},line=5,title=S403 missing-field::no owner"),
            format!("::error file={path},line=6,title=R206 privileged-port::443 needs root to bind"),
        ]
    );
    assert!(stderr(&out).ends_with(": 1 error, 1 warning, 1 info\n"));

    let selected = check(&[&file], &["--format", "github", "--select", "S"]);
    assert_eq!(stdout(&selected).lines().count(), 1);
    assert_eq!(selected.status.code(), Some(0));
}

#[test]
fn a_hostile_file_name_or_cell_cannot_forge_a_command() {
    let dir = tempfile::tempdir().unwrap();
    let name = "ports\n::error file=x.md,line=1::forged\r%0A\u{1b}[2J.md";
    let registry = "| Project Name | Block | Ports | Path | Status | Owner | Date |\n\
                    |---|---|---|---|---|---|---|\n\
                    | api | Block 5 | 30500-30599 | ~/x%0A::error::forged&#10;::error::two | active | a | 2025-01-02 |\n\
                    | web | Block 6 | 30600-30699 | ~/x%0A::error::forged&#10;::error::two | active | a | 2025-01-02 |\n\
                    | old | | 443 | ~/old | active | a | 2025-01-02 |\n";
    let file = write(dir.path(), name, registry);
    let out = check(&[&file], &["--format", "github"]);
    let text = stdout(&out);
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "one line per finding (P007 twice, B104, R206): {text}");
    let expected_file = file.to_str().unwrap().replace('\n', "\\n").replace('\r', "\\r").replace('\u{1b}', "\\u{1b}");
    let commands: Vec<WorkflowCommand> = lines.iter().map(|l| parse(l)).collect();
    assert_eq!(commands.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["error", "warning", "error", "error"]);
    for command in &commands {
        let keys: Vec<&str> = command.properties.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["file", "line", "title"], "no property forged: {}", lines.join("\n"));
        assert_eq!(command.property("file"), expected_file);
        assert!(!command.message.contains('\n') && !command.message.contains('\r'), "{:?}", command.message);
    }
    assert_eq!(commands[1].property("title"), "B104 shared-path");
    assert!(
        commands[1].message.contains("~/x%0A::error::forged"),
        "the text reads as written: {:?}",
        commands[1].message
    );
}
