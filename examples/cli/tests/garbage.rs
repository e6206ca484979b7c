//! Garbage in, for every subcommand: a message on stderr and exit code 2, never a
//! panic (101). Usage errors are clap's (`error: ...`), input errors ours
//! (`slotwise: ...`). `expand --batch` answers each bad line with an error line
//! instead.

mod common;
use common::slotwise;

fn fails(args: &[&str], stdin: &[u8]) {
    let (code, _, err) = slotwise(args, stdin);
    assert_eq!(code, 2, "{args:?}: {err}");
    assert!(
        (err.starts_with("slotwise: ") || err.starts_with("error: ")) && err.len() > 12,
        "{args:?}: {err:?}"
    );
}

/// A file under the target dir holding `bytes`.
fn file(name: &str, bytes: &[u8]) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("garbage");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

const FROM: &str = "2026-01-01T00:00:00Z";
const TO: &str = "2026-02-01T00:00:00Z";

#[test]
fn bad_commands_and_flags() {
    fails(&[], b"");
    fails(&["frobnicate"], b"");
    fails(&["--rule"], b"");
    fails(&["expand"], b"");
    fails(&["expand", "--rule"], b"");
    fails(&["expand", "--batch", "extra", "--rule", "x"], b"");
    fails(
        &[
            "expand",
            "--rule",
            "DTSTART:20260101T000000Z",
            "--from",
            FROM,
        ],
        b"",
    );
    fails(
        &[
            "expand", "--rule", "x", "--from", FROM, "--to", TO, "--bogus", "1",
        ],
        b"",
    );
    fails(
        &["expand", "--rule", "x", "--from", FROM, "--to", TO, "stray"],
        b"",
    );
    for command in ["availability", "reconcile", "report", "snapshot"] {
        fails(&[command], b"");
        fails(&[command, "a.json", "b.json"], b"");
        fails(&[command, "data/clinic.json", "--table"], b"");
        fails(&[command, "data/clinic.json", "--snapshot"], b"");
    }
    fails(&["snapshot", "data/clinic.json"], b"");
    fails(&["snapshot", "data/clinic.json", "-o"], b"");
    fails(
        &[
            "snapshot",
            "data/clinic.json",
            "-o",
            "no/such/dir/engine.bin",
        ],
        b"",
    );
}

#[test]
fn bad_rules_windows_and_values() {
    let daily = "DTSTART:20260101T000000Z\\nRRULE:FREQ=DAILY";
    for (rule, from, to, extra) in [
        ("garbage", FROM, TO, &[][..]),
        (
            "DTSTART:20260101T000000Z\\nRRULE:FREQ=DAILY;INTERVAL=0",
            FROM,
            TO,
            &[],
        ),
        (
            "DTSTART:20260101T000000Z\\nRRULE:FREQ=DAILY;BYMONTHDAY=99",
            FROM,
            TO,
            &[],
        ),
        ("\u{7f}\u{fffd}\u{202e}", FROM, TO, &[]),
        (daily, "yesterday", TO, &[]),
        (daily, TO, FROM, &[]),
        (daily, "0000-12-31T00:00:00Z", TO, &[]),
        (daily, FROM, TO, &["--limit", "-1"]),
        (daily, FROM, TO, &["--limit", "99999999999999999999999"]),
        (daily, FROM, TO, &["--tz", "Mars/Olympus"]),
        // Past the instance ceiling without a limit.
        (
            "DTSTART:20260101T000000Z\\nRRULE:FREQ=SECONDLY",
            "0001-01-01T00:00:00Z",
            "9999-12-31T00:00:00Z",
            &[],
        ),
    ] {
        let mut args = vec!["expand", "--rule", rule, "--from", from, "--to", to];
        args.extend_from_slice(extra);
        fails(&args, b"");
    }
}

