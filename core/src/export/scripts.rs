//! `scripts/ports.sh` and `scripts/check-ports.sh` for an instance.
//!
//! The project's name and purpose appear only in comments, escaped so that
//! they cannot end the comment; variable names are identifiers and ports are
//! numbers, so no name reaches the shell as code.

use super::{identifier, visible, InstancePorts};

/// A script that prints the instance's ports, or with `--env` export lines.
pub fn ports_script(ports: &InstancePorts) -> String {
    let table: String = ports
        .services
        .iter()
        .map(|(s, port)| format!("+{}  {port}  {:<24} {}\n", s.offset, identifier(s.env_var), visible(s.name)))
        .collect();
    let exports: String =
        ports.services.iter().map(|(s, port)| format!("export {}={port}\n", identifier(s.env_var))).collect();
    format!(
        "#!/usr/bin/env bash\n\
         # Ports of {describe}.\n\
         # Prints them; with --env, prints export lines: eval \"$(scripts/ports.sh --env)\"\n\
         set -euo pipefail\n\n\
         if [[ \"${{1:-}}\" == \"--env\" ]]; then\n\
         \x20 cat <<'ENV'\n{exports}ENV\n\
         else\n\
         \x20 cat <<'TABLE'\n{table}TABLE\n\
         fi\n",
        describe = visible(&ports.describe()),
    )
}

/// A script that exits 1 when anything listens on one of the instance's
/// ports (found with `ss`, or `lsof` where `ss` is missing), 0 when all are free.
pub fn check_ports_script(ports: &InstancePorts) -> String {
    let entries: String =
        ports.services.iter().map(|(s, port)| format!("  \"{port} {}\"\n", identifier(s.env_var))).collect();
    format!(
        "#!/usr/bin/env bash\n\
         # Checks that nothing else listens on the ports of {describe}.\n\
         # Exit status: 0 all free, 1 a port is taken, 2 neither ss nor lsof is installed.\n\
         set -euo pipefail\n\n\
         ports=(\n{entries})\n\n\
         listening() {{\n\
         \x20 if command -v ss >/dev/null 2>&1; then\n\
         \x20   ss -Htln \"sport = :$1\" | grep -q .\n\
         \x20 elif command -v lsof >/dev/null 2>&1; then\n\
         \x20   lsof -nP -iTCP:\"$1\" -sTCP:LISTEN >/dev/null 2>&1\n\
         \x20 else\n\
         \x20   echo \"check-ports: neither ss nor lsof is installed\" >&2\n\
         \x20   exit 2\n\
         \x20 fi\n\
         }}\n\n\
         busy=0\n\
         for entry in \"${{ports[@]}}\"; do\n\
         \x20 port=${{entry%% *}}\n\
         \x20 name=${{entry#* }}\n\
         \x20 if listening \"$port\"; then\n\
         \x20   echo \"port $port ($name) is in use\" >&2\n\
         \x20   busy=1\n\
         \x20 fi\n\
         done\n\n\
         if [[ $busy -eq 0 ]]; then\n\
         \x20 echo \"ports {range} are free\"\n\
         fi\n\
         exit \"$busy\"\n",
        describe = visible(&ports.describe()),
        range = ports.range,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::my_project;

    #[test]
    fn scripts_name_every_port() {
        let ports = my_project();
        let show = ports_script(&ports);
        assert!(show.contains("export SUPABASE_API_PORT=30513\n"));
        let check = check_ports_script(&ports);
        assert!(check.contains("  \"30519 AUX_PORT\"\n"));
        insta::assert_snapshot!("ports_sh", show);
        insta::assert_snapshot!("check_ports_sh", check);
    }

    #[test]
    fn a_name_stays_in_its_comment() {
        let mut ports = my_project();
        ports.project = "x\ntouch pwned\nTABLE".into();
        for script in [ports_script(&ports), check_ports_script(&ports)] {
            assert!(script.contains(" of x\\u{a}touch pwned\\u{a}TABLE, instance 2"), "{script}");
            assert!(!script.lines().any(|l| l.starts_with("touch")), "{script}");
        }
    }
}
