//! `.env` and `.env.example` for an instance.

use super::{identifier, visible, InstancePorts};
use crate::policy::Service;

/// `FRONTEND_PORT=30500` and so on, one line per service.
pub fn env_file(ports: &InstancePorts) -> String {
    ports.services.iter().map(|(service, port)| assignment(service, *port)).collect()
}

/// The same variables with comments naming the block, the instance and each
/// service. Names appear only in comments, escaped to stay on their line.
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
    for (service, port) in &ports.services {
        out.push_str(&format!("\n# +{} {}\n{}", service.offset, visible(service.name), assignment(service, *port)));
    }
    out
}

/// `VAR=port` and a line end.
fn assignment(service: &Service, port: u32) -> String {
    format!("{}={port}\n", identifier(service.env_var))
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