#[test]
fn garbage_documents() {
    let deep = "[".repeat(100_000);
    let cases: [(&str, &[u8]); 9] = [
        ("empty.json", b""),
        ("binary.json", &[0xff, 0xfe, 0x00, 0x81, 0x9f, 0x7b]),
        ("not-json.json", b"{schedules: ["),
        ("null.json", b"null"),
        ("array.json", b"[1, 2, 3]"),
        ("deep.json", deep.as_bytes()),
        ("schedules-object.json", br#"{"schedules": {}}"#),
        ("query-window.json", br#"{"query": {"from": "2026-01-02T00:00:00Z", "to": "2026-01-01T00:00:00Z"}}"#),
        ("query-seats.json", br#"{"query": {"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z", "seats": 1e999}}"#),
    ];
    let out = file("out.bin", b"");
    for command in ["availability", "reconcile", "report", "snapshot"] {
        let run = |input: &str, stdin: &[u8]| {
            let mut args = vec![command, input];
            if command == "snapshot" {
                args.extend(["-o", &out]);
            }
            fails(&args, stdin);
        };
        for (name, bytes) in cases {
            // snapshot reads only schedules and appointments.
            if command == "snapshot" && name.starts_with("query-") {
                continue;
            }
            run(&file(name, bytes), b"");
            run("-", bytes);
        }
        run("no/such/file.json", b"");
        run(env!("CARGO_TARGET_TMPDIR"), b"");
    }
    // explain and check read any document with schedules and appointments.
    for (name, bytes) in cases {
        if name.starts_with("query-") {
            continue;
        }
        let input = file(name, bytes);
        fails(&["explain", &input, "--schedule", "a", "--at", FROM], b"");
        fails(
            &[
                "check",
                &input,
                "--schedule",
                "a",
                "--start",
                FROM,
                "--duration",
                "PT1H",
            ],
            b"",
        );
    }
}

#[test]
fn garbage_flags_of_explain_and_check() {
    let clinic = "data/clinic.json";
    for at in [
        "",
        "tomorrow",
        "0000-12-31T23:00:00Z",
        "10000-01-01T00:00:00Z",
        "\u{7f}\u{202e}",
    ] {
        fails(
            &["explain", clinic, "--schedule", "dr-ana", "--at", at],
            b"",
        );
    }
    fails(&["explain", clinic, "--schedule", "", "--at", FROM], b"");
    fails(&["explain", clinic, "--at", FROM], b"");
    fails(&["explain", "--schedule", "dr-ana", "--at", FROM], b"");
    for extra in [
        &["--start", FROM][..],
        &["--start", FROM, "--end", TO, "--duration", "PT1H"],
        &["--start", FROM, "--duration", "P1M"],
        &["--start", FROM, "--duration", "PT99999999999999999999H"],
        &["--start", "9999-12-31T23:00:00Z", "--duration", "PT2H"],
        &["--start", FROM, "--end", TO, "--seats", "4294967296"],
        &["--start", FROM, "--end", TO, "--seats", "-1"],
        &["--start", FROM, "--end", TO, "--min-notice", "PT1H"],
        &["--start", FROM, "--end", TO, "--now", "x"],
        &["--start", FROM, "--end", TO, "--id", ""],
    ] {
        let mut args = vec!["check", clinic, "--schedule", "dr-ana"];
        args.extend_from_slice(extra);
        fails(&args, b"");
    }
}

#[test]
fn garbage_snapshots() {
    let good = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/snapshot/clinic-v1.bin"
    ))
    .unwrap();
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    for (name, bytes) in [
        ("empty.bin", &b""[..]),
        ("text.bin", b"SLOTWISE but not really"),
        ("truncated.bin", &good[..good.len() / 2]),
        ("flipped.bin", &flipped),
    ] {
        let snapshot = file(name, bytes);
        let week = r#"{"from": "2026-03-23T00:00:00Z", "to": "2026-03-30T00:00:00Z"}"#;
        for (command, doc) in [
            ("availability", format!(r#"{{"query": {week}}}"#)),
            (
                "reconcile",
                format!(r#"{{"window": {week}, "existing": []}}"#),
            ),
            (
                "report",
                format!(r#"{{"window": {week}, "bucket": "week"}}"#),
            ),
        ] {
            fails(&[command, "-", "--snapshot", &snapshot], doc.as_bytes());
        }
    }
}

#[test]
fn batch_answers_every_bad_line_with_an_error_line() {
    let mut input = Vec::new();
    input.extend_from_slice(b"not json\n");
    input.extend_from_slice(b"\xff\xfe\n");
    input.extend_from_slice(b"{}\n");
    input.extend_from_slice(b"[\"array\"]\n");
    input.extend_from_slice(
        br#"{"id": 1, "ical": "x", "from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}"#,
    );
    input.push(b'\n');
    // One line past max_input_bytes (64 MiB) is read through, not kept.
    input.extend(std::iter::repeat_n(b'x', 64 * 1024 * 1024 + 1));
    input.push(b'\n');
    input.extend_from_slice(br#"{"id": "ok", "ical": "DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY;COUNT=2", "from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z"}"#);
    let (code, out, err) = slotwise(&["expand", "--batch"], &input);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 7, "{out}");
    for line in &lines[..6] {
        assert!(line["error"]["code"].is_string(), "{line}");
    }
    assert_eq!(lines[5]["error"]["code"], "limit_exceeded");
    assert_eq!(lines[6]["occurrences"].as_array().unwrap().len(), 2);
}
