#!/usr/bin/env python3
"""Validate the bundled documents against the JSON Schemas in this folder, with an
independent validator (the `jsonschema` package, draft 2020-12).

    python3 schemas/validate.py        # needs `pip install jsonschema`; scripts/test.sh makes a venv

- examples/data/*.json must be valid documents;
- every input of tests/vectors whose expected answer is not an error must be valid
  (an expansion's input as an `expand --batch` line);
- the error vectors that fail on the document's form (an unknown field, a malformed
  duration or instant, an unknown bucket) must be rejected, so the check is not
  vacuous. Formats are checked (`date-time` needs the rfc3339-validator package).
Exits 1 and lists every problem otherwise.
"""
import glob
import json
import os
import sys

from jsonschema import Draft202012Validator

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

# Error vectors whose document the schema itself refuses (the others are refused by
# the engine's rules: duplicate ids, reversed windows, unknown zones, ...).
REJECTED_BY_SCHEMA = {
    "availability/error-unknown-field.json",
    "availability/error-bad-duration.json",
    "availability/error-bad-instant.json",
    "report/error-unknown-bucket.json",
}


def validator(name):
    with open(os.path.join(ROOT, "schemas", name)) as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    # Formats are checked too: `date-time` (instants) through rfc3339-validator.
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def main():
    schemas = {
        name: validator(name)
        for name in sorted(os.listdir(os.path.join(ROOT, "schemas")))
        if name.endswith(".json")
    }
    problems = []
    checked = 0

    def check(v, document, where, valid=True):
        nonlocal checked
        checked += 1
        errors = sorted(v.iter_errors(document), key=lambda e: list(e.path))
        if valid and errors:
            problems.append(f"{where}: {errors[0].json_path}: {errors[0].message}")
        if not valid and not errors:
            problems.append(f"{where}: expected the schema to reject it")

    examples = {
        "clinic.json": "availability-request.json",
        "doctor-and-room.json": "availability-request.json",
        "reconcile.json": "reconcile-request.json",
        "report.json": "report-request.json",
    }
    for path in sorted(glob.glob(os.path.join(ROOT, "examples/data/*.json"))):
        name = os.path.basename(path)
        if name not in examples:
            problems.append(f"examples/data/{name}: no schema is known for it")
            continue
        with open(path, encoding="utf-8-sig") as f:
            check(schemas[examples[name]], json.load(f), f"examples/data/{name}")

    for kind in ["expand", "availability", "reconcile", "report"]:
        v = schemas[f"{kind}-request.json"]
        for path in sorted(glob.glob(os.path.join(ROOT, f"tests/vectors/{kind}/*.json"))):
            rel = f"{kind}/{os.path.basename(path)}"
            with open(path) as f:
                cases = json.load(f)
            for i, case in enumerate(cases):
                document = dict(case["input"])
                if kind == "expand":
                    # As a batch line: the same fields and an id.
                    document["id"] = i
                where = f"tests/vectors/{rel}[{i}]"
                if "error" not in case:
                    check(v, document, where)
                elif rel in REJECTED_BY_SCHEMA:
                    check(v, document, where, valid=False)

    for p in problems:
        print(p)
    print(f"{checked - len(problems)} passed, {len(problems)} failed")
    sys.exit(1 if problems or checked == 0 else 0)


if __name__ == "__main__":
    main()
