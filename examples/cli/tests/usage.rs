//! The command line as a newcomer meets it: help for every subcommand (with an
//! example) on stdout and exit 0, `--flag=value`, suggestions for misspelt flags
//! and commands, `--version`, completion scripts, usage errors with exit code 2.

mod common;
use common::slotwise;

const COMMANDS: [&str; 9] = [
    "expand",
    "availability",
    "reconcile",
    "report",
    "explain",
    "check",
    "snapshot",
    "completions",
    "version",
];

#[test]
fn every_subcommand_has_help_with_an_example() {
    for command in COMMANDS {
        for flag in ["--help", "-h"] {
            let (code, out, err) = slotwise(&[command, flag], "");
            assert_eq!(code, 0, "{command} {flag}: {err}");
            assert!(out.contains(&format!("Usage: slotwise {command}")), "{out}");
            if flag == "--help" {
                assert!(out.contains("Example"), "{command}: {out}");
                assert!(out.contains(&format!("slotwise {command}")), "{out}");
            }
        }
        let (code, out, _) = slotwise(&["help", command], "");
        assert_eq!(code, 0);
        assert!(out.contains(&format!("Usage: slotwise {command}")), "{out}");
    }
    let (code, out, _) = slotwise(&["--help"], "");
    assert_eq!(code, 0);
    for command in COMMANDS {
        assert!(out.contains(command), "{out}");
    }
    assert!(out.contains("Exit codes:"), "{out}");
}

#[test]
fn flags_take_their_value_with_an_equals_sign() {
    let (code, out, err) = slotwise(
        &[
            "expand",
            "--rule=DTSTART:20260101T090000Z\\nRRULE:FREQ=DAILY",
            "--from=2026-01-01T00:00:00Z",
            "--to=2026-01-03T00:00:00Z",
            "--limit=5",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "2026-01-01T09:00:00Z\n2026-01-02T09:00:00Z\n");
}

#[test]
fn misspelt_flags_and_commands_get_a_suggestion_and_exit_2() {
    let (code, out, err) = slotwise(&["availability", "data/clinic.json", "--jsn"], "");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("'--jsn'") && err.contains("'--json'"), "{err}");
    let (code, _, err) = slotwise(&["availabilty", "data/clinic.json"], "");
    assert_eq!(code, 2);
    assert!(err.contains("'availability'"), "{err}");
    // A flag that needs a value says so, and names the flag.
    let (code, _, err) = slotwise(&["report", "data/report.json", "--snapshot"], "");
    assert_eq!(code, 2);
    assert!(err.contains("--snapshot"), "{err}");
}

#[test]
fn version_names_the_crate_and_the_tz_database() {
    for args in [&["--version"][..], &["-V"], &["version"]] {
        let (code, out, _) = slotwise(args, "");
        assert_eq!(code, 0);
        assert!(
            out.starts_with(&format!(
                "slotwise {} (tzdata 20",
                env!("CARGO_PKG_VERSION")
            )),
            "{out}"
        );
    }
}

#[test]
fn completion_scripts_for_bash_zsh_and_fish() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef slotwise"),
        ("fish", "complete -c slotwise"),
    ] {
        let (code, out, err) = slotwise(&["completions", shell], "");
        assert_eq!(code, 0, "{err}");
        assert!(out.contains(marker), "{shell}: {out}");
        for command in ["availability", "explain", "check"] {
            assert!(out.contains(command), "{shell} lacks {command}");
        }
    }
    let (code, _, _) = slotwise(&["completions", "tcsh"], "");
    assert_eq!(code, 2);
    // bash reads the script and registers the completion.
    let (_, script, _) = slotwise(&["completions", "bash"], "");
    if let Ok(out) = std::process::Command::new("bash")
        .args(["-c", "eval \"$0\" && complete -p slotwise", &script])
        .output()
    {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("slotwise"));
    }
}
