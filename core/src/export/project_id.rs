//! The Supabase `project_id` (and Compose project name) of an instance.
//!
//! The Supabase CLI replaces each run of characters outside `[A-Za-z0-9_.-]`
//! with `_`, drops leading `_.-` and cuts the id at 40 characters; containers
//! and the database volume are named after it. Two instances whose ids meet
//! share one stack, so every id here is already in that form, and distinct
//! for distinct projects and blocks: `{slug}-{instance}` when the slug spells
//! the name (capitals aside) and fits, else the slug cut to fit with a hash of
//! the name, `{slug}_{hash}-{instance}`; an instance of a project's
//! additional block has `_b{block}` before `-{instance}`. Slugs hold no `_`,
//! a hash is 8 hex digits and a block at most 3 digits, so the parts read back
//! one way only. Compose takes the same id: it is lowercase, starts with a
//! letter or digit and holds only `a-z0-9_-`.

use crate::registry::ProjectKey;

/// The longest `project_id` the Supabase CLI keeps.
pub const PROJECT_ID_MAX: usize = 40;

/// The id of instance `instance` of the project named `name`, in its first
/// block (`additional_block` `None`) or in one of its additional blocks.
pub fn project_id(name: &str, additional_block: Option<u32>, instance: u32) -> String {
    let block = additional_block.map(|b| format!("_b{b}")).unwrap_or_default();
    let suffix = format!("{block}-{instance}");
    let key = ProjectKey::of(name);
    let slug = slug(name);
    if key.as_str() == slug && slug.len() + suffix.len() <= PROJECT_ID_MAX {
        return format!("{slug}{suffix}");
    }
    let hash = format!("_{:08x}", name_hash(key.as_str()));
    let room = PROJECT_ID_MAX.saturating_sub(hash.len() + suffix.len());
    let head = slug[..slug.len().min(room)].trim_end_matches('-');
    format!("{head}{hash}{suffix}")
}

/// `name` in lowercase letters, digits and single dashes; `project` when
/// nothing is left.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "project".to_owned()
    } else {
        slug.to_owned()
    }
}

/// FNV-1a of `text`, folded to 32 bits: stable across platforms and releases.
pub fn name_hash(text: &str) -> u32 {
    let hash = text
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
    (hash ^ (hash >> 32)) as u32
}

/// What the Supabase CLI makes of a `project_id`, as its `sanitizeProjectId` does.
pub fn sanitized_by_cli(id: &str) -> String {
    let mut out = String::new();
    let mut in_run = false;
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') {
            out.push(c);
            in_run = false;
        } else if !in_run {
            out.push('_');
            in_run = true;
        }
    }
    let out = out.trim_start_matches(['_', '.', '-']);
    out.chars().take(PROJECT_ID_MAX).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_short_valid_and_apart() {
        assert_eq!(project_id("my-project", None, 2), "my-project-2");
        assert_eq!(project_id("My-Project", None, 2), "my-project-2");
        assert_eq!(project_id("my-project", Some(7), 2), "my-project_b7-2");
        assert_eq!(project_id("x-b7", None, 2), "x-b7-2");
        let long = "a".repeat(1024);
        let names = ["my project", "my_project", "🚀", "🛸", &long, "customer-onboarding-analytics-dashboard-v2"];
        let mut ids: Vec<String> = names.iter().map(|n| project_id(n, None, 10)).collect();
        ids.extend(names.iter().map(|n| project_id(n, Some(99), 10)));
        for id in &ids {
            assert!(id.len() <= PROJECT_ID_MAX, "{id}");
            assert_eq!(&sanitized_by_cli(id), id, "the CLI keeps it");
            assert!(id.ends_with("-10"), "{id}");
        }
        assert!(ids[0].starts_with("my-project_"), "{}", ids[0]);
        let distinct: std::collections::HashSet<_> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len(), "{ids:?}");
    }

    /// Ids already in use name a project's containers and database volume:
    /// a new id for the same name would start them afresh, so these stay.
    #[test]
    fn ids_never_change_for_a_name() {
        for (name, id) in [
            ("Straße", "stra-e_66d2130a-1"),
            ("straße", "stra-e_66d2130a-1"),
            ("Λόγος", "project_06face27-1"),
            ("ﬁle-api", "le-api_67bc2eee-1"),
            ("ǅemo", "emo_1e656cf7-1"),
            ("My App", "my-app_71c67543-1"),
        ] {
            assert_eq!(project_id(name, None, 1), id, "{name}");
        }
    }

    #[test]
    fn the_cli_sanitizer_is_read_as_written() {
        assert_eq!(sanitized_by_cli("My App!!v2"), "My_App_v2");
        assert_eq!(sanitized_by_cli("--.x"), "x");
        assert_eq!(sanitized_by_cli(&"b".repeat(50)).len(), 40);
    }
}
