//! The policy's regular review ("monthly: review and clean up inactive
//! projects, archive deprecated port assignments, verify port assignments
//! match actual usage"): what to archive, what is deprecated, which
//! emergency assignments have lasted too long, and how many blocks are left.

use std::ops::Range;

use crate::allocate::BlockMap;
use crate::date::Date;
use crate::policy::Policy;
use crate::registry::{ProjectEntry, Registry};
use crate::status::Status;

/// Emergency assignments older than this many days are listed by default.
pub const EMERGENCY_DAYS: i64 = 7;

/// A projects row the review lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    /// The project, as written.
    pub project: String,
    /// Its status word, as written.
    pub status: String,
    /// Its date, when the row has a real one.
    pub date: Option<Date>,
    /// Why it is listed, as a short phrase.
    pub reason: String,
    /// The row's bytes.
    pub span: Range<usize>,
}

/// What the review lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// Inactive projects, and reserved ones left unused past the policy's days: to archive.
    pub archive: Vec<ReviewItem>,
    /// Deprecated entries: to archive or remove.
    pub deprecated: Vec<ReviewItem>,
    /// Emergency assignments older than the days asked for (or undated): to move back.
    pub emergency: Vec<ReviewItem>,
    /// Blocks held by live rows.
    pub blocks_used: u32,
    /// Blocks of the policy.
    pub blocks_total: u32,
}

/// Reviews `registry` as of `today`; emergency rows older than `emergency_days` are listed.
pub fn review(registry: &Registry, policy: &Policy, today: Date, emergency_days: i64) -> Review {
    let mut review = Review {
        archive: Vec::new(),
        deprecated: Vec::new(),
        emergency: Vec::new(),
        blocks_used: BlockMap::new(registry, policy).used(),
        blocks_total: policy.block_count,
    };
    for project in &registry.projects {
        let age = project.date().map(|d| today.days_after(d));
        let item = |reason: String| item(project, reason);
        match project.common.status {
            Some(Status::Inactive) => review.archive.push(item("inactive".to_owned())),
            Some(Status::Reserved) if age.is_some_and(|a| a > policy.stale_after_days) => {
                review.archive.push(item(format!("reserved {} days ago and not active", age.unwrap_or(0))))
            }
            Some(Status::Deprecated) => review.deprecated.push(item("deprecated".to_owned())),
            Some(Status::Emergency) => match age {
                Some(age) if age > emergency_days => review.emergency.push(item(format!("emergency for {age} days"))),
                None => review.emergency.push(item("emergency, with no date to tell since when".to_owned())),
                Some(_) => {}
            },
            _ => {}
        }
    }
    review
}

impl Review {
    /// Takes out of [`Review::archive`] the rows something listens on in
    /// `listing`: an entry in use is not to be archived (U608 reports it).
    pub fn leave_in_use(&mut self, registry: &Registry, policy: &Policy, listing: &crate::usage::Listing) {
        let in_use = |span: &Range<usize>| {
            registry
                .projects
                .iter()
                .find(|p| p.at.span == *span)
                .is_some_and(|p| p.ports(policy).any(|r| r.start <= r.end && !listing.within(r).is_empty()))
        };
        self.archive.retain(|item| !in_use(&item.span));
    }
}

fn item(project: &ProjectEntry, reason: String) -> ReviewItem {
    ReviewItem {
        project: project.common.name.to_string(),
        status: project.common.status_text.as_deref().unwrap_or("").to_owned(),
        date: project.date(),
        reason,
        span: project.at.span.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_what_the_policys_review_asks_for() {
        let doc = "| Project | Block | Status | Date |\n|---|---|---|---|\n\
                   | a | 0 | active | 2024-01-01 |\n| b | 1 | inactive | 2025-01-01 |\n\
                   | c | 2 | reserved | 2024-11-01 |\n| d | 3 | reserved | 2025-01-10 |\n\
                   | e | 4 | deprecated | 2024-01-01 |\n| f | 40000-40009 | emergency | 2025-01-01 |\n\
                   | g | 40010-40019 | emergency | 2025-01-14 |\n| h | 40020-40029 | emergency | |\n";
        let policy = Policy::default();
        let today = Date::parse("2025-01-15").unwrap();
        let review = review(&Registry::parse(doc, &policy), &policy, today, EMERGENCY_DAYS);
        let names =
            |items: &[ReviewItem]| items.iter().map(|i| format!("{}: {}", i.project, i.reason)).collect::<Vec<_>>();
        assert_eq!(names(&review.archive), ["b: inactive", "c: reserved 75 days ago and not active"]);
        assert_eq!(names(&review.deprecated), ["e: deprecated"]);
        assert_eq!(
            names(&review.emergency),
            ["f: emergency for 14 days", "h: emergency, with no date to tell since when"]
        );
        assert_eq!((review.blocks_used, review.blocks_total), (4, 100));
    }

    #[test]
    fn an_entry_in_use_is_not_to_archive() {
        let doc = "| Project | Block | Status |\n|---|---|---|\n| b | 1 | inactive |\n| c | 2 | inactive |\n";
        let policy = Policy::default();
        let registry = Registry::parse(doc, &policy);
        let today = Date::parse("2025-01-15").unwrap();
        let mut found = review(&registry, &policy, today, EMERGENCY_DAYS);
        let listing = crate::usage::parse("node 7 a 3u IPv4 1 0t0 TCP 127.0.0.1:30100 (LISTEN)\n").unwrap();
        found.leave_in_use(&registry, &policy, &listing);
        let names: Vec<&str> = found.archive.iter().map(|i| i.project.as_str()).collect();
        assert_eq!(names, ["c"]);
    }
}
