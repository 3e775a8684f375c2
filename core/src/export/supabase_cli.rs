//! What the Supabase CLI binds on the host, as its `pkg/config` has it: each
//! port's `config.toml` section and key, its default, when it binds, and the
//! policy role that takes it. The CLI reads `SUPABASE_` + the key path in
//! capitals (`.` as `_`) from the environment and from `.env` files in the
//! project and its `supabase/` folder, over `config.toml`.

use crate::policy::Role;

/// The email testing section that Supabase CLI 2.109 and later read.
pub const MAIL_SECTION: &str = "local_smtp";

/// The same section's name in older Supabase CLIs (still read, with a warning).
pub const LEGACY_MAIL_SECTION: &str = "inbucket";

/// The variable each instance's `.env` sets to its `project_id`, which
/// `config.toml` reads as `project_id = "env(PORTREG_PROJECT_ID)"` (the CLI
/// substitutes `env(…)` in any string value). Not `SUPABASE_PROJECT_ID`: the
/// CLI reads that as the reference of the linked remote project.
pub const PROJECT_ID_VARIABLE: &str = "PORTREG_PROJECT_ID";

/// One port the Supabase CLI can bind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CliPort {
    /// Its `config.toml` section, such as `db.pooler`.
    pub section: &'static str,
    /// Its key in that section, such as `port`.
    pub key: &'static str,
    /// The CLI's default.
    pub default: u32,
    /// The policy role whose port it takes; `None` when the instance has no
    /// port for it.
    pub role: Option<Role>,
    /// When the CLI binds it.
    pub binds: &'static str,
}

impl CliPort {
    /// The environment variable that overrides it: `SUPABASE_DB_SHADOW_PORT`.
    pub fn variable(&self) -> String {
        variable_of(self.section, self.key)
    }
}

/// `SUPABASE_` + `section.key` in capitals with `.` as `_`, as the CLI's
/// configuration reader looks it up.
pub fn variable_of(section: &str, key: &str) -> String {
    format!("SUPABASE_{}_{}", section.replace('.', "_"), key).to_ascii_uppercase()
}

/// Every host port of a local Supabase stack.
pub const CLI_PORTS: [CliPort; 10] = [
    port("api", "port", 54321, Some(Role::SupabaseApi), "on supabase start"),
    port("db", "port", 54322, Some(Role::Database), "on supabase start"),
    port("db", "shadow_port", 54320, Some(Role::Auxiliary), "during supabase db diff, db pull and db lint"),
    port("db.pooler", "port", 54329, Some(Role::Pooler), "on supabase start when [db.pooler] is enabled"),
    port("studio", "port", 54323, Some(Role::SupabaseStudio), "on supabase start"),
    port(MAIL_SECTION, "port", 54324, Some(Role::SupabaseMail), "on supabase start"),
    port("analytics", "port", 54327, Some(Role::Analytics), "on supabase start"),
    port(MAIL_SECTION, "smtp_port", 54325, None, "only when set: the template leaves it commented out"),
    port(MAIL_SECTION, "pop3_port", 54326, None, "only when set: the template leaves it commented out"),
    port("edge_runtime", "inspector_port", 8083, None, "only during supabase functions serve --inspect"),
];

const fn port(
    section: &'static str,
    key: &'static str,
    default: u32,
    role: Option<Role>,
    binds: &'static str,
) -> CliPort {
    CliPort { section, key, default, role, binds }
}

/// The CLI port that `role` takes, when there is one.
pub fn cli_port_for(role: Role) -> Option<&'static CliPort> {
    CLI_PORTS.iter().find(|p| p.role == Some(role))
}

/// The role whose port takes the CLI's default `port`, when it is one of them.
pub fn role_of_default(port: u32) -> Option<Role> {
    CLI_PORTS.iter().find(|p| p.default == port).and_then(|p| p.role)
}

/// Whether a running Supabase stack binds the port of `role` itself.
pub fn stack_binds(role: Role) -> bool {
    cli_port_for(role).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_follow_the_key_path() {
        let names: Vec<String> = CLI_PORTS.iter().map(CliPort::variable).collect();
        assert_eq!(
            names,
            [
                "SUPABASE_API_PORT",
                "SUPABASE_DB_PORT",
                "SUPABASE_DB_SHADOW_PORT",
                "SUPABASE_DB_POOLER_PORT",
                "SUPABASE_STUDIO_PORT",
                "SUPABASE_LOCAL_SMTP_PORT",
                "SUPABASE_ANALYTICS_PORT",
                "SUPABASE_LOCAL_SMTP_SMTP_PORT",
                "SUPABASE_LOCAL_SMTP_POP3_PORT",
                "SUPABASE_EDGE_RUNTIME_INSPECTOR_PORT",
            ]
        );
        assert_eq!(variable_of(LEGACY_MAIL_SECTION, "port"), "SUPABASE_INBUCKET_PORT");
    }

    #[test]
    fn each_role_takes_one_default() {
        assert_eq!(role_of_default(54320), Some(Role::Auxiliary));
        assert_eq!(role_of_default(54329), Some(Role::Pooler));
        assert_eq!(role_of_default(54325), None);
        assert!(stack_binds(Role::Auxiliary) && !stack_binds(Role::Frontend) && !stack_binds(Role::Vector));
    }
}
