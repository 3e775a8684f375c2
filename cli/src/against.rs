//! `portreg check --against REF`: the registry as it would be after merging
//! with another branch, read from git (`git show REF:PATH`).

use portreg_core::Code;
use portreg_core::{Diagnostic, Document};

use crate::git::Git;
use crate::input::Input;
use crate::Failure;

/// The G701 findings of merging `rev`'s version of the registry into
/// `document` (the file as it is), from their common ancestor.
pub fn findings(input: &Input, document: &Document, rev: &str) -> Result<Vec<Diagnostic>, Failure> {
    let Some(path) = &input.path else {
        return Err(Failure("--against reads the registry's file in a git repository, not standard input".to_owned()));
    };
    let git = Git::beside(path);
    let relative = git.relative(path)?;
    let theirs_commit = git.commit(rev)?;
    let Some(theirs) = git.show(&theirs_commit, &relative)? else {
        return Ok(Vec::new());
    };
    let head = git.commit("HEAD")?;
    let base_commit = git.output(&["merge-base", &head, &theirs_commit])?;
    let base = match base_commit.as_deref().map(str::trim) {
        Some(commit) if !commit.is_empty() => git.show(commit, &relative)?.unwrap_or_default(),
        _ => return Err(no_merge_base(&git, rev)),
    };
    Ok(document.check_against(&base, &theirs, rev))
}

/// Why there is nothing to compare with when git finds no common ancestor:
/// a shallow clone (the usual case in CI) lacks the history that holds it.
fn no_merge_base(git: &Git, rev: &str) -> Failure {
    let shallow = git.line(&["rev-parse", "--is-shallow-repository"], "ask").is_ok_and(|s| s == "true");
    let rev = format!("{}", Code(&portreg_core::visible(rev)));
    if shallow {
        return Failure(format!(
            "git finds no common ancestor of HEAD and {rev} in this shallow clone, so --against cannot tell \
             what each side added: fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` \
             with actions/checkout) and run it again"
        ));
    }
    Failure(format!(
        "HEAD and {rev} have no common ancestor, so --against cannot tell what each side added; \
         if this clone's history is cut short, fetch all of it (`fetch-depth: 0` with actions/checkout)"
    ))
}
