//! `portreg git-setup`: installs the merge driver for the registry in its
//! repository: a `.gitattributes` line (to commit, for the whole team) and
//! the driver in the repository's own git config (each clone runs this once).

use portreg_core::Code;
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
    let registry = registry_here(file)?;
    let git = Git::beside(&registry);
    let relative = git.relative(&registry)?;
    if relative.chars().any(portreg_core::is_unsafe_char) {
        let shown = portreg_core::visible(&relative).into_owned();
        return Err(Failure(format!(
            "the registry's path {shown} holds a control character; .gitattributes cannot name it",
            shown = Code(&shown)
        )));
    }
    install_attribute(&git, &relative, out)?;
    config(&git, "merge.portreg.name", "portreg: merges ports.md by entry", out)?;
    let driver = driver_command(resolve, out)?;
    config(&git, "merge.portreg.driver", &driver, out)?;
    Ok(Outcome::Clean)
}

/// The registry to install the driver for: `file`, else `./ports.md`. It
/// must be inside the repository git-setup runs in (never the registry
/// found elsewhere, as the other commands fall back to).
fn registry_here(file: Option<&Path>) -> Result<std::path::PathBuf, Failure> {
    let registry = match file {
        Some(p) if p == Path::new("-") => {
            return Err(Failure("git-setup needs the registry's file, not standard input".to_owned()))
        }
        Some(p) => p.to_path_buf(),
        None if Path::new("ports.md").is_file() => std::path::PathBuf::from("ports.md"),
        None => {
            return Err(Failure(
                "no ports.md here: run git-setup where the registry is, or pass its path (the registry must be \
                 inside this repository)"
                    .to_owned(),
            ))
        }
    };
    let here = Git::at(Path::new(".")).toplevel()?;
    let there = Git::beside(&registry).toplevel()?;
    let same = |p: &Path| std::fs::canonicalize(p).map_err(|e| Failure(io_reason(&e)));
    if same(&here)? != same(&there)? {
        return Err(Failure(format!(
            "{} is in another repository ({}); run git-setup in that repository",
            registry.display(),
            there.display()
        )));
    }
    Ok(registry)
}

/// The `.gitattributes` line for the registry at `relative`: anchored at
/// the top, glob characters (`*`, `?`, `[`, `\`) escaped with a backslash;
/// a path with a space is written as a C-style quoted string, in which each
/// backslash and quote is escaped once more.
fn attribute_line(relative: &str) -> String {
    let mut pattern = String::from("/");
    for c in relative.chars() {
        if matches!(c, '*' | '?' | '[' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    if pattern.contains(' ') {
        let quoted: String = pattern
            .chars()
            .flat_map(|c| match c {
                '\\' | '"' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        pattern = format!("\"{quoted}\"");
    }
    format!("{pattern} merge=portreg")
}

/// Whether git reads the `merge` attribute of `relative` (to the top
/// directory) as `portreg`.
fn git_reads_it(git: &Git, relative: &str) -> Result<bool, Failure> {
    let git = Git::at(&git.toplevel()?);
    let out = git.output(&["check-attr", "-z", "merge", "--", relative])?.unwrap_or_default();
    Ok(out.split('\0').nth(2) == Some("portreg"))
}

/// The driver as git runs it: `portreg` when the `portreg` on PATH is this
/// very binary, else this binary by its full path (said in a note), with
/// the files git substitutes.
fn driver_command(resolve: Resolve, out: &mut Out) -> Result<String, Failure> {
    let exe =
        std::env::current_exe().map_err(|e| Failure(format!("cannot find portreg's own path: {}", io_reason(&e))))?;
    let mode = match resolve {
        Resolve::Conflict => "",
        Resolve::Move => " --resolve move",
    };
    if on_path_is(&exe) {
        return Ok(format!("portreg merge-driver{mode} --marker-size %L %O %A %B %P"));
    }
    let exe = exe.to_str().ok_or_else(|| Failure("portreg's own path is not UTF-8".to_owned()))?.to_owned();
    out.note("portreg: the driver runs portreg by its full path: the `portreg` on PATH is not this binary (or there is none)")?;
    Ok(format!("{} merge-driver{mode} --marker-size %L %O %A %B %P", shell_word(&exe)))
}

/// Whether the first `portreg` on PATH is the binary at `exe`.
fn on_path_is(exe: &Path) -> bool {
    let Some(path) = std::env::var_os("PATH") else { return false };
    let found = std::env::split_paths(&path).map(|dir| dir.join("portreg")).find(|p| p.is_file());
    match (found.and_then(|p| std::fs::canonicalize(p).ok()), std::fs::canonicalize(exe).ok()) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// Adds the registry's line to the top `.gitattributes` unless it is there
/// already, and checks that git reads it (`git check-attr`): when git does
/// not, the file is put back as it was and that is the failure.
fn install_attribute(git: &Git, relative: &str, out: &mut Out) -> Result<(), Failure> {
    let path = git.toplevel()?.join(".gitattributes");
    let name = path.display().to_string();
    let before = if path.exists() { Some(input::read_source(Source::File(path.clone()))?.text) } else { None };
    let line = attribute_line(relative);
    let text = before.clone().unwrap_or_default();
    let there = text.lines().any(|l| l.trim_end_matches('\r').trim() == line);
    if !there {
        let le = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let lead = if text.is_empty() || text.ends_with('\n') { "" } else { le };
        write_attributes(&path, &format!("{text}{lead}{line}{le}"), before.is_some())?;
    }
    if !git_reads_it(git, relative)? {
        if !there {
            match &before {
                Some(text) => write_atomic(&path, text)?,
                None => std::fs::remove_file(&path).map_err(|e| Failure(format!("{name}: {}", io_reason(&e))))?,
            }
        }
        let shown = portreg_core::visible(&line);
        return Err(Failure(format!(
            "git does not read the registry's merge attribute as `portreg` with {shown} in {name} (another \
             line may set it); {name} is as it was",
            shown = Code(&shown)
        )));
    }
    if there {
        return out.note(&format!("portreg: {name} already has {line}", line = Code(&line)));
    }
    out.note(&format!(
        "portreg: added {line} to {name} (commit it, so the team merges the registry by entry)",
        line = Code(&line)
    ))
}

/// Writes `.gitattributes`: in place of the old one when it `exists`, else as a new file.
fn write_attributes(path: &Path, text: &str, exists: bool) -> Result<(), Failure> {
    if exists {
        return write_atomic(path, text);
    }
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| Failure(format!("cannot write {}: {}", path.display(), io_reason(&e))))
}

/// Sets `key` in the repository's own config unless it holds `value` already.
fn config(git: &Git, key: &str, value: &str, out: &mut Out) -> Result<(), Failure> {
    let current = git.output(&["config", "--local", "--get", key])?;
    if current.as_deref().map(|v| v.trim_end_matches('\n')) == Some(value) {
        return out.note(&format!("portreg: git config {key} is already {value}", value = Code(value)));
    }
    git.line(&["config", "--local", key, value], &format!("set {key}"))?;
    out.note(&format!("portreg: set git config {key} to {value} (this clone only)", value = Code(value)))
}

#[cfg(test)]
mod tests {
    use super::attribute_line;

    #[test]
    fn attribute_lines_match_only_the_registry() {
        assert_eq!(attribute_line("ports.md"), "/ports.md merge=portreg");
        assert_eq!(attribute_line("team docs/ports[1].md"), "\"/team docs/ports\\\\[1].md\" merge=portreg");
        assert_eq!(attribute_line("a*b.md"), "/a\\*b.md merge=portreg");
    }
}
