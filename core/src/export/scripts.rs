//! The policy's three recommended scripts for an instance:
//! `scripts/ports.sh`, `scripts/check-ports.sh` and `scripts/next-instance.sh`.
//!
//! The project's name and purpose appear in comments, escaped so that they
//! cannot end the comment, and (in `next-instance.sh`) as one single-quoted
//! shell word; variable names are identifiers and ports are numbers, so no
//! name reaches the shell as code.

use super::supabase_cli::CLI_PORTS;
use super::{visible, InstancePorts};
use crate::policy::Policy;
use crate::text::shell_word;

/// A script that prints the instance's ports, or with `--env` export lines
/// of its port variables (not the ids: an exported `COMPOSE_PROJECT_NAME`
/// would follow the shell into every other project).
pub fn ports_script(ports: &InstancePorts) -> String {
    let table: String = ports
        .services
        .iter()
        .map(|(s, port)| format!("+{}  {port}  {:<24} {}\n", s.offset, ports.variable(s), ports.label(s)))
        .collect();
    let exports: String =
        ports.services.iter().map(|(s, port)| format!("export {}={port}\n", ports.variable(s))).collect();
    format!(
        "#!/usr/bin/env bash\n\
         # Ports of {describe}.\n\
         # Prints them; with --env, prints export lines: eval \"$(scripts/ports.sh --env)\"\n\
         # Exported variables stay in that shell: the Supabase CLI reads SUPABASE_* from it in any project.\n\
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
/// ports (found with `ss`, or `lsof` where `ss` is missing), 0 when all are
/// free. Under a Supabase stack it also names, without failing, a listener
/// on a port every instance's stack shares (the edge runtime inspector…).
pub fn check_ports_script(ports: &InstancePorts) -> String {
    let entries: String =
        ports.services.iter().map(|(s, port)| format!("  \"{port} {}\"\n", ports.variable(s))).collect();
    let shared: String = if ports.supabase {
        CLI_PORTS
            .iter()
            .filter(|p| p.role.is_none())
            .map(|p| format!("  \"{} [{}] {}, which binds {}\"\n", p.default, p.section, p.key, p.binds))
            .collect()
    } else {
        String::new()
    };
    format!(
        "#!/usr/bin/env bash\n\
         # Checks that nothing else listens on the ports of {describe}.\n\
         # Exit status: 0 all free, 1 a port is taken, 2 neither ss nor lsof is installed.\n\
         set -euo pipefail\n\n\
         ports=(\n{entries})\n\n\
         # Ports the Supabase CLI binds with the same number for every instance: a listener\n\
         # there is named, and does not fail the check (only one instance at a time can use them).\n\
         shared=(\n{shared})\n\n\
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
         done\n\
         for entry in \"${{shared[@]}}\"; do\n\
         \x20 port=${{entry%% *}}\n\
         \x20 if listening \"$port\"; then\n\
         \x20   echo \"note: port $port (${{entry#* }}) is in use: only one instance at a time can use it\" >&2\n\
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

/// A script that prints the project's next free instance and its ports, read
/// from the team's registry: by `portreg next` where portreg is installed,
/// else by finding which instance ranges live table rows name.
#[expect(clippy::too_many_lines, reason = "one shell script, written out as it is printed")]
pub fn next_instance_script(ports: &InstancePorts, policy: &Policy) -> String {
    let variables: Vec<String> = ports.services.iter().map(|(s, _)| ports.variable(s).into_owned()).collect();
    format!(
        "#!/usr/bin/env bash\n\
         # Next free instance of {name}, block {block} ({block_range}), from the team's port registry.\n\
         # Usage: scripts/next-instance.sh [REGISTRY]\n\
         #   REGISTRY defaults to $PORTREG_REGISTRY, then ./ports.md, then ~/_ai/ports.md.\n\
         # With portreg installed it answers, reading the registry as the checker does (any of the\n\
         # project's blocks). Without it: an instance of block {block} is taken when a table row names\n\
         # its range (such as {example}) and is neither archived nor deprecated.\n\
         # It prints the instance's ports and the command that prints its whole .env from that registry.\n\
         # Exit status: 0 found, 1 every instance is taken, 2 no registry or portreg refused it.\n\
         set -euo pipefail\n\n\
         # The project's name, single-quoted: nothing in it expands.\n\
         # shellcheck disable=SC1003,SC2016\n\
         project={project}\n\
         base_port={base}\n\
         block_size={block_size}\n\
         instance_size={instance_size}\n\
         instances={instances}\n\
         block={block}\n\
         variables=({variables})\n\n\
         registry=${{1:-${{PORTREG_REGISTRY:-}}}}\n\
         if [[ -z $registry ]]; then\n\
         \x20 for candidate in ports.md \"$HOME/_ai/ports.md\"; do\n\
         \x20   if [[ -r $candidate ]]; then\n\
         \x20     registry=$candidate\n\
         \x20     break\n\
         \x20   fi\n\
         \x20 done\n\
         fi\n\
         if [[ -z $registry || ! -r $registry ]]; then\n\
         \x20 echo \"next-instance: no readable registry: pass its path or set PORTREG_REGISTRY\" >&2\n\
         \x20 exit 2\n\
         fi\n\n\
         show() {{\n\
         \x20 local first=$((base_port + $2 * block_size + ($1 - 1) * instance_size))\n\
         \x20 echo \"instance $1 of block $2: $first-$((first + instance_size - 1))\"\n\
         \x20 local offset\n\
         \x20 for offset in \"${{!variables[@]}}\"; do\n\
         \x20   echo \"+$offset  $((first + offset))  ${{variables[offset]}}\"\n\
         \x20 done\n\
         \x20 local quoted file\n\
         \x20 printf -v quoted '%q' \"$project\"\n\
         \x20 printf -v file '%q' \"$registry\"\n\
         \x20 echo \"its .env: portreg env --instance $1 --block $2 -- $quoted $file\"\n\
         }}\n\n\
         if command -v portreg >/dev/null 2>&1; then\n\
         \x20 status=0\n\
         \x20 answer=$(portreg next --project=\"$project\" -- \"$registry\" 2>&1) || status=$?\n\
         \x20 if [[ $status -eq 0 && $answer =~ ^instance\\ ([0-9]+)\\ of\\ block\\ ([0-9]+): ]]; then\n\
         \x20   show \"${{BASH_REMATCH[1]}}\" \"${{BASH_REMATCH[2]}}\"\n\
         \x20   exit 0\n\
         \x20 fi\n\
         \x20 echo \"next-instance: $answer\" >&2\n\
         \x20 if [[ $answer == *\"every instance slot\"* ]]; then exit 1; fi\n\
         \x20 exit 2\n\
         fi\n\n\
         for ((n = 1; n <= instances; n++)); do\n\
         \x20 first=$((base_port + block * block_size + (n - 1) * instance_size))\n\
         \x20 last=$((first + instance_size - 1))\n\
         \x20 if ! grep -E -e \"^[[:space:]>]*[|].*(^|[^0-9])${{first}}[[:space:]]*(-|–|—)[[:space:]]*${{last}}([^0-9]|$)\" -- \"$registry\" |\n\
         \x20   grep -Eivq '[|][[:space:]]*(archived|deprecated)[[:space:]]*([|]|$)'; then\n\
         \x20   show \"$n\" \"$block\"\n\
         \x20   exit 0\n\
         \x20 fi\n\
         done\n\
         echo \"next-instance: every instance of block $block is taken\" >&2\n\
         exit 1\n",
        name = visible(&ports.project),
        block = ports.block,
        block_range = ports.block_range,
        example = policy.instance_range(ports.block, 2).unwrap_or(ports.range),
        project = shell_word(&ports.project),
        base = policy.base_port,
        block_size = policy.block_size,
        instance_size = policy.instance_size,
        instances = policy.instances_per_block(),
        variables = variables.join(" "),
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
        assert!(check.contains("  \"30519 SUPABASE_DB_SHADOW_PORT\"\n"), "{check}");
        assert!(check.contains("  \"8083 [edge_runtime] inspector_port,"), "{check}");
        let plain = check_ports_script(&ports.clone().with_supabase(false));
        assert!(plain.contains("  \"30519 AUX_PORT\"\n") && plain.contains("shared=(\n)"), "{plain}");
        insta::assert_snapshot!("ports_sh", show);
        insta::assert_snapshot!("check_ports_sh", check);
    }

    #[test]
    fn a_name_stays_in_its_comment() {
        let mut ports = my_project();
        ports.project = "x\ntouch pwned\nTABLE".into();
        let next = next_instance_script(&ports, &Policy::default());
        assert!(next.contains("\nproject=$'x\\x0atouch pwned\\x0aTABLE'\n"), "{next}");
        assert!(next.contains(" of x\\u{a}touch pwned\\u{a}TABLE, block 5"), "{next}");
        let next = next.replace("$'x\\x0atouch pwned\\x0aTABLE'", "");
        for script in [ports_script(&ports), check_ports_script(&ports)] {
            assert!(script.contains(" of x\\u{a}touch pwned\\u{a}TABLE, instance 2"), "{script}");
        }
        for script in [ports_script(&ports), check_ports_script(&ports), next] {
            assert!(!script.lines().any(|l| l.starts_with("touch")), "{script}");
        }
    }
}
