#!/usr/bin/env bash
# The Python binding's tests, self-contained: a venv (made once), the wheel built
# once with `maturin build --release` into the workspace's target/wheels, installed;
# then mypy.stubtest on the hand-written stubs, pytest, and the report example.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=bindings-python/.venv
PY=$VENV/bin/python
REQS=bindings-python/requirements-test.txt

echo "== python: venv ($VENV)"
if [ ! -x "$PY" ]; then
    if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
        apt-get update -qq && apt-get install -y -qq python3-venv
    fi
    python3 -m venv "$VENV"
fi
# Reinstall only when the requirements changed.
stamp=$VENV/.requirements.sha
want=$(sha256sum "$REQS" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    "$PY" -m pip install -q --upgrade pip
    "$PY" -m pip install -q -r "$REQS"
    echo "$want" > "$stamp"
fi

echo "== python: maturin build --release"
rm -f target/wheels/slotwise-*.whl
(cd bindings-python && "../$VENV/bin/maturin" build --release --out ../target/wheels)
"$PY" -m pip install -q --force-reinstall --no-deps target/wheels/slotwise-*.whl

echo "== python: mypy.stubtest"
# From target/: mypy must not see the venv under the working directory too.
(cd target && "../$PY" -m mypy.stubtest slotwise)

echo "== python: pytest"
"$PY" -m pytest bindings-python/tests -q -p no:cacheprovider

echo "== python: examples/python/report.py"
out=target/python-report
rm -rf "$out"
"$PY" examples/python/report.py --out "$out"
"$PY" - "$out" <<'PYCHECK'
import sys
from pathlib import Path

import matplotlib.image as mpimg
import numpy as np

out = Path(sys.argv[1])
png = out / "utilization.png"
assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pixels = mpimg.imread(png)
colours = np.unique(pixels.reshape(-1, pixels.shape[-1]), axis=0)
assert pixels.shape[0] >= 300 and pixels.shape[1] >= 600, pixels.shape
assert len(colours) >= 16, f"only {len(colours)} colours: an empty chart"
rows = (out / "report.csv").read_text().splitlines()
assert len(rows) > 3, rows
print(f"chart {png.stat().st_size} bytes, {len(colours)} colours; {len(rows) - 1} CSV rows")
PYCHECK

echo "== python: examples/python/scale_out.py (slotwise.dask on a LocalCluster)"
"$PY" examples/python/scale_out.py --schedules 2000 --workers 2 | tee target/python-scale-out.txt | grep -v Completed
grep -q "W = 2: .*identical to one process: yes" target/python-scale-out.txt
