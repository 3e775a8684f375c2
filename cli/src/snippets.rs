//! The text of each `portreg env --format` snippet.

use portreg_core::export::{self, InstancePorts};
use portreg_core::Policy;

use crate::args::Snippet;

/// The snippet `format` for `ports`.
pub fn render(format: Snippet, ports: &InstancePorts, policy: &Policy) -> String {
    match format {
        Snippet::Env => export::env_file(ports),
        Snippet::EnvExample => export::env_example(ports),
        Snippet::Toml => export::supabase_config(ports),
        Snippet::Compose => export::compose_ports(ports),
        Snippet::PortsSh => export::ports_script(ports),
        Snippet::CheckPortsSh => export::check_ports_script(ports),
        Snippet::NextInstanceSh => export::next_instance_script(ports, policy),
        Snippet::Scripts => format!(
            "==> scripts/ports.sh <==\n{}\n==> scripts/check-ports.sh <==\n{}\n==> scripts/next-instance.sh <==\n{}",
            export::ports_script(ports),
            export::check_ports_script(ports),
            export::next_instance_script(ports, policy)
        ),
        Snippet::AppEnv => export::app_env(ports),
        Snippet::Next => export::next_scripts(ports),
        Snippet::Vite => export::vite_config(ports),
        Snippet::Express => export::express_server(ports),
        Snippet::Fastapi => export::fastapi_command(ports),
    }
}
