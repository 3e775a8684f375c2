//! G7xx: a registry merged from two branches of a git repository.

use crate::code_span::Code;
use std::ops::Range;

use super::{Context, Diagnostic, Rule, RuleDoc, Severity, Violation};
use crate::merge::{self, Collision, Stray};
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

/// Two branches' claims on one block or slot, and where one can go instead.
pub(super) enum MergeCollision<'a> {
    /// Rows inside a merge conflict of the document.
    InConflict(&'a Collision),
    /// A row of ours and a row that landed on the branch `label`.
    Against { collision: &'a Collision, label: &'a str },
    /// An instance row the merge with `label` would leave outside its project's blocks.
    Stray { stray: &'a Stray, label: &'a str },
}

impl Violation for MergeCollision<'_> {
    const RULE: &'static Rule = &MERGE_COLLISION;

    fn message(&self) -> String {
        match self {
            Self::InConflict(c) => {
                format!("{} (theirs) claims {}, which {} (ours) claims too", Code(&c.theirs), c.claim, Code(&c.ours))
            }
            Self::Against { collision: c, label } => {
                format!(
                    "{} claims {}, which {} took on {label}",
                    Code(&c.ours),
                    c.claim,
                    Code(&c.theirs),
                    label = Code(label)
                )
            }
            Self::Stray { stray, label } => {
                let (project, ranges) = (&stray.project, &stray.ranges);
                if stray.made_by_ours {
                    format!(
                        "this row of {project} holds {ranges}, in a block {label} moved {project} out of",
                        project = Code(project),
                        label = Code(label)
                    )
                } else {
                    format!(
                        "{label} adds a row of {project} at {ranges}, in the block {project} leaves here",
                        project = Code(project),
                        label = Code(label)
                    )
                }
            }
        }
    }

    fn help(&self) -> String {
        let collision = match self {
            Self::InConflict(collision) | Self::Against { collision, .. } => collision,
            Self::Stray { stray, .. } => {
                return format!("give that row a free slot in a block {} has once merged", Code(&stray.project))
            }
        };
        match &collision.free {
            Some(_) => format!("{}: move one of them there, with its instance rows", collision.advice()),
            None if collision.in_colliding_block => collision.advice(),
            None => "nothing is free on both sides: archive a project nobody uses, then move one of them".to_owned(),
        }
    }
}

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

/// A conflict left open (`<<<<<<<` to `>>>>>>>`), or a marker line outside any conflict.
pub(super) struct ConflictMarker {
    pub opens: bool,
}

impl Violation for ConflictMarker {
    const RULE: &'static Rule = &CONFLICT_MARKER;

    fn message(&self) -> String {
        if self.opens {
            "a merge conflict is left here, from `<<<<<<<` to `>>>>>>>`"
        } else {
            "a conflict marker line outside any conflict"
        }
        .to_owned()
    }

    fn help(&self) -> String {
        if self.opens {
            "keep the lines meant to stay, delete the others and the marker lines, then check the registry again"
        } else {
            "delete the marker line, then check the registry again"
        }
        .to_owned()
    }
}

/// Conflicts left in the document: each one (G702), and those whose two
/// sides claim the same ports (G701).
pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for marker in merge::conflict_markers(cx.source) {
        out.push(Diagnostic::of(marker.span, ConflictMarker { opens: marker.kind == '<' }));
    }
    for (span, collision) in merge::conflict_collisions(cx.source, cx.policy) {
        out.push(Diagnostic::of(span, MergeCollision::InConflict(&collision)));
    }
}

/// The collisions merging `theirs` (named `label`) into `ours` would make,
/// both versions of `base`, as findings on ours' rows.
pub fn against(ours: &str, base: &str, theirs: &str, label: &str, policy: &Policy) -> Vec<Diagnostic> {
    let found: Vec<(Range<usize>, Collision)> = merge::against(ours, base, theirs, policy);
    let collisions = found
        .into_iter()
        .map(|(span, collision)| Diagnostic::of(span, MergeCollision::Against { collision: &collision, label }));
    let strays = merge::against_strays(ours, base, theirs, policy).into_iter();
    collisions
        .chain(strays.map(|(span, stray)| Diagnostic::of(span, MergeCollision::Stray { stray: &stray, label })))
        .collect()
}
