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
