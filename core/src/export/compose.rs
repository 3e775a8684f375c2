//! A docker compose `ports:` list per service.

use super::InstancePorts;

/// One `ports:` entry per service, bound to localhost, the host port taken from
/// the environment with the instance's port as default:
/// `"127.0.0.1:${FRONTEND_PORT:-30500}:3000"`. Container-side ports are free by
/// policy; the usual ones are filled in.
pub fn compose_ports(ports: &InstancePorts) -> String {
    let mut out = format!(
        "# Host ports of {}.\n# Copy each ports: list under the matching service of docker-compose.yml.\n# Only the host side follows the policy; the container side is the service's own.\nservices:\n",
        ports.describe()
    );
    for (service, port) in &ports.services {
        let container = service.container_port.unwrap_or(*port);
        out.push_str(&format!(
            "  {}:\n    ports:\n      - \"127.0.0.1:${{{}:-{port}}}:{container}\"\n",
            service.key, service.env_var
        ));
    }
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
}
