#!/usr/bin/env bash
# npm test: every suite this machine can run, each against a real Strapi on a database of its own.
# Without PostgreSQL or Chromium it says what it skipped; under CI=true a skip is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export STRAPI_TELEMETRY_DISABLED=true
in_ci=${CI:-false}
skipped=()

skip_or_fail() {
  if [ "$in_ci" = "true" ]; then
    echo "FAIL: $1, and CI=true: nothing may be skipped in CI." >&2
    exit 1
  fi
  skipped+=("$1")
}

echo "== Unit tests (pure modules: no Strapi, no database)"
npx jest -c jest.unit.config.js

# The integration tests compile the server first if a source changed since the last build
# (tests/helpers/ensure-build.js), so a CI run after npm run build compiles nothing twice.

# The proxy test puts Debian's nginx in front of Strapi (apt-get install nginx).
if [ ! -x "${NGINX_PATH:-/usr/sbin/nginx}" ] || ! command -v openssl >/dev/null; then
  skip_or_fail "the reverse-proxy test (no nginx at ${NGINX_PATH:-/usr/sbin/nginx} or no openssl; apt-get install nginx openssl)"
  export WITHOUT_NGINX=true # jest.config.js then leaves out tests/site/proxy.test.ts
fi

echo "== API tests on SQLite"
npx jest --runInBand

echo "== API tests on PostgreSQL"
# This stage also runs the files named *.postgres.test.ts (jest.config.js selects them when TEST_DB=postgres).
if node scripts/pg-reachable.js; then
  TEST_DB=postgres npx jest --runInBand
else
  skip_or_fail "the PostgreSQL suite (no PostgreSQL at 127.0.0.1:5432; set TEST_POSTGRES_ADMIN_URL)"
fi

echo "== Browser journeys (Chromium)"
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  skip_or_fail "the browser journeys (no Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium}; apt-get install chromium)"
elif [ -z "$(find tests/browser -name '*.test.ts' 2>/dev/null)" ]; then
  echo "(no browser journeys yet)"
else
  # The journeys open the admin panel: (re)build it if what it is made from changed since its build.
  node scripts/build.js
  npx jest --runInBand --config jest.browser.config.js
fi

if [ ${#skipped[@]} -gt 0 ]; then
  echo
  echo "SKIPPED on this machine:"
  for s in "${skipped[@]}"; do echo "  - $s"; done
fi
