//! `supabase/config.toml` sections for an instance, with the Supabase CLI's own keys.

use super::{visible, InstancePorts};

/// The longest `project_id` the Supabase CLI takes.
const PROJECT_ID_MAX: usize = 40;

/// The port settings of a Supabase CLI `config.toml`: paste over the
/// generated file's sections of the same names. The project's name appears
/// only in a comment, escaped to stay on its line, and in `project_id`.
pub fn supabase_config(ports: &InstancePorts) -> String {
    let port = |key: &str| ports.port(key).unwrap_or(0);
    format!(
        "# Supabase ports of {describe}.\n\
         # project_id differs per instance so that instances do not share Docker containers.\n\
         project_id = \"{project_id}\"\n\n\
         [api]\nport = {api}\n\n\
         [db]\nport = {db}\nshadow_port = {shadow}\n\n\
         [db.pooler]\nport = {pooler}\n\n\
         [studio]\nport = {studio}\n\n\
         [inbucket]\nport = {inbucket}\n\n\
         [analytics]\nport = {analytics}\n\n\
         [auth]\nsite_url = \"http://127.0.0.1:{frontend}\"\n",
        describe = visible(&ports.describe()),
        project_id = project_id(ports),
        api = port("supabase-api"),
        db = port("database"),
        shadow = port("aux"),
        pooler = port("pooler"),
        studio = port("supabase-studio"),
        inbucket = port("supabase-inbucket"),
        analytics = port("analytics"),
        frontend = port("frontend"),
    )
}

/// The instance's `project_id`: at most 40 of `[a-z0-9_-]`, starting with a
/// letter or digit. `{slug}-{instance}` when the slug spells the name
/// (capitals aside) and fits; else the slug, cut to fit, with a hash of the
/// name: `{slug}_{hash}-{instance}`, so that projects whose slugs meet keep
/// their containers apart.
fn project_id(ports: &InstancePorts) -> String {
    let suffix = format!("-{}", ports.instance);
    let slug = ports.slug();
    let key = crate::registry::project_key(&ports.project);
    if key == slug && slug.len() + suffix.len() <= PROJECT_ID_MAX {
        return format!("{slug}{suffix}");
    }
    let hash = format!("_{:08x}", name_hash(&key));
    let room = PROJECT_ID_MAX.saturating_sub(hash.len() + suffix.len());
    let head = slug[..slug.len().min(room)].trim_end_matches('-');
    format!("{head}{hash}{suffix}")
}

/// FNV-1a of `text`, folded to 32 bits: stable across platforms and releases.
fn name_hash(text: &str) -> u32 {
    let hash = text
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
    (hash ^ (hash >> 32)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::my_project;

    #[test]
    fn uses_the_policy_offsets() {
        let toml = supabase_config(&my_project());
        for line in ["[api]\nport = 30513", "[db]\nport = 30512\nshadow_port = 30519", "[studio]\nport = 30514"] {
            assert!(toml.contains(line), "{line}\n{toml}");
        }
        insta::assert_snapshot!(toml);
    }

    fn id_of(name: &str) -> String {
        let mut ports = my_project();
        ports.project = name.into();
        project_id(&ports)
    }

    #[test]
    fn project_ids_are_short_valid_and_apart() {
        assert_eq!(id_of("my-project"), "my-project-2");
        assert_eq!(id_of("My-Project"), "my-project-2");
        let ids = [id_of("my project"), id_of("my_project"), id_of("🚀"), id_of("🛸"), id_of(&"a".repeat(1024))];
        for id in &ids {
            assert!(id.len() <= PROJECT_ID_MAX, "{id}");
            assert!(id.starts_with(|c: char| c.is_ascii_alphanumeric()), "{id}");
            assert!(id.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c)), "{id}");
            assert!(id.ends_with("-2"), "{id}");
        }
        assert!(ids[0].starts_with("my-project_"), "{}", ids[0]);
        let distinct: std::collections::HashSet<_> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len(), "{ids:?}");
    }
}
