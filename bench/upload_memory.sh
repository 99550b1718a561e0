#!/usr/bin/env bash
# Peak memory of one `mmd-grants serve` while it receives large attachments, beside its idle peak
# measured in the same run (the baseline). Usage: bench/upload_memory.sh [binary] [files] [MiB each]
# Runs on SQLite and a local folder in a temporary directory; talks only to 127.0.0.1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="${1:-${CARGO_TARGET_DIR:-$root/target}/debug/mmd-grants}"
files="${2:-4}"
size_mib="${3:-40}"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
export GRANTS_CONFIG_DIR="$root/config" GRANTS__SERVER__BIND=127.0.0.1:18091 GRANTS__LOG__LEVEL=warn
export GRANTS__SERVER__BASE_URL=http://127.0.0.1:18091
manager=$("$binary" user add --email m@example.org --name M --role manager 2>/dev/null)
applicant=$("$binary" user add --email a@example.org --name A --role applicant --organisation AMMD \
    --country ML --org-type civil_society 2>/dev/null)
"$binary" serve & server=$!
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:18091/healthz >/dev/null && break; sleep 0.1; done
peak() { awk '/VmHWM/ { print $2 }' "/proc/$server/status"; }
api() { curl -sf -H "Authorization: Bearer $1" -H 'content-type: application/json' "${@:2}"; }
opens=$(date -u -d '-1 day' +%FT%TZ); deadline=$(date -u -d '+30 days' +%FT%TZ)
call=$(api "$manager" http://127.0.0.1:18091/api/v1/calls -d "{\"reference\":\"MMD-CFP-2026-09\",\"title_en\":\"C\",\"title_fr\":\"C\",\"description_en\":\"D\",\"description_fr\":\"D\",\"procedure\":\"open\",\"total_budget\":\"1500000\",\"min_grant\":\"50000\",\"max_grant\":\"300000\",\"opens_at\":\"$opens\",\"deadline_at\":\"$deadline\",\"display_timezone\":\"Africa/Bamako\",\"settings\":{\"attachment_max_bytes\":52428800}}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
api "$manager" -X POST "http://127.0.0.1:18091/api/v1/calls/$call/actions/publish" -d '{}' >/dev/null
answers="$(cat "$root/config/forms/mmd/full_application.example.json")"
draft=$(api "$applicant" http://127.0.0.1:18091/api/v1/applications -d "{\"call_id\":$call,\"answers\":$answers}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
idle=$(peak)
{ printf '%%PDF-1.4\n'; head -c "$((size_mib * 1024 * 1024))" /dev/zero; } > big.pdf
started=$(date +%s.%N)
for i in $(seq 1 "$files"); do
    curl -sf -o /dev/null -H "Authorization: Bearer $applicant" -F kind=budget_sheet -F "file=@big.pdf" \
        "http://127.0.0.1:18091/api/v1/applications/$draft/attachments" &
done
wait $(jobs -p | grep -v "^$server$") 2>/dev/null || true
took=$(python3 -c "import time; print(round(time.time() - $started, 1))")
stored=$(api "$applicant" "http://127.0.0.1:18091/api/v1/applications/$draft/attachments" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$stored" = "$files" ] || { echo "only $stored of $files uploads were stored" >&2; exit 1; }
echo "baseline: idle peak RSS $((idle / 1024)) MiB"
echo "uploads:  $files x $size_mib MiB at once in ${took}s, peak RSS $(( $(peak) / 1024 )) MiB"
