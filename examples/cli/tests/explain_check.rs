//! `slotwise explain` and `slotwise check` on the clinic example: the engine's
//! answer (`Engine::explain`, `Engine::check_booking`) in words, or as JSON, and the
//! exit code saying yes (0) or no (1).

mod common;
use common::slotwise;
use serde_json::Value;

const CLINIC: &str = "data/clinic.json";

fn explain(at: &str, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["explain", CLINIC, "--schedule", "dr-ana", "--at", at];
    args.extend_from_slice(extra);
    slotwise(&args, "")
}

#[test]
fn explain_says_why_in_words_and_exits_0_or_1() {
    // 10:00 in Sao Paulo on Monday 23 March: apt-002 holds the only seat.
    let (code, out, err) = explain("2026-03-23T13:00:00Z", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("not bookable"), "{out}");
    assert!(out.contains("full (1 of 1 seats held by apt-002)"), "{out}");
    assert!(out.contains("(Mon 2026-03-23 09:00-12:00 -03:00)"), "{out}");
    // Good Friday is excluded, by name.
    let (code, out, _) = explain("2026-04-03T13:00:00Z", &[]);
    assert_eq!(code, 1);
    assert!(
        out.contains("excluded (day exclusion #0: Good Friday)"),
        "{out}"
    );
    // 03:00 local is outside every window.
    let (code, out, _) = explain("2026-03-23T06:00:00Z", &[]);
    assert_eq!(code, 1);
    assert!(out.contains("availability window: none"), "{out}");
    // 11:00 local is free.
    let (code, out, _) = explain("2026-03-23T14:00:00Z", &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("bookable: "), "{out}");
    assert!(out.contains("can take one more seat"), "{out}");
}

#[test]
fn explain_json_is_the_engines_explanation() {
    let (code, out, _) = explain("2026-03-23T13:10:00Z", &["--json"]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["bookable"], false);
    assert_eq!(v["instant"], "2026-03-23T13:10:00Z");
    assert_eq!(v["local_time"], "2026-03-23T10:10:00-03:00");
    assert_eq!(v["slots"][0]["slot"]["key"], "dr-ana@2026-03-23T13:00:00Z");
    assert_eq!(v["slots"][0]["reasons"][0]["code"], "full");
    assert_eq!(v["slots"][0]["reasons"][0]["appointments"][0], "apt-002");
}

#[test]
fn explain_errors_name_the_flag() {
    let (code, _, err) = slotwise(
        &[
            "explain",
            CLINIC,
            "--schedule",
            "dr-nobody",
            "--at",
            "2026-03-23T13:00:00Z",
        ],
        "",
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("--schedule dr-nobody: unknown_schedule"),
        "{err}"
    );
    let (code, _, err) = explain("monday", &[]);
    assert_eq!(code, 2);
    assert!(err.contains("--at: invalid_input"), "{err}");
    let (code, _, err) = slotwise(&["explain", CLINIC, "--at", "2026-03-23T13:00:00Z"], "");
    assert_eq!(code, 2);
    assert!(err.contains("--schedule"), "{err}");
}

#[test]
fn check_lists_every_reason_and_exits_0_or_1() {
    let check = |extra: &[&str]| {
        let mut args = vec!["check", CLINIC, "--schedule", "dr-ana"];
        args.extend_from_slice(extra);
        slotwise(&args, "")
    };
    // The slot apt-002 holds: full.
    let (code, out, _) = check(&["--start", "2026-03-23T13:00:00Z", "--duration", "PT30M"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("does not fit"), "{out}");
    assert!(out.contains("full (1 of 1 seats held by apt-002)"), "{out}");
    // Moving apt-002 within its own slot fits: it is left out of the count.
    let (code, out, _) = check(&[
        "--start",
        "2026-03-23T13:00:00Z",
        "--end",
        "2026-03-23T13:30:00Z",
        "--id",
        "apt-002",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(": fits"), "{out}");
    // A free slot, but too soon and off the grid's length: every reason.
    let (code, out, _) = check(&[
        "--start",
        "2026-03-23T14:00:00Z",
        "--end",
        "2026-03-23T14:20:00Z",
        "--now",
        "2026-03-23T13:30:00Z",
        "--min-notice",
        "PT1H",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("not a slot of the grid"), "{out}");
    assert!(
        out.contains("too soon (earliest 2026-03-23T14:30:00Z)"),
        "{out}"
    );
    // JSON is the engine's BookingCheck.
    let (code, out, _) = check(&[
        "--start",
        "2026-04-03T13:00:00Z",
        "--duration",
        "PT30M",
        "--json",
    ]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["fits"], false);
    assert_eq!(v["reasons"][0]["code"], "excluded");
    assert_eq!(v["reasons"][0]["reason"], "Good Friday");
}

#[test]
fn check_errors_name_the_flag() {
    for (extra, flag) in [
        (
            &[
                "--start",
                "2026-03-23T14:00:00Z",
                "--end",
                "2026-03-23T13:00:00Z",
            ][..],
            "--end",
        ),
        (
            &["--start", "soon", "--end", "2026-03-23T13:00:00Z"],
            "--start",
        ),
        (
            &[
                "--start",
                "2026-03-23T14:00:00Z",
                "--duration",
                "30 minutes",
            ],
            "--duration",
        ),
        (
            &[
                "--start",
                "2026-03-23T14:00:00Z",
                "--duration",
                "PT30M",
                "--now",
                "2026-03-23T13:00:00Z",
                "--min-notice",
                "P1M",
            ],
            "--min-notice",
        ),
        (
            &[
                "--start",
                "2026-03-23T14:00:00Z",
                "--duration",
                "PT30M",
                "--seats",
                "0",
            ],
            "--seats",
        ),
    ] {
        let mut args = vec!["check", CLINIC, "--schedule", "dr-ana"];
        args.extend_from_slice(extra);
        let (code, _, err) = slotwise(&args, "");
        assert_eq!(code, 2, "{extra:?}");
        assert!(err.contains(&format!("{flag}: ")), "{extra:?}: {err}");
    }
}

#[test]
fn explain_and_check_answer_from_a_snapshot_without_a_file() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("explain-check");
    std::fs::create_dir_all(&dir).unwrap();
    let bin = dir.join("clinic.bin");
    let bin = bin.to_str().unwrap();
    let (code, _, err) = slotwise(&["snapshot", CLINIC, "-o", bin], "");
    assert_eq!(code, 0, "{err}");
    let from_file = explain("2026-03-23T13:00:00Z", &["--json"]);
    let from_snapshot = slotwise(
        &[
            "explain",
            "--snapshot",
            bin,
            "--schedule",
            "dr-ana",
            "--at",
            "2026-03-23T13:00:00Z",
            "--json",
        ],
        "",
    );
    assert_eq!(from_file, from_snapshot);
    let (code, _, _) = slotwise(
        &[
            "check",
            "--snapshot",
            bin,
            "--schedule",
            "dr-ana",
            "--start",
            "2026-03-23T14:00:00Z",
            "--duration",
            "PT30M",
        ],
        "",
    );
    assert_eq!(code, 0);
}
