//! The core's modules import only downward (docs/architecture.md): no module uses
//! one of a higher layer, and no two files import each other. Read from the sources.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each module of `src/` and its layer: 5 input (and the crate's own tests that
/// ask the engine), 4 the engine, 3 the questions, 2 the state, 1 the building
/// blocks.
const LAYERS: &[(&str, u8)] = &[
    ("input", 5),
    ("lazy_tests", 5),
    ("engine", 4),
    ("availability", 3),
    ("booking", 3),
    ("combine", 3),
    ("query", 3),
    ("reconcile", 3),
    ("report", 3),
    ("walk", 3),
    ("state", 2),
    ("snapshot", 2),
    ("calendar", 1),
    ("capacity", 1),
    ("columns", 1),
    ("error", 1),
    ("interval", 1),
    ("limits", 1),
    ("quota", 1),
    ("record", 1),
    ("rrule", 1),
    ("schedule", 1),
    ("slots", 1),
    ("time", 1),
    ("tz", 1),
];

/// The code of a file without comments (doc links name modules freely).
fn code(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names following `prefix` (`crate::` or `super::`) in `text`.
fn uses(text: &str, prefix: &str) -> BTreeSet<String> {
    text.match_indices(prefix)
        .map(|(i, _)| {
            text[i + prefix.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|n| !n.is_empty() && n.chars().next().unwrap().is_ascii_lowercase())
        .collect()
}

#[test]
fn modules_import_only_downward() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let layers: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    let mut seen = BTreeSet::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if name == "lib" {
            continue;
        }
        let file = if path.is_dir() {
            // A folder beside its `name.rs` (tz/ next to tz.rs) holds that module's
            // children; the module itself is read from the file.
            if !path.join("mod.rs").exists() {
                continue;
            }
            path.join("mod.rs")
        } else {
            path
        };
        let own = *layers
            .get(name.as_str())
            .unwrap_or_else(|| panic!("src/{name}: give it a layer in this test"));
        seen.insert(name.clone());
        for used in uses(&code(&file), "crate::") {
            let theirs = *layers
                .get(used.as_str())
                .unwrap_or_else(|| panic!("src/{name} uses unknown module {used}"));
            assert!(
                theirs <= own,
                "src/{name} (layer {own}) imports {used} (layer {theirs}), a higher layer"
            );
        }
    }
    assert_eq!(seen.len(), LAYERS.len(), "a listed module is gone");
}

#[test]
fn no_two_files_import_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // Module name -> the modules it names (crate:: for top-level files, super:: for
    // the files of rrule/, where mod.rs is `rrule`).
    let mut edges: BTreeSet<(String, String)> = BTreeSet::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if path.is_dir() {
            for sub in std::fs::read_dir(&path).unwrap() {
                let sub = sub.unwrap().path();
                let stem = sub.file_stem().unwrap().to_str().unwrap().to_owned();
                let me = if stem == "mod" {
                    name.clone()
                } else {
                    format!("{name}/{stem}")
                };
                let text = code(&sub);
                for used in uses(&text, "crate::") {
                    edges.insert((me.clone(), used));
                }
                for used in uses(&text, "super::") {
                    edges.insert((me.clone(), format!("{name}/{used}")));
                }
                // An item of mod.rs itself (`super::Occurrence`).
                if stem != "mod" && text.contains("super::") {
                    let upper = text.match_indices("super::").any(|(i, _)| {
                        text[i + 7..].starts_with(|c: char| c.is_ascii_uppercase() || c == '{')
                    });
                    if upper {
                        edges.insert((me.clone(), name.clone()));
                    }
                }
                if stem == "mod" {
                    for used in uses(&text, "self::") {
                        edges.insert((me.clone(), format!("{name}/{used}")));
                    }
                    for line in text.lines() {
                        let line = line.trim();
                        for prefix in ["use ", "pub use "] {
                            if let Some(rest) = line.strip_prefix(prefix) {
                                let first: String = rest
                                    .chars()
                                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                                    .collect();
                                if sub.with_file_name(format!("{first}.rs")).exists() {
                                    edges.insert((me.clone(), format!("{name}/{first}")));
                                }
                            }
                        }
                    }
                }
            }
        } else if name != "lib" {
            for used in uses(&code(&path), "crate::") {
                edges.insert((name.clone(), used));
            }
        }
    }
    for (a, b) in &edges {
        assert!(
            a == b || !edges.contains(&(b.clone(), a.clone())),
            "{a} and {b} import each other"
        );
    }
    // The check sees the edges it is about.
    assert!(edges.contains(&("engine".into(), "state".into())));
    assert!(edges.contains(&("rrule".into(), "rrule/expand".into())));
}
