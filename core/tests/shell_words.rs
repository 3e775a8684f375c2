//! Every shell word portreg suggests reads back, in a real bash, as the text
//! it stands for: names with quotes, backslashes, shell syntax, control and
//! bidirectional controls and marks included.

use portreg_core::shell_word;
use proptest::prelude::*;
use std::process::Command;

/// What bash makes of `word` as the one argument of `printf %s`, in the C
/// locale and in a UTF-8 one; the two must agree.
fn read_back(word: &str) -> Vec<u8> {
    let run = |locale: &str| {
        let output = Command::new("bash")
            .env("LC_ALL", locale)
            .arg("-c")
            .arg(format!("printf %s {word}"))
            .output()
            .expect("bash runs");
        assert!(output.status.success(), "bash refused {word:?}: {}", String::from_utf8_lossy(&output.stderr));
        output.stdout
    };
    let plain = run("C");
    assert_eq!(plain, run("C.UTF-8"), "{word} reads differently by locale");
    plain
}

#[test]
fn hostile_names_read_back_as_written() {
    for name in [
        "RTL\u{202e}evil",
        "it's $(touch /tmp/x) `id` ; rm -rf ~",
        "back\\slash\\u202e",
        "esc\u{1b}[2Jbell\u{7}",
        "line\nbreak\rand\ttab",
        "-rf",
        "",
        "\u{2066}isolate\u{2069}\u{200b}",
        "price\u{200f} 10 \u{200e}-rf",
        "\u{61c}alm'quote\u{200f}",
        "👩\u{200d}💻 joined",
        "a\u{e0001}tag",
        "émoji 🦀 名前",
    ] {
        assert_eq!(read_back(&shell_word(name)), name.as_bytes(), "{name:?} as {}", shell_word(name));
        // The command as shown holds no character that hides or reorders what it does.
        assert!(!shell_word(name).chars().any(portreg_core::is_unsafe_char), "{name:?} as {}", shell_word(name));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_name_reads_back_as_written(name in "[\\PC\\p{Cc}\u{202a}-\u{202e}\u{200e}\u{200f}\u{61c}\u{200d}'\"\\\\$`]{1,24}") {
        // A NUL byte cannot be part of a command's argument in any shell.
        prop_assume!(!name.contains('\0'));
        prop_assert_eq!(read_back(&shell_word(&name)), name.as_bytes());
    }
}

#[test]
fn file_names_not_in_utf8_read_back_as_their_bytes() {
    for name in [&b"lat\xe9.md"[..], b"\xff\xfe'q\\", b"a\xe2\x80\x8f\xc3", b"plain.md"] {
        let word = portreg_core::ops::shell_word_bytes(name);
        assert_eq!(read_back(&word), name, "{word}");
        assert!(!word.chars().any(portreg_core::is_unsafe_char), "{word}");
    }
    assert_eq!(portreg_core::ops::shell_word_bytes(b"lat\xe9.md"), "$'lat\\xe9.md'");
}

#[test]
fn suggested_commands_put_dashed_arguments_where_they_read_as_arguments() {
    use portreg_core::ops::{Refusal, Suggestion};
    let command = |s: Suggestion| s.command().unwrap();
    assert_eq!(command(Suggestion::new("reserve").name("api")), "portreg reserve api");
    assert_eq!(command(Suggestion::new("reserve").name("-ghost")), "portreg reserve -- '-ghost'");
    assert_eq!(
        command(Suggestion::new("set-status").name("-api").word("inactive").option("--instance", "2")),
        "portreg set-status --instance 2 -- '-api' inactive"
    );
    assert_eq!(command(Suggestion::new("fmt").file(b"-x.md")), "portreg fmt ./-x.md");
    assert_eq!(command(Suggestion::new("fmt").file(b"-")), "portreg fmt -");
    assert_eq!(command(Suggestion::new("lease").branch("-b")), "portreg lease --branch='-b'");
    let refused = Suggestion::new("migrate").name("old\u{61c}").command().unwrap_err();
    assert_eq!(refused, Refusal::Name { name: "old\u{61c}".to_owned(), character: '\u{61c}' });
    assert!(refused.to_string().contains("U+061C, a bidirectional mark") && refused.to_string().contains("(P007)"));
    let branch = Suggestion::new("add-instance").name("api").branch("x\u{200f}").command().unwrap_err();
    assert!(branch.to_string().contains("rename the branch"), "{branch}");
    assert_eq!(Suggestion::new("reserve").name("").command(), Err(Refusal::EmptyName));
    assert!(Suggestion::new("lease").implied_branch("b\u{200e}").command().is_err());
    // Longer than any command takes: a reason, not a command cut short or refused when run.
    let long = "l".repeat(201);
    assert_eq!(Suggestion::new("migrate").name(&long).command(), Err(Refusal::TooLong { what: "name", chars: 201 }));
    assert!(Suggestion::new("migrate").name(&"l".repeat(200)).command().is_ok());
    let branch = Suggestion::new("add-instance").name("api").branch(&"b".repeat(300)).command().unwrap_err();
    assert!(branch.to_string().contains("300 characters") && branch.to_string().contains("more than 200"), "{branch}");
}
