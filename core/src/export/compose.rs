//! A docker compose `ports:` list per service.

use std::borrow::Cow;

use super::supabase_cli::stack_binds;
use super::{visible, InstancePorts};
use crate::policy::{Role, Service};
use crate::text::is_unsafe_char;

/// A Compose project of its own for the instance (`name:`, which
/// `COMPOSE_PROJECT_NAME` in `.env` overrides with the same id), and one
/// `ports:` entry per service it publishes, bound to localhost, the host port
/// taken from the environment with the instance's port as default:
/// `"127.0.0.1:${FRONTEND_PORT:-30500}:3000"`. Under a Supabase stack the
/// ports the stack binds itself are left out (publishing them too would bind
/// each port twice); without one, the Supabase services are. Container-side
/// ports are free by policy; the usual ones are filled in. The project's name
/// appears only in a comment, escaped to stay on its line.
pub fn compose_ports(ports: &InstancePorts) -> String {
    let mut out = format!(
        "# Host ports of {}.\n\
         # Each instance is its own Compose project: keep name: at the top of docker-compose.yml\n\
         # (COMPOSE_PROJECT_NAME in .env sets the same), and copy each ports: list under its service.\n\
         # Only the host side follows the policy; the container side is the service's own.\n",
        visible(&ports.describe())
    );
    let left_out: Vec<String> =
        ports.services.iter().filter(|(s, _)| !publishes(ports, s)).map(|(s, _)| format!("+{}", s.offset)).collect();
    if !left_out.is_empty() {
        let why = if ports.supabase {
            "the Supabase CLI binds them itself (supabase start)"
        } else {
            "they are the Supabase stack's, and this instance runs none"
        };
        out.push_str(&format!("# Not published here: {}, {why}.\n", left_out.join(", ")));
    }
    out.push_str(&format!("name: {}\nservices:\n", ports.project_id()));
    for (service, port) in ports.services.iter().filter(|(s, _)| publishes(ports, s)) {
        let container = service.container_port.unwrap_or(*port);
        out.push_str(&format!(
            "  {}:\n    ports:\n      - \"127.0.0.1:${{{}:-{port}}}:{container}\"\n",
            yaml_key(service.key),
            ports.variable(service)
        ));
    }
    out
}

/// Whether the compose snippet publishes `service`'s port.
fn publishes(ports: &InstancePorts, service: &Service) -> bool {
    if ports.supabase {
        !stack_binds(service.role)
    } else {
        !matches!(service.role, Role::SupabaseApi | Role::SupabaseStudio | Role::SupabaseMail)
    }
}

/// A service key as a YAML mapping key: plain when it is a lowercase name that
/// YAML reads as a string, else a double-quoted scalar.
fn yaml_key(key: &str) -> Cow<'_, str> {
    let name = key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let keyword = matches!(key, "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null");
    if name && !keyword {
        Cow::Borrowed(key)
    } else {
        Cow::Owned(yaml_quoted(key))
    }
}

/// `text` as a YAML double-quoted scalar, with `\"`, `\\` and `\uXXXX` escapes.
fn yaml_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if is_unsafe_char(c) => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::my_project;

    #[test]
    fn quotes_each_mapping() {
        let yaml = compose_ports(&my_project());
        assert!(yaml.contains("name: my-project-2\nservices:\n  frontend:\n    ports:\n      - \"127.0.0.1:${FRONTEND_PORT:-30510}:3000\"\n"));
        assert!(!yaml.contains("${DB_PORT") && !yaml.contains(":-30519}"), "the stack binds these:\n{yaml}");
        insta::assert_snapshot!(yaml);
        let plain = compose_ports(&my_project().with_supabase(false));
        assert!(plain.contains("${DB_PORT:-30512}:5432") && plain.contains("${AUX_PORT:-30519}:30519"), "{plain}");
        assert!(!plain.contains("SUPABASE_"), "{plain}");
    }

    #[test]
    fn keys_are_plain_only_when_yaml_reads_them_as_names() {
        assert_eq!(yaml_key("supabase-api"), "supabase-api");
        assert_eq!(yaml_key("null"), "\"null\"");
        assert_eq!(yaml_key("a: b\n\"c\\"), "\"a: b\\u000A\\\"c\\\\\"");
    }
}
