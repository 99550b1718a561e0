#!/usr/bin/env bash
# Programme-scale benchmark (docs/performance.md, "Programme scale"): N applications generated through the
# real API of the built `mmd-grants serve`, then transitions, whole-call reads, lists and public pages
# measured over HTTP beside raw baselines measured in the same run, and the memory of the process; on
# SQLite and (when reachable) PostgreSQL. The table is printed and written to <target>/scale-bench.md.
#
#   bench/scale/run.sh                                                     # 10,000 applications, 2,100 evaluated
#   SCALE_BENCH_APPLICATIONS=200 SCALE_BENCH_EVALUATED=40 bench/scale/run.sh   # the smoke size
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/mmd-grants-target}"
if [ -z "${GRANTS_TEST_POSTGRES_URL:-}" ] && psql -h 127.0.0.1 -U postgres -d test -Atqc 'select 1' >/dev/null 2>&1; then
    export GRANTS_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test
fi
exec cargo bench -p grants-server --bench scale
