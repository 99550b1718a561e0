#!/usr/bin/env bash
# Memory of the streamed open-data files: the server's peak resident memory while it answers concurrent
# downloads of /open-data/iati-activities.xml, first with the demo's 2 published grants (the baseline),
# then with PROJECTS more and with twice as many (copies of the demo's contracted grant, with agreement and
# payment), measured in the same run on the same process. Streaming keeps the growth flat: doubling the file
# must not double it.
#
#   bash bench/open_data_memory.sh            # PROJECTS=5000 CONCURRENT=20 by default
#
# Runs the debug binary (built when missing) on an SQLite file in a temporary folder; traffic stays on
# 127.0.0.1, every loop is bounded, and the server is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

PROJECTS="${PROJECTS:-5000}"
CONCURRENT="${CONCURRENT:-20}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/mmd-grants-target}"
BIN="${MMD_GRANTS_BIN:-$CARGO_TARGET_DIR/debug/mmd-grants}"
[ -x "$BIN" ] || cargo build -p grants-server
command -v sqlite3 >/dev/null || { echo "needs sqlite3 (apt-get install sqlite3)" >&2; exit 1; }

work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
"$BIN" seed-demo >/dev/null 2>&1
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
GRANTS__SERVER__BIND="127.0.0.1:$port" GRANTS__LOG__LEVEL=warn "$BIN" serve >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

kib() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$server/status"; }

# Peak resident memory above the resting level while CONCURRENT clients download the file at once.
measure() {
    curl -sf -o /dev/null "http://127.0.0.1:$port/open-data/iati-activities.xml"   # warm up
    echo 5 > "/proc/$server/clear_refs"                                                 # resets the peak
    local resting; resting="$(kib VmRSS)"
    local started; started="$(date +%s%N)"
    for _ in $(seq 1 "$CONCURRENT"); do
        curl -sf --max-time 300 -o /dev/null "http://127.0.0.1:$port/open-data/iati-activities.xml" &
    done
    wait
    local elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
    local size; size="$(curl -sf "http://127.0.0.1:$port/open-data/iati-activities.xml" | wc -c)"
    echo "$(( ($(kib VmHWM) - resting) / 1024 )) $(( size / 1024 )) $elapsed"
}

read -r base_growth base_size base_ms < <(measure)

# Adds PROJECTS copies of the demo's contracted grant (agreement and paid pre-financing included), named
# with the reference prefix given as the first argument.
add_projects() {
    sqlite3 data/grants.db >/dev/null <<SQL
PRAGMA busy_timeout = 10000;
INSERT INTO applications (call_id, organisation_id, created_by, stage, reference, title, requested_amount_cents,
    answers, state, version, submitted_at, created_at, updated_at, lot_id, eligibility_flags, awarded_amount_cents)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $PROJECTS)
SELECT a.call_id, a.organisation_id, a.created_by, a.stage, '$1' || n.i, a.title || ' #' || n.i,
    a.requested_amount_cents, a.answers, a.state, 1, a.submitted_at, a.created_at, a.updated_at, a.lot_id,
    a.eligibility_flags, a.awarded_amount_cents
FROM n, applications a WHERE a.state = 'contracted' AND a.reference NOT LIKE 'BENCH%';
INSERT INTO agreements (application_id, amount_cents, starts_on, ends_on, signed_at, signed_by)
SELECT c.id, g.amount_cents, g.starts_on, g.ends_on, g.signed_at, g.signed_by
FROM applications c, applications o JOIN agreements g ON g.application_id = o.id
WHERE c.reference LIKE '$1%' AND o.state = 'contracted' AND o.reference NOT LIKE 'BENCH%';
INSERT INTO payments (application_id, sequence, kind, amount_cents, released_by_period, status, requested_at, paid_at, paid_by)
SELECT c.id, p.sequence, p.kind, p.amount_cents, p.released_by_period, p.status, p.requested_at, p.paid_at, p.paid_by
FROM applications c, applications o JOIN payments p ON p.application_id = o.id
WHERE c.reference LIKE '$1%' AND o.state = 'contracted' AND o.reference NOT LIKE 'BENCH%';
SQL
}

add_projects BENCH1-
read -r big_growth big_size big_ms < <(measure)
add_projects BENCH2-
read -r huge_growth huge_size huge_ms < <(measure)


echo "open-data IATI file, $CONCURRENT concurrent downloads, peak resident memory above resting:"
printf '  baseline   %6d projects: file %8d KiB, peak growth %5d MiB, %6d ms\n' 2 "$base_size" "$base_growth" "$base_ms"
printf '  measured   %6d projects: file %8d KiB, peak growth %5d MiB, %6d ms\n' "$((PROJECTS + 2))" "$big_size" "$big_growth" "$big_ms"
printf '  measured   %6d projects: file %8d KiB, peak growth %5d MiB, %6d ms\n' "$((2 * PROJECTS + 2))" "$huge_size" "$huge_growth" "$huge_ms"
echo "  (unstreamed, the last peak would grow by about $(( huge_size * CONCURRENT / 1024 )) MiB: file size times downloads)"
