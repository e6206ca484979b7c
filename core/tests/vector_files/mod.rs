//! The one format of tests/vectors (see tests/vectors/README.md): every `*.json`
//! file under `tests/vectors/<kind>/` is a JSON array of cases
//! `{"kind", "description", "input", "expected"}` or
//! `{"kind", "description", "input", "error": {"code", "path"?}}`.
#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::Value;

/// The kinds of case, one folder each.
pub const KINDS: [&str; 5] = ["expand", "availability", "combined", "reconcile", "report"];

/// What a case expects: the exact answer, or an error code and (when given) path.
#[derive(Debug, Clone)]
pub enum Expect {
    Answer(Value),
    Error { code: String, path: Option<String> },
}

/// One case of a vector file.
#[derive(Debug, Clone)]
pub struct Case {
    /// `<kind>/<file>.json[<index>]`, for messages.
    pub name: String,
    pub kind: String,
    pub description: String,
    pub input: Value,
    pub expect: Expect,
}

/// The folder holding every vector.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

/// The `*.json` files of `tests/vectors/<kind>/`, sorted.
pub fn files(kind: &str) -> Vec<PathBuf> {
    let dir = root().join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// Read one case, checking it has the one shape; `Err` says what is wrong.
pub fn case(name: String, kind: &str, v: &Value) -> Result<Case, String> {
    let obj = v.as_object().ok_or(format!("{name}: not an object"))?;
    for key in obj.keys() {
        if !["kind", "description", "input", "expected", "error"].contains(&key.as_str()) {
            return Err(format!("{name}: unknown member `{key}`"));
        }
    }
    if obj.get("kind").and_then(Value::as_str) != Some(kind) {
        return Err(format!("{name}: `kind` must be \"{kind}\""));
    }
    let description = obj
        .get("description")
        .and_then(Value::as_str)
        .ok_or(format!("{name}: `description` missing"))?
        .to_owned();
    let input = obj
        .get("input")
        .filter(|i| i.is_object())
        .ok_or(format!("{name}: `input` must be an object"))?
        .clone();
    let expect = match (obj.get("expected"), obj.get("error")) {
        (Some(answer), None) => Expect::Answer(answer.clone()),
        (None, Some(error)) => {
            let e = error
                .as_object()
                .ok_or(format!("{name}: `error` must be an object"))?;
            if e.keys().any(|k| k != "code" && k != "path") {
                return Err(format!("{name}: `error` holds only `code` and `path`"));
            }
            let code = e
                .get("code")
                .and_then(Value::as_str)
                .ok_or(format!("{name}: `error.code` missing"))?
                .to_owned();
            let path = match e.get("path") {
                None => None,
                Some(Value::String(p)) => Some(p.clone()),
                Some(_) => return Err(format!("{name}: `error.path` must be a string")),
            };
            Expect::Error { code, path }
        }
        _ => return Err(format!("{name}: exactly one of `expected` and `error`")),
    };
    Ok(Case {
        name,
        kind: kind.to_owned(),
        description,
        input,
        expect,
    })
}

/// Every case of `tests/vectors/<kind>/`, in file then array order; at least `min`.
pub fn cases(kind: &str, min: usize) -> Vec<Case> {
    let mut out = Vec::new();
    for path in files(kind) {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let json: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{kind}/{file}: {e}"));
        let items = json
            .as_array()
            .unwrap_or_else(|| panic!("{kind}/{file}: not a JSON array of cases"));
        assert!(!items.is_empty(), "{kind}/{file}: no case");
        for (i, v) in items.iter().enumerate() {
            out.push(
                case(format!("{kind}/{file}[{i}]"), kind, v).unwrap_or_else(|e| panic!("{e}")),
            );
        }
    }
    assert!(out.len() >= min, "cases missing in tests/vectors/{kind}");
    out
}

/// Run every case of `kind` and compare with its expected answer or error; report
/// all mismatches at once.
pub fn check(kind: &str, min: usize, run: impl Fn(&Value) -> slotwise::Result<Value>) {
    let mut failures = Vec::new();
    for case in cases(kind, min) {
        let got = run(&case.input);
        let ok = match (&got, &case.expect) {
            (Ok(answer), Expect::Answer(expected)) => answer == expected,
            (Err(e), Expect::Error { code, path }) => {
                e.code().as_str() == code && path.as_ref().is_none_or(|p| p == e.path())
            }
            _ => false,
        };
        if !ok {
            let got = match got {
                Ok(answer) => serde_json::to_string_pretty(&answer).unwrap(),
                Err(e) => format!("error {} at {:?}: {e}", e.code(), e.path()),
            };
            failures.push(format!("{} ({}): got {got}", case.name, case.description));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
