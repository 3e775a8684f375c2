//! S4xx: statuses, owners and dates.

use crate::code_span::Code;
use rustc_hash::FxHashMap;

use super::{Context, Diagnostic, Fix, Rule, RuleDoc, Severity, Violation};
use crate::date::Date;
use crate::edit::set_cell;
use crate::ports::is_placeholder;
use crate::registry::{Common, ProjectKey, RowRef};
use crate::status::Status;

/// S401: a status outside the vocabulary.
pub static UNKNOWN_STATUS: Rule = Rule {
    code: "S401",
    name: "unknown-status",
    severity: Severity::Warning,
    severity_note: None,
    doc: RuleDoc {
        what: "A status cell holds a word outside the vocabulary: reserved, active, inactive, \
               legacy, emergency, deprecated, archived (any case).",
        why: "The status decides whether a row holds its ports; an unknown one is taken as live, \
              which may keep a block from being reused.",
        example: "| Project | Ports | Status |\n|---|---|---|\n| api | 30500-30599 | paused |\n",
        fix: "Use one of the seven statuses (`inactive` for a paused project).",
    },
};

/// A status word outside the vocabulary.
pub(super) struct UnknownStatus<'a> {
    pub text: &'a str,
}

impl Violation for UnknownStatus<'_> {
    const RULE: &'static Rule = &UNKNOWN_STATUS;

    fn message(&self) -> String {
        format!("unknown status {}", Code(self.text))
    }

    fn help(&self) -> String {
        let words: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        format!("use one of: {}", words.join(", "))
    }
}

/// S402: a reserved or inactive entry untouched for long.
pub static STALE_ENTRY: Rule = Rule {
    code: "S402",
    name: "stale-entry",
    severity: Severity::Info,
    severity_note: None,
    doc: RuleDoc {
        what: "A row is `reserved` or `inactive` and dated more than 30 days before today.",
        why: "The policy asks for a monthly clean-up: a block reserved and never used is a block \
              nobody else can have.",
        example:
            "| Project | Ports | Status | Date |\n|---|---|---|---|\n| api | 30500-30599 | reserved | 2020-01-01 |\n",
        fix: "Set the row `active` (and update the date) if the project is in use, or `archived` \
              to free the block.",
    },
};

/// A row left reserved or inactive since `date`, `age` days ago.
pub(super) struct StaleEntry {
    pub status: Status,
    pub date: Date,
    pub age: i64,
}

impl Violation for StaleEntry {
    const RULE: &'static Rule = &STALE_ENTRY;

    fn message(&self) -> String {
        format!("{} since {}, {} days ago", self.status.as_str(), self.date, self.age)
    }

    fn help(&self) -> String {
        "set it active if in use, or archived to free the block".to_owned()
    }
}

/// S403: a projects row without owner, path or date.
pub static MISSING_FIELD: Rule = Rule {
    code: "S403",
    name: "missing-field",
    severity: Severity::Info,
    severity_note: None,
    doc: RuleDoc {
        what: "A projects row leaves its owner, path or date cell empty (when the table has that column).",
        why: "Conflicts are resolved by asking the owner; the path says which checkout uses the \
              ports; the date tells stale entries apart.",
        example: "| Project | Ports | Owner |\n|---|---|---|\n| api | 30500-30599 | |\n",
        fix: "Fill in the empty cells.",
    },
};

/// The fields a row leaves empty.
pub(super) struct MissingField {
    pub fields: Vec<&'static str>,
}

impl Violation for MissingField {
    const RULE: &'static Rule = &MISSING_FIELD;

    fn message(&self) -> String {
        format!("no {}", self.fields.join(", "))
    }

    fn help(&self) -> String {
        "fill in the empty cells so the team knows whom to ask".to_owned()
    }
}

/// S404: an active instance of a project that is not.
pub static STATUS_INCONSISTENT: Rule = Rule {
    code: "S404",
    name: "status-inconsistent",
    severity: Severity::Warning,
    severity_note: None,
    doc: RuleDoc {
        what: "An instance is `active` while its project is `inactive`, `deprecated` or `archived`.",
        why: "Either the project is in use and its row is out of date, or the instance is a \
              leftover that still holds ports.",
        example: "| Project | Ports | Status |\n|---|---|---|\n| api | 30500-30599 | archived |\n\n\
                  | Project | Instance | Ports | Status |\n|---|---|---|---|\n| api | 1 | 30500-30509 | active |\n",
        fix: "Set the project active again, or set the instance inactive.",
    },
};

/// An active instance of a project whose rows are all retired, with the first row's status.
pub(super) struct StatusInconsistent<'a> {
    pub name: &'a str,
    pub status: &'static str,
}

impl Violation for StatusInconsistent<'_> {
    const RULE: &'static Rule = &STATUS_INCONSISTENT;

    fn message(&self) -> String {
        format!("instance is active, but {} is {}", Code(self.name), self.status)
    }

    fn help(&self) -> String {
        "set the project active again, or the instance inactive".to_owned()
    }
}

