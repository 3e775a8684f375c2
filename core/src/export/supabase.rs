//! `supabase/config.toml` sections for an instance, with the Supabase CLI's own keys.

use super::InstancePorts;

/// The port settings of a Supabase CLI `config.toml`: paste over the
/// generated file's sections of the same names.
pub fn supabase_config(ports: &InstancePorts) -> String {
    let port = |key: &str| ports.port(key).unwrap_or(0);
    format!(
        "# Supabase ports of {describe}.\n\
         # project_id differs per instance so that instances do not share Docker containers.\n\
         project_id = \"{slug}-{instance}\"\n\n\
         [api]\nport = {api}\n\n\
         [db]\nport = {db}\nshadow_port = {shadow}\n\n\
         [db.pooler]\nport = {pooler}\n\n\
         [studio]\nport = {studio}\n\n\
         [inbucket]\nport = {inbucket}\n\n\
         [analytics]\nport = {analytics}\n\n\
         [auth]\nsite_url = \"http://127.0.0.1:{frontend}\"\n",
        describe = ports.describe(),
        slug = ports.slug(),
        instance = ports.instance,
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
}
