#!/usr/bin/env bash
# Garbage-collection pauses and latency while the in-memory store fills to max-sessions, under the
# memory overlay's limits, for each candidate collector (issue 18; method and figures in
# bench/RESULTS.md).
#
#   bench/gc.sh                      every collector (about 4 minutes each)
#   COLLECTORS="zgc g1" bench/gc.sh  some of them
#   QUICK=1 bench/gc.sh              a short trial (100,000 sessions; numbers not comparable)
#
# Method: the packaged service runs on JDK 25 (the image's JDK) with the heap the memory overlay
# gives it (MaxRAMPercentage=75 of its 1536 Mi limit: 1152 MiB), pinned with taskset to one CPU
# (the overlay requests half a CPU; one is the least taskset can give). wrk runs on the other CPU:
# a steady read-mostly load at a bounded rate (BENCH_DELAY_MS between requests on each of 4
# connections) in 10-second runs, while a second wrk creates sessions of two small items until
# the store holds max-sessions; then the steady load runs 3 more times 10 seconds on the full
# store. Stop-the-world pauses come from the JVM's safepoint log (every collector's pauses are
# safepoints); p99 is the worst and the median of the 10-second runs' p99s.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT_NAME=gc-$(date -u +%Y%m%dT%H%M%SZ)
# shellcheck source=bench/lib.sh
. bench/lib.sh

JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
MAX_SESSIONS=${MAX_SESSIONS:-1000000}
HEAP=${HEAP:-1152m}
COLLECTORS=${COLLECTORS:-"serial parallel g1 zgc"}
export BENCH_DELAY_MS=${BENCH_DELAY_MS:-4}
if [ "${QUICK:-0}" = 1 ]; then MAX_SESSIONS=100000; fi
SESSIONS=1000
KEYS=2
export BENCH_KEYS=$KEYS
SERVER_CPU=0

[ -x "$JAVA25" ] || { echo "JDK 25 not found: set JAVA25" >&2; exit 1; }
[ -f "$SERVICE_JAR" ] || ./mvnw -B -q package -DskipTests

gc_flag() {
  case $1 in
    serial) echo -XX:+UseSerialGC ;;
    parallel) echo -XX:+UseParallelGC ;;
    g1) echo -XX:+UseG1GC ;;
    zgc) echo -XX:+UseZGC ;;
    *) echo "unknown collector $1" >&2; exit 1 ;;
  esac
}

active() {
  curl -s "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" | awk '/^sessions_active/ { printf "%.0f", $NF }'
}

# pauses FILE FROM_MS TO_MS: the longest safepoint (ms) logged between two JVM uptimes, and their count
pauses() {
  sed -nE 's/^\[([0-9]+)ms\].*Total: ([0-9]+) ns.*/\1 \2/p' "$1" | awk -v from="$2" -v to="$3" '
    $1 >= from && $1 < to { n++; if ($2 > max) max = $2 }
    END { printf "max_pause_ms=%.1f safepoints=%d", max / 1e6, n }'
}

# p99s FILE: the worst and the median p99 (ms) of the RESULT lines in FILE, and their errors
p99s() {
  sed -E 's/.*p99_us=([0-9]+).*errors=([0-9]+).*/\1 \2/' "$1" | sort -n | awk '
    { v[NR] = $1; e += $2 } END { printf "p99_worst_ms=%.2f p99_median_ms=%.2f runs=%d errors=%d",
      v[NR] / 1000, v[int((NR + 1) / 2)] / 1000, NR, e }'
}

for gc in $COLLECTORS; do
  log "$gc: heap $HEAP, CPU $SERVER_CPU, filling to $MAX_SESSIONS sessions under a steady load"
  t0=$(date +%s%3N)
  JAVA_BIN=$JAVA25 start "$gc" "$SERVICE_JAR" "$PORT" "$SERVER_CPU" "$(gc_flag "$gc")" -Xms"$HEAP" -Xmx"$HEAP" \
    -XX:+AlwaysPreTouch -Xlog:safepoint:file="$OUT/$gc-safepoint.log":uptimemillis \
    -Xlog:gc:file="$OUT/$gc-gc.log":uptimemillis -Dsessions.memory.max-sessions="$MAX_SESSIONS"
  create_sessions
  fill_from=$(( $(date +%s%3N) - t0 ))
  : > "$OUT/$gc-fill.runs"
  ( while [ ! -f "$OUT/$gc.full" ]; do wrk_run "$PORT" steady 10 >> "$OUT/$gc-fill.runs"; done ) &
  steady=$!
  for _ in $(seq 1 100); do
    taskset -c "$LOAD_CPU" wrk -t1 -c8 -d10s -s bench/wrk/create.lua "http://127.0.0.1:$PORT/sessions" > /dev/null
    [ "$(active)" -ge "$MAX_SESSIONS" ] && break
  done
  fill_to=$(( $(date +%s%3N) - t0 ))
  touch "$OUT/$gc.full"; wait "$steady"
  : > "$OUT/$gc-full.runs"
  for _ in 1 2 3; do wrk_run "$PORT" steady 10 >> "$OUT/$gc-full.runs"; done
  full_to=$(( $(date +%s%3N) - t0 ))
  echo "$gc fill_s=$(( (fill_to - fill_from) / 1000 )) sessions=$(active)" \
    "| filling: $(pauses "$OUT/$gc-safepoint.log" "$fill_from" "$fill_to") $(p99s "$OUT/$gc-fill.runs")" \
    "| full: $(pauses "$OUT/$gc-safepoint.log" "$fill_to" "$full_to") $(p99s "$OUT/$gc-full.runs")" \
    | tee -a "$OUT/summary.txt"
  stop
done
log "done: $OUT/summary.txt"
cat "$OUT/summary.txt"
