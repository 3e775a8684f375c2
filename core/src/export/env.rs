//! `.env` and `.env.example` for an instance.

use super::InstancePorts;

/// `FRONTEND_PORT=30500` and so on, one line per service.
pub fn env_file(ports: &InstancePorts) -> String {
    ports.services.iter().map(|(service, port)| format!("{}={port}\n", service.env_var)).collect()
}

/// The same variables with comments naming the block, the instance and each service.
pub fn env_example(ports: &InstancePorts) -> String {
    let mut out = format!(
        "# Ports of {}, instance {} ({}): {}\n# Block {} ({}), from the team's port registry.\n# Instance N of this block starts at {} + (N - 1) x 10; the offsets stay the same.\n",
        ports.project, ports.instance, ports.purpose, ports.range, ports.block, ports.block_range, ports.block_range.start
    );
    for (service, port) in &ports.services {
        out.push_str(&format!("\n# +{} {}\n{}={port}\n", service.offset, service.name, service.env_var));
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
        assert!(env.starts_with("FRONTEND_PORT=30510\nAPI_PORT=30511\nDB_PORT=30512\n"));
        assert!(env.ends_with("POOLER_PORT=30518\nAUX_PORT=30519\n"));
        insta::assert_snapshot!(env_example(&my_project()));
    }
}
