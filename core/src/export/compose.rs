//! A docker compose `ports:` list per service.

use std::borrow::Cow;

use super::{identifier, visible, InstancePorts};
use crate::text::is_unsafe_char;

/// One `ports:` entry per service, bound to localhost, the host port taken from
/// the environment with the instance's port as default:
/// `"127.0.0.1:${FRONTEND_PORT:-30500}:3000"`. Container-side ports are free by
/// policy; the usual ones are filled in. The project's name appears only in a
/// comment, escaped to stay on its line.
pub fn compose_ports(ports: &InstancePorts) -> String {
    let mut out = format!(
        "# Host ports of {}.\n# Copy each ports: list under the matching service of docker-compose.yml.\n# Only the host side follows the policy; the container side is the service's own.\nservices:\n",
        visible(&ports.describe())
    );
    for (service, port) in &ports.services {
        let container = service.container_port.unwrap_or(*port);
        out.push_str(&format!(
            "  {}:\n    ports:\n      - \"127.0.0.1:${{{}:-{port}}}:{container}\"\n",
            yaml_key(service.key),
            identifier(service.env_var)
        ));
    }
    out
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
        assert!(yaml.contains("  frontend:\n    ports:\n      - \"127.0.0.1:${FRONTEND_PORT:-30510}:3000\"\n"));
        insta::assert_snapshot!(yaml);
    }

    #[test]
    fn keys_are_plain_only_when_yaml_reads_them_as_names() {
        assert_eq!(yaml_key("supabase-api"), "supabase-api");
        assert_eq!(yaml_key("null"), "\"null\"");
        assert_eq!(yaml_key("a: b\n\"c\\"), "\"a: b\\u000A\\\"c\\\\\"");
    }
}
