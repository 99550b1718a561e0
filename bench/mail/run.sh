#!/usr/bin/env bash
# Outbox throughput benchmark (docs/performance.md, "Email delivery"): N queued emails drained by the
# built `mmd-grants serve` to a local SMTP server, beside the file transport and the server's own ceiling
# measured in the same run, with one and two processes, on SQLite and (when reachable) PostgreSQL.
#
#   bench/mail/run.sh                      # 20,000 emails per run
#   MAIL_BENCH_EMAILS=50000 bench/mail/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/mmd-grants-target}"
if [ -z "${GRANTS_TEST_POSTGRES_URL:-}" ] && psql -h 127.0.0.1 -U postgres -d test -Atqc 'select 1' >/dev/null 2>&1; then
    export GRANTS_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test
fi
exec cargo bench -p grants-server --bench mail_outbox
