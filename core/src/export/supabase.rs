//! `supabase/config.toml` settings for an instance, with the Supabase CLI's own keys.

use super::supabase_cli::{CLI_PORTS, LEGACY_MAIL_SECTION, MAIL_SECTION, PROJECT_ID_VARIABLE};
use super::{visible, InstancePorts};
use crate::policy::Role;

/// The port settings of a Supabase CLI `config.toml`, each under its section:
/// set them in the project's file and keep its other keys. `+9` is the
/// shadow database. Ports the CLI binds that the instance has no port for
/// are listed in comments with when they bind. The project's name appears
/// only in a comment, escaped to stay on its line.
/// An instance that runs no local stack ([`InstancePorts::supabase`] off)
/// gets only a comment saying so.
pub fn supabase_config(ports: &InstancePorts) -> String {
    if !ports.supabase {
        return format!(
            "# {} runs no local Supabase stack: there is no supabase/config.toml to write.\n\
             # An instance that runs one gets its stack's ports here.\n",
            visible(&ports.describe())
        );
    }
    let port = |role: Role| ports.port(role).unwrap_or(0);
    let frontend = port(Role::Frontend);
    let mut out = format!(
        "# Supabase ports of {describe}.\n\
         # Set these keys in supabase/config.toml, each under its section; keep the file's other keys.\n\
         # project_id differs per instance, so instances never share containers or the database volume.\n\
         # It comes from .env ({variable}={project_id} for this instance) with the ports, so one config.toml\n\
         # serves every instance and each instance's .env starts its own stack. Where .env does not set it,\n\
         # the CLI warns and uses env_{variable}_ instead.\n\
         project_id = \"env({variable})\"\n\n\
         [api]\nport = {api}\n\n\
         [db]\nport = {db}\n\
         # +9: the shadow database of supabase db diff, db pull and db lint; not free for other use.\n\
         shadow_port = {shadow}\n\n\
         [db.pooler]\n# Binds only when enabled = true.\nport = {pooler}\n\n\
         [studio]\nport = {studio}\n\n\
         # Email testing (Mailpit). Supabase CLI 2.109 and later read [{mail}]; older ones read the\n\
         # same keys as [{legacy}]: rename the section for them.\n\
         [{mail}]\nport = {mail_port}\n\n\
         [analytics]\nport = {analytics}\n\n\
         [auth]\nsite_url = \"http://127.0.0.1:{frontend}\"\n\
         # Merge with the project's own redirect URLs.\n\
         additional_redirect_urls = [\"http://127.0.0.1:{frontend}\", \"http://localhost:{frontend}\"]\n",
        describe = visible(&ports.describe()),
        project_id = ports.project_id(),
        variable = PROJECT_ID_VARIABLE,
        api = port(Role::SupabaseApi),
        db = port(Role::Database),
        shadow = port(Role::Auxiliary),
        pooler = port(Role::Pooler),
        studio = port(Role::SupabaseStudio),
        mail = MAIL_SECTION,
        legacy = LEGACY_MAIL_SECTION,
        mail_port = port(Role::SupabaseMail),
        analytics = port(Role::Analytics),
    );
    out.push_str("\n# Ports the CLI binds that have no port in the instance; they keep their defaults:\n");
    for cli in CLI_PORTS.iter().filter(|p| p.role.is_none()) {
        out.push_str(&format!(
            "# - [{}] {} = {} binds {}; every instance uses the same port, so one instance at a time.\n",
            cli.section, cli.key, cli.default, cli.binds
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::my_project;

    #[test]
    fn uses_the_policy_offsets() {
        let toml = supabase_config(&my_project());
        for line in ["[api]\nport = 30513", "[db]\nport = 30512\n", "shadow_port = 30519\n", "[studio]\nport = 30514"] {
            assert!(toml.contains(line), "{line}\n{toml}");
        }
        insta::assert_snapshot!(toml);
    }

    #[test]
    fn an_instance_without_a_stack_gets_no_ports_to_set() {
        let toml = supabase_config(&my_project().with_supabase(false));
        assert!(toml.lines().all(|line| line.starts_with('#')), "{toml}");
        assert!(toml.contains("runs no local Supabase stack"), "{toml}");
    }
}
