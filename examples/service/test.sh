#!/usr/bin/env bash
# The service example's checks, self-contained: PostgreSQL from Debian (when
# missing), the native package built, npm ci, tsc --strict, then node --test against
# a throwaway PostgreSQL cluster (run-with-db.sh).
set -euo pipefail
cd "$(dirname "$0")"

echo "== service: PostgreSQL and Node.js"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq postgresql
  else
    echo "PostgreSQL is required (apt-get install postgresql)" >&2
    exit 1
  fi
fi
if [ ! -f ../../bindings-node/slotwise.node ]; then
  ../../bindings-node/build.sh
fi

echo "== service: npm ci"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  echo "node_modules is current"
fi

echo "== service: tsc --strict"
npx --no-install tsc -p .

echo "== service: node --test (PostgreSQL)"
# The files share one database: one at a time (Node 18 has no --test-concurrency).
./run-with-db.sh bash -c 'for f in tests/*.test.js; do node --test "$f" || exit 1; done'
