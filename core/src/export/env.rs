//! `.env` and `.env.example` for an instance.
//!
//! Under a Supabase stack the file also carries the variables the Supabase
//! CLI reads over `config.toml` (`SUPABASE_DB_PORT`…), all of them, and the
//! `project_id` that `config.toml` takes from it, so that an instance's
//! `.env` starts that instance's stack: never a mix of two instances. The
//! id is not `SUPABASE_PROJECT_ID`: the CLI reads that as the remote
//! project's reference.

use super::supabase_cli::{variable_of, CLI_PORTS, LEGACY_MAIL_SECTION, PROJECT_ID_VARIABLE};
use super::{visible, InstancePorts};

/// One `VARIABLE=value` line, with what it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// The variable: ASCII letters, digits and `_`.
    pub variable: String,
    /// Its value: a port number or an id of `[a-z0-9_-]`, never quoted.
    pub value: String,
    /// What it is for, one line, for comments.
    pub note: String,
}

impl Assignment {
    fn new(variable: impl Into<String>, value: impl ToString, note: impl Into<String>) -> Self {
        Self { variable: variable.into(), value: value.to_string(), note: note.into() }
    }

    /// `VARIABLE=value` and a line end.
    pub fn line(&self) -> String {
        format!("{}={}\n", self.variable, self.value)
    }
}

impl InstancePorts {
    /// Every variable of the instance's `.env`, in file order: one per
    /// service, the Compose project name, then (under a Supabase stack) the
    /// Supabase CLI's own.
    pub fn assignments(&self) -> Vec<Assignment> {
        let mut out: Vec<Assignment> = self
            .services
            .iter()
            .map(|(service, port)| {
                Assignment::new(self.variable(service), port, format!("+{} {}", service.offset, self.label(service)))
            })
            .collect();
        out.push(Assignment::new(
            "COMPOSE_PROJECT_NAME",
            self.project_id(),
            "docker compose project of this instance: its containers, networks and volumes",
        ));
        if self.supabase {
            out.push(Assignment::new(
                PROJECT_ID_VARIABLE,
                self.project_id(),
                "Supabase CLI project_id (config.toml reads it): this instance's containers and database volume",
            ));
            for cli in CLI_PORTS.iter() {
                let Some(port) = cli.role.and_then(|role| self.port(role)) else { continue };
                let variable = cli.variable();
                if !out.iter().any(|a| a.variable == variable) {
                    out.push(Assignment::new(variable, port, format!("Supabase CLI [{}] {}", cli.section, cli.key)));
                }
            }
            let legacy = variable_of(LEGACY_MAIL_SECTION, "port");
            if let Some(mail) = self.port(crate::policy::Role::SupabaseMail) {
                if !out.iter().any(|a| a.variable == legacy) {
                    out.push(Assignment::new(legacy, mail, "Supabase CLI before 2.109: [inbucket] port"));
                }
            }
        }
        out
    }
}

/// `FRONTEND_PORT=30500` and so on, one line per variable.
pub fn env_file(ports: &InstancePorts) -> String {
    ports.assignments().iter().map(Assignment::line).collect()
}

/// The same variables with comments naming the block, the instance and each
/// variable's use. Names appear only in comments, escaped to stay on their line.
pub fn env_example(ports: &InstancePorts) -> String {
    let mut out = format!(
        "# Ports of {}, instance {} ({}): {}\n# Block {} ({}), from the team's port registry.\n# Instance N of this block starts at {} + (N - 1) x 10; the offsets stay the same.\n",
        visible(&ports.project),
        ports.instance,
        visible(&ports.purpose),
        ports.range,
        ports.block,
        ports.block_range,
        ports.block_range.start
    );
    if ports.supabase {
        out.push_str(
            "# The Supabase CLI reads SUPABASE_* from .env files in the project and its supabase/ folder,\n\
             # over config.toml: with all of them here, this file alone picks the instance's stack.\n",
        );
    }
    for assignment in ports.assignments() {
        out.push_str(&format!("\n# {}\n{}", assignment.note, assignment.line()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::my_project;

    #[test]
    fn env_lines_follow_the_service_offsets() {
        let env = env_file(&my_project());
        assert!(env.starts_with("FRONTEND_PORT=30510\nAPI_PORT=30511\nDB_PORT=30512\n"), "{env}");
        assert!(env.contains("POOLER_PORT=30518\nSUPABASE_DB_SHADOW_PORT=30519\nCOMPOSE_PROJECT_NAME=my-project-2\n"));
        assert!(!env.contains("AUX_PORT"), "+9 is the shadow database under a stack:\n{env}");
        insta::assert_snapshot!(env_example(&my_project()));
    }

    #[test]
    fn without_supabase_nine_is_auxiliary() {
        let env = env_file(&my_project().with_supabase(false));
        assert!(env.ends_with("POOLER_PORT=30518\nAUX_PORT=30519\nCOMPOSE_PROJECT_NAME=my-project-2\n"), "{env}");
        assert!(!env.contains("SUPABASE_DB"), "{env}");
    }

    #[test]
    fn every_port_the_cli_reads_is_set_once() {
        let env = env_file(&my_project());
        for (variable, value) in [
            ("PORTREG_PROJECT_ID", "my-project-2"),
            ("SUPABASE_API_PORT", "30513"),
            ("SUPABASE_DB_PORT", "30512"),
            ("SUPABASE_DB_SHADOW_PORT", "30519"),
            ("SUPABASE_DB_POOLER_PORT", "30518"),
            ("SUPABASE_STUDIO_PORT", "30514"),
            ("SUPABASE_LOCAL_SMTP_PORT", "30515"),
            ("SUPABASE_INBUCKET_PORT", "30515"),
            ("SUPABASE_ANALYTICS_PORT", "30516"),
        ] {
            let lines: Vec<&str> = env.lines().filter(|l| l.starts_with(&format!("{variable}="))).collect();
            assert_eq!(lines, [format!("{variable}={value}")], "{env}");
        }
    }

    #[test]
    fn nothing_sets_the_remote_project_reference() {
        assert!(!env_file(&my_project()).contains("SUPABASE_PROJECT_ID"));
    }

    #[test]
    fn a_name_cannot_leave_its_comment() {
        let mut ports = my_project();
        ports.project = "x\nEVIL=1\r\n#".into();
        ports.purpose = "y\nMORE=2".into();
        let example = env_example(&ports);
        assert!(example.starts_with("# Ports of x\\u{a}EVIL=1\\u{d}\\u{a}#, instance 2 (y\\u{a}MORE=2): 30510-30519\n"));
        assert!(!example.lines().any(|l| l.starts_with("EVIL") || l.starts_with("MORE")));
    }
}
