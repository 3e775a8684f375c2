//! G7xx: a registry merged from two branches of a git repository.

use std::ops::Range;

use super::{Context, Diagnostic, Rule, RuleDoc, Severity};
use crate::merge::{self, Collision};
use crate::policy::Policy;

/// G701: both sides of a merge gave one block (or instance slot) away.
pub static MERGE_COLLISION: Rule = Rule {
    code: "G701",
    name: "merge-collision",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "Two branches each gave the same block (or instance slot) to a different project (or instance): \
               rows inside a merge conflict of the registry, or, with `portreg check --against REF`, a row of \
               this branch and a row that landed on REF since the branches parted. With `--against`, also an \
               instance row the merge would leave in a block its project moved out of on the other branch.",
        why: "Each branch is fine on its own, and git merges the two new rows without a conflict since they are \
              different lines: the registry then gives one block to two projects, and both start services on \
              the same ports.",
        example: "| Project | Block | Ports | Status |\n|---|---|---|---|\n\
                  <<<<<<< ours (portreg: both sides claim block 1 (30100-30199); block 2 (30200-30299) is free on both sides)\n\
                  | x | Block 1 | 30100-30199 | reserved |\n=======\n| y | Block 1 | 30100-30199 | reserved |\n>>>>>>> theirs\n",
        fix: "Keep one row in the block and move the other project to the block the finding names, free on \
              both sides (its instance rows with it). `portreg merge-driver --resolve move` does this while \
              merging; `portreg git-setup` installs the driver.",
    },
};

/// G702: a merge conflict left in the registry.
pub static CONFLICT_MARKER: Rule = Rule {
    code: "G702",
    name: "conflict-marker",
    severity: Severity::Error,
    severity_note: None,
    doc: RuleDoc {
        what: "A merge conflict is left in the registry: a line opening one (`<<<<<<<`), or a `|||||||` or \
               `>>>>>>>` marker line outside any conflict. A `=======` line outside a conflict is not one: in \
               markdown it underlines a heading.",
        why: "Between the markers are two versions of some rows, and only one is meant: tools read both (or \
              neither), so a block may be given twice or a row lost. Git's merge driver leaves the markers for \
              a person to resolve, and a conflict that is not a collision (G701) still has to be resolved.",
        example: "| Project | Block | Ports | Status |\n|---|---|---|---|\n\
                  <<<<<<< ours\n| api | Block 0 | 30000-30099 | active |\n=======\n\
                  | api | Block 0 | 30000-30099 | inactive |\n>>>>>>> theirs\n",
        fix: "Keep the lines meant to stay and delete the others and the marker lines, then run \
              `portreg check` again.",
    },
};

/// Conflicts left in the document: each one (G702), and those whose two
/// sides claim the same ports (G701).
pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for marker in merge::conflict_markers(cx.source) {
        let (message, help) = match marker.kind {
            '<' => (
                "a merge conflict is left here, from `<<<<<<<` to `>>>>>>>`",
                "keep the lines meant to stay, delete the others and the marker lines, then check the registry again",
            ),
            _ => {
                ("a conflict marker line outside any conflict", "delete the marker line, then check the registry again")
            }
        };
        out.push(Diagnostic::new(&CONFLICT_MARKER, marker.span, message.to_owned(), help.to_owned()));
    }
    for (span, collision) in merge::conflict_collisions(cx.source, cx.policy) {
        let message = format!(
            "`{}` (theirs) claims {}, which `{}` (ours) claims too",
            collision.theirs, collision.claim, collision.ours
        );
        out.push(Diagnostic::new(&MERGE_COLLISION, span, message, help(&collision)));
    }
}

/// The collisions merging `theirs` (named `label`) into `ours` would make,
/// both versions of `base`, as findings on ours' rows.
pub fn against(ours: &str, base: &str, theirs: &str, label: &str, policy: &Policy) -> Vec<Diagnostic> {
    let found: Vec<(Range<usize>, Collision)> = merge::against(ours, base, theirs, policy);
    found
        .into_iter()
        .map(|(span, collision)| {
            let message = format!(
                "`{}` claims {}, which `{}` took on `{label}`",
                collision.ours, collision.claim, collision.theirs
            );
            Diagnostic::new(&MERGE_COLLISION, span, message, help(&collision))
        })
        .chain(merge::against_strays(ours, base, theirs, policy).into_iter().map(|(span, stray)| {
            let (project, ranges) = (&stray.project, &stray.ranges);
            let message = if stray.made_by_ours {
                format!("this row of `{project}` holds {ranges}, in a block `{label}` moved `{project}` out of")
            } else {
                format!("`{label}` adds a row of `{project}` at {ranges}, in the block `{project}` leaves here")
            };
            let help = format!("give that row a free slot in a block `{project}` has once merged");
            Diagnostic::new(&MERGE_COLLISION, span, message, help)
        }))
        .collect()
}

/// Where to go instead.
fn help(collision: &Collision) -> String {
    match &collision.free {
        Some(_) => format!("{}: move one of them there, with its instance rows", collision.advice()),
        None if collision.in_colliding_block => collision.advice(),
        None => "nothing is free on both sides: archive a project nobody uses, then move one of them".to_owned(),
    }
}
