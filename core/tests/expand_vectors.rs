//! Runs every cross-binding expansion vector file in tests/vectors/expand/ through
//! `slotwise::expand`. Each file is a JSON array of cases `{"kind": "expand",
//! "description", "input": {"ical", "from", "to", "limit"?}, "expected": [...]}` or
//! `{..., "error": {"code"}}` (tests/vectors/README.md); every language binding runs
//! the same files.

mod common;

use common::*;

#[test]
fn every_vector_file_passes() {
    let dir = vectors_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 4,
        "expected several vector files in {}",
        dir.display()
    );
    let mut total = 0;
    let mut failures = Vec::new();
    for path in &files {
        let vectors = load_vectors(path);
        assert!(!vectors.is_empty(), "{} is empty", path.display());
        for v in &vectors {
            total += 1;
            let outcome = std::panic::catch_unwind(|| run_vector(v)).unwrap_or_else(|_| {
                Err(format!(
                    "{}[{}] {}: panicked",
                    v.file, v.index, v.description
                ))
            });
            if let Err(report) = outcome {
                failures.push(report);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} vectors fail; the first ones:\n\n{}",
        failures.len(),
        failures
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}
