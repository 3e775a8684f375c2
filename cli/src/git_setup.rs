//! `portreg git-setup`: installs the merge driver for the registry in its
//! repository: a `.gitattributes` line (to commit, for the whole team) and
//! the driver in the repository's own git config (each clone runs this once).

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use portreg_core::merge::Resolve;
use portreg_core::shell_word;

use crate::git::Git;
use crate::input::{self, io_reason, Source};
use crate::out::Out;
use crate::write::write_atomic;
use crate::{Failure, Outcome};

/// Installs the driver for the registry `file`; says what it did, or that
/// everything was in place already.
pub fn run(file: Option<&Path>, resolve: Resolve, out: &mut Out) -> Result<Outcome, Failure> {
    let Source::File(registry) = input::locate(file)? else {
        return Err(Failure("git-setup needs the registry's file, not standard input".to_owned()));
    };
    let git = Git::beside(&registry);
    let relative = git.relative(&registry)?;
    if relative.chars().any(portreg_core::is_unsafe_char) {
        let shown = portreg_core::visible(&relative).into_owned();
        return Err(Failure(format!(
            "the registry's path `{shown}` holds a control character; .gitattributes cannot name it"
        )));
    }
    let top = git.toplevel()?;
    attributes(&top.join(".gitattributes"), &attribute_line(&relative), out)?;
    config(&git, "merge.portreg.name", "portreg: merges ports.md by entry", out)?;
    config(&git, "merge.portreg.driver", &driver_command(resolve)?, out)?;
    Ok(Outcome::Clean)
}

/// The `.gitattributes` line for the registry at `relative`: anchored at
/// the top, glob characters escaped, quoted when it holds a space.
fn attribute_line(relative: &str) -> String {
    let mut pattern = String::from("/");
    for c in relative.chars() {
        if matches!(c, '*' | '?' | '[' | '\\' | '"') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    if pattern.contains([' ', '\t']) {
        pattern = format!("\"{pattern}\"");
    }
    format!("{pattern} merge=portreg")
}

/// The driver as git runs it: this portreg, with the files git substitutes.
fn driver_command(resolve: Resolve) -> Result<String, Failure> {
    let exe =
        std::env::current_exe().map_err(|e| Failure(format!("cannot find portreg's own path: {}", io_reason(&e))))?;
    let exe = exe.to_str().ok_or_else(|| Failure("portreg's own path is not UTF-8".to_owned()))?.to_owned();
    let mode = match resolve {
        Resolve::Conflict => "",
        Resolve::Move => " --resolve move",
    };
    Ok(format!("{} merge-driver{mode} %O %A %B %P", shell_word(&exe)))
}

/// Adds `line` to `.gitattributes` unless it is there already.
fn attributes(path: &Path, line: &str, out: &mut Out) -> Result<(), Failure> {
    let name = path.display().to_string();
    let existing = if path.exists() { Some(input::read_source(Source::File(path.to_path_buf()))?.text) } else { None };
    let text = existing.clone().unwrap_or_default();
    if text.lines().any(|l| l.trim_end_matches('\r').trim() == line) {
        out.note(&format!("portreg: {name} already has `{line}`"))?;
        return Ok(());
    }
    let le = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lead = if text.is_empty() || text.ends_with('\n') { "" } else { le };
    let updated = format!("{text}{lead}{line}{le}");
    match existing {
        Some(_) => write_atomic(path, &updated)?,
        None => OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .and_then(|mut f| f.write_all(updated.as_bytes()))
            .map_err(|e| Failure(format!("cannot write {name}: {}", io_reason(&e))))?,
    }
    out.note(&format!("portreg: added `{line}` to {name} (commit it, so the team merges the registry by entry)"))
}

/// Sets `key` in the repository's own config unless it holds `value` already.
fn config(git: &Git, key: &str, value: &str, out: &mut Out) -> Result<(), Failure> {
    let current = git.output(&["config", "--local", "--get", key])?;
    if current.as_deref().map(|v| v.trim_end_matches('\n')) == Some(value) {
        return out.note(&format!("portreg: git config {key} is already `{value}`"));
    }
    git.line(&["config", "--local", key, value], &format!("set {key}"))?;
    out.note(&format!("portreg: set git config {key} to `{value}` (this clone only)"))
}

#[cfg(test)]
mod tests {
    use super::attribute_line;

    #[test]
    fn attribute_lines_match_only_the_registry() {
        assert_eq!(attribute_line("ports.md"), "/ports.md merge=portreg");
        assert_eq!(attribute_line("team docs/ports[1].md"), "\"/team docs/ports\\[1].md\" merge=portreg");
    }
}