/// S405: a date after today.
pub static FUTURE_DATE: Rule = Rule {
    code: "S405",
    name: "future-date",
    severity: Severity::Warning,
    severity_note: None,
    doc: RuleDoc {
        what: "A row is dated after today.",
        why: "Usually a typo in the year or a swapped month and day; it also hides the row from \
              the staleness check.",
        example: "| Project | Ports | Date |\n|---|---|---|\n| api | 30500-30599 | 2099-01-01 |\n",
        fix: "Write the date the entry was made.",
    },
};

/// A date after today.
pub(super) struct FutureDate {
    pub date: Date,
    pub today: Date,
}

impl Violation for FutureDate {
    const RULE: &'static Rule = &FUTURE_DATE;

    fn message(&self) -> String {
        format!("{} is after today ({})", self.date, self.today)
    }

    fn help(&self) -> String {
        "write the date the entry was made".to_owned()
    }
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut project_statuses: FxHashMap<ProjectKey<'_>, Vec<Option<Status>>> = FxHashMap::default();
    for project in &cx.registry.projects {
        let span = project.at.span.clone();
        project_statuses.entry(project.common.key()).or_default().push(project.common.status);
        unknown_status(cx, &project.common, &project.at, out);
        let fields = [("owner", &project.owner), ("path", &project.path), ("date", &project.date_text)];
        let missing: Vec<&str> =
            fields.iter().filter(|(_, v)| v.as_deref().is_some_and(is_placeholder)).map(|(name, _)| *name).collect();
        if !missing.is_empty() {
            out.push(Diagnostic::of(span.clone(), MissingField { fields: missing }));
        }
        let Some(date) = project.date() else { continue };
        dates(cx, project.common.status, date, &span, out);
    }
    for instance in &cx.registry.instances {
        let span = instance.at.span.clone();
        unknown_status(cx, &instance.common, &instance.at, out);
        if instance.common.status != Some(Status::Active) {
            continue;
        }
        let Some(statuses) = project_statuses.get(&instance.common.key()) else { continue };
        let retired = |s: &Option<Status>| matches!(s, Some(Status::Inactive | Status::Deprecated | Status::Archived));
        if statuses.iter().all(retired) {
            let status = statuses.first().copied().flatten().map_or("inactive", Status::as_str);
            out.push(Diagnostic::of(span, StatusInconsistent { name: &instance.common.name, status }));
        }
    }
}

fn unknown_status(cx: &Context<'_>, common: &Common, at: &RowRef, out: &mut Vec<Diagnostic>) {
    let Some(text) = common.status_text.as_deref().filter(|t| !is_placeholder(t)) else { return };
    if common.status.is_none() {
        let fix = closest_status(text).and_then(|status| respell(cx, at, text, status));
        out.push(Diagnostic::of(at.span.clone(), UnknownStatus { text }).with_fix(fix));
    }
}

/// The status `text` is a misspelling of: the only one within two edits
/// (letters added, dropped or changed), ignoring case.
fn closest_status(text: &str) -> Option<Status> {
    let typed = text.trim().to_ascii_lowercase();
    let mut near = Status::ALL.iter().filter(|s| edit_distance(&typed, s.as_str()) <= 2);
    let first = *near.next()?;
    near.next().is_none().then_some(first)
}

/// Levenshtein distance between two short words, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            current[j + 1] = (previous[j] + usize::from(ca != cb)).min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// Rewrites the status cell to `status`, capitalised as the old word was.
/// Safe when the row holds its ports either way (a misspelt status counts as
/// live); unsafe when the new status gives them up.
fn respell(cx: &Context<'_>, at: &RowRef, old: &str, status: Status) -> Option<Fix> {
    let column = cx.registry.tables[at.table].columns.status?;
    let cell = cx.registry.row(at).cells.get(column)?;
    let word = status.as_str();
    let text = if old.starts_with(char::is_uppercase) {
        format!("{}{}", word[..1].to_ascii_uppercase(), &word[1..])
    } else {
        word.to_owned()
    };
    let title = format!("Write the status as {text}", text = Code(&text));
    let edits = vec![set_cell(cx.source, cell, &text)];
    Some(if status.is_live() {
        Fix::safe(title, edits)
    } else {
        Fix::unsafe_because(
            title,
            edits,
            format!("the row gives up its ports as {word}, so its block can be handed to another project"),
        )
    })
}

fn dates(
    cx: &Context<'_>,
    status: Option<Status>,
    date: Date,
    span: &std::ops::Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let age = cx.today.days_after(date);
    if age < 0 {
        out.push(Diagnostic::of(span.clone(), FutureDate { date, today: cx.today }));
    } else if age > cx.policy.stale_after_days {
        if let Some(status @ (Status::Reserved | Status::Inactive)) = status {
            out.push(Diagnostic::of(span.clone(), StaleEntry { status, date, age }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_status_is_the_one_status_it_is_near() {
        assert_eq!(closest_status("actve"), Some(Status::Active));
        assert_eq!(closest_status("Reserverd"), Some(Status::Reserved));
        assert_eq!(closest_status("paused"), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
