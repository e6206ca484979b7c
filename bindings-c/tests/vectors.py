#!/usr/bin/env python3
"""The vector runner of the C ABI: every case of tests/vectors (the one format of
tests/vectors/README.md) through bindings-c/tests/vectors.c, compared exactly with
the expected answers (JSON values: object member order ignored, numbers by value).

Usage: vectors.py [--wrap CMD...] -- PROGRAM   (test.sh wraps PROGRAM in valgrind)
"""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"
# Each kind and the fewest cases it must have (a folder gone missing fails).
KINDS = {"expand": 100, "availability": 20, "combined": 3, "reconcile": 3, "report": 3}


def cases():
    for kind, least in KINDS.items():
        folder = VECTORS / kind
        found = []
        for path in sorted(folder.glob("*.json")):
            for i, case in enumerate(json.loads(path.read_text())):
                assert case["kind"] == kind, f"{path.name}[{i}]: kind"
                found.append((f"{kind}/{path.name}[{i}]", kind, case))
        if len(found) < least:
            sys.exit(f"vectors.py: fewer than {least} cases in {folder}")
        yield from found


def field(text):
    data = text.encode()
    return str(len(data)).encode() + b"\n" + data


def request(kind, inp):
    if kind == "expand":
        limit = inp.get("limit")
        fields = [inp["ical"], inp["from"], inp["to"], str(-1 if limit is None else limit)]
    else:
        state = {"version": 1, "schedules": inp.get("schedules", []),
                 "appointments": inp.get("appointments", [])}
        if kind in ("availability", "combined"):
            doc = inp["query"]
        elif kind == "reconcile":
            doc = {"window": inp["window"], "existing": inp.get("existing", [])}
        else:
            doc = {"window": inp["window"], "bucket": inp["bucket"]}
        fields = [json.dumps(state), json.dumps(doc)]
    return kind.encode() + b"\n" + b"".join(field(f) for f in fields)


def located(kind, where, path):
    """The error's path from the input's root, as the engine reports a whole document."""
    if where == "call" and kind in ("availability", "combined") and path:
        return "query" + (path if path.startswith("[") else "." + path)
    return path


def main():
    args = sys.argv[1:]
    split = args.index("--")
    wrap = args[:split]
    if wrap and wrap[0] == "--wrap":
        wrap = wrap[1:]
    program = args[split + 1:]
    all_cases = list(cases())
    stdin = b"".join(request(kind, case["input"]) for _, kind, case in all_cases)
    run = subprocess.run(wrap + program, input=stdin, stdout=subprocess.PIPE, check=False)
    lines = run.stdout.decode().splitlines()
    if run.returncode != 0 or len(lines) != len(all_cases):
        sys.exit(f"vectors.py: the runner exited {run.returncode} after {len(lines)} of {len(all_cases)} answers")
    failures = []
    for (name, kind, case), line in zip(all_cases, lines):
        status, _, rest = line.partition(" ")
        want = case.get("error")
        if status == "ok":
            got = json.loads(rest)
            if want is not None:
                failures.append(f"{name}: answered, expected the error {want}")
            elif got != case["expected"]:
                failures.append(f"{name}: expected {json.dumps(case['expected'])[:300]}, got {rest[:300]}")
        else:
            code, where, path = (rest.split(" ", 2) + ["", ""])[:3]
            path = located(kind, where, path)
            if want is None:
                failures.append(f"{name}: failed with {code} at `{path}`")
            elif code != want["code"] or ("path" in want and path != want["path"]):
                failures.append(f"{name}: error {code} at `{path}`, expected {want}")
    for f in failures[:20]:
        print("FAIL", f)
    print(f"vectors: {len(all_cases) - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
