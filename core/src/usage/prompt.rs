//! Shell prompt lines pasted with a listing (`maria@mbp ~ % lsof -i -P -n`,
//! `PS C:\> Get-NetTCPConnection`, `$ ss -ltnp`): passed over quietly.

/// The commands a listing comes from, as typed after a prompt.
const COMMANDS: [&str; 9] = ["lsof", "ss", "netstat", "docker", "Get-NetTCPConnection", "netsh", "cat", "sudo", "grep"];

/// Whether `line` is a shell prompt: a PowerShell `PS …>` prompt, or a
/// prompt ending in `%`, `$`, `#` or `>` followed by one of the commands.
pub(crate) fn is_prompt(line: &str) -> bool {
    let line = line.trim();
    if line.starts_with("PS ") && line.contains('>') {
        return true;
    }
    // A prompt with nothing typed after it: `maria@mbp ~ %`, `root@box:~#`.
    if let Some(before) = line.strip_suffix(['%', '$', '#', '>']) {
        if before.split_whitespace().count() <= 3 && before.contains(['@', '~']) {
            return true;
        }
    }
    line.match_indices(['%', '$', '#', '>']).any(|(at, _)| {
        let (before, after) = (&line[..at], &line[at + 1..]);
        // A prompt is a few words (`user@host ~`), then the command.
        let command = after.split_whitespace().next().unwrap_or("");
        before.split_whitespace().count() <= 3
            && after.starts_with(' ')
            && COMMANDS.iter().any(|c| command.eq_ignore_ascii_case(c))
    })
}

#[cfg(test)]
mod tests {
    use super::is_prompt;

    #[test]
    fn knows_prompts_from_rows() {
        for prompt in [
            "maria@mbp ~ % lsof -i -P -n | grep LISTEN",
            "PS C:\\> Get-NetTCPConnection -State Listen",
            "PS C:\\Users\\maria>",
            "$ ss -ltnp",
            "root@box:~# netstat -tlnp",
            "maria@laptop:~/src$ sudo ss -ltnp",
            "maria@mbp ~ %",
        ] {
            assert!(is_prompt(prompt), "{prompt}");
        }
        for row in [
            "node 41234 alice 23u IPv4 512344 0t0 TCP 127.0.0.1:30700 (LISTEN)",
            "LISTEN 0 511 127.0.0.1:30500 0.0.0.0:* users:((\"node\",pid=41234,fd=23))",
            "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1234",
        ] {
            assert!(!is_prompt(row), "{row}");
        }
    }
}
