#!/usr/bin/env bash
# Throughput and latency of GET and PUT item with 1,000,000 live sessions against 1,000, in one run,
# on the in-memory store, on 127.0.0.1 only (issue 15, "flat in session count").
#
#   bench/flat.sh            full run (about 8 minutes)
#   QUICK=1 bench/flat.sh    short run to try the script (20,000 sessions; numbers not comparable)
#   JAVA25=<JDK 25 java binary> is required (the JDK the image runs)
#
# Method: two instances of the packaged service run at once on the image's JDK and collector
# (JDK 25, generational ZGC), the same heap each, pinned to CPU 0; wrk (one thread, 64
# connections) is pinned to CPU 1. Both get the same SESSIONS sessions of KEYS items; the large
# one is then filled with sessions of two small items up to LARGE sessions. After a warm-up of
# both, their GET and PUT runs alternate, RUNS times DURATION seconds each, on the SESSIONS
# sessions of each, so that what differs is the number of sessions held; while one is measured the
# other is stopped (SIGSTOP; FREEZE_IDLE=0 leaves it running), so that its collector and timers
# take no CPU from it. Stop-the-world pauses
# come from each JVM's safepoint log (every ZGC pause is a safepoint). Results go to
# bench/results/<timestamp>-flat/; bench/RESULTS.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT_NAME=$(date -u +%Y%m%dT%H%M%SZ)-flat
# shellcheck source=bench/lib.sh
. bench/lib.sh
LARGE=${LARGE:-1000000}
if [ "${QUICK:-0}" = 1 ]; then LARGE=20000; fi
HEAP=${HEAP:-2g}
JAVA_BIN=${JAVA25:?set JAVA25 to the java binary of a JDK 25}
export JAVA_BIN
SMALL_PORT=8080 SMALL_MANAGEMENT=9000 LARGE_PORT=8082 LARGE_MANAGEMENT=9002

[ -f "$SERVICE_JAR" ] || ./mvnw -B -q package -DskipTests

instance() { # instance NAME PORT MANAGEMENT_PORT: started, with SESSIONS sessions in OUT/NAME-sessions.lua
  MANAGEMENT_PORT=$3 start "$1" "$SERVICE_JAR" "$2" 0 -XX:+UseZGC -Xms"$HEAP" -Xmx"$HEAP" -XX:+AlwaysPreTouch \
    -Xlog:safepoint:file="$OUT/$1-safepoint.log":uptimemillis -Xlog:gc:file="$OUT/$1-gc.log":uptimemillis \
    -Dsessions.memory.max-sessions="$LARGE"
  PORT=$2 create_sessions
  mv "$OUT/sessions.lua" "$OUT/$1-sessions.lua"
}
active() { curl -s "http://127.0.0.1:$1/q/metrics" | awk '/^sessions_active/ { printf "%.0f", $NF }'; }
uptime_ms() { jcmd "$1" VM.uptime | awk 'NR==2 { printf "%.0f", $1 * 1000 }'; }
# pauses FILE FROM_MS: the longest safepoint (ms) logged since a JVM uptime, and their count
pauses() {
  sed -nE 's/^\[([0-9]+)ms\].*Total: ([0-9]+) ns.*/\1 \2/p' "$1" | awk -v from="$2" '
    $1 >= from { n++; if ($2 > max) max = $2 }
    END { printf "max_pause_ms=%.1f safepoints=%d", max / 1e6, n }'
}
# only NAME: resumes that instance and stops the other (SIGSTOP), so that the idle one's JIT,
# collector and sweeper take no CPU from the measured one; FREEZE_IDLE=0 leaves both running
only() {
  [ "${FREEZE_IDLE:-1}" = 1 ] || return 0
  if [ "$1" = small ]; then kill -STOP "$LARGE_PID"; kill -CONT "$SMALL_PID"
  else kill -STOP "$SMALL_PID"; kill -CONT "$LARGE_PID"; fi
}
run() { # run NAME PORT SCRIPT
  only "$1"
  BENCH_SESSIONS=$OUT/$1-sessions.lua wrk_run "$2" "$3" "$DURATION" | tee -a "$OUT/$1-$3.runs" >&2
}

log "two instances on CPU 0 ($JAVA_BIN, ZGC, heap $HEAP); $SESSIONS sessions of $KEYS items each"
instance small "$SMALL_PORT" "$SMALL_MANAGEMENT"
SMALL_PID=$PID
instance large "$LARGE_PORT" "$LARGE_MANAGEMENT"
LARGE_PID=$PID
log "filling the large instance to $LARGE sessions"
fill_from=$(uptime_ms "$LARGE_PID")
for _ in $(seq 1 60); do
  taskset -c "$LOAD_CPU" wrk -t1 -c32 -d10s -s bench/wrk/create.lua "http://127.0.0.1:$LARGE_PORT/sessions" > /dev/null
  [ "$(active "$LARGE_MANAGEMENT")" -ge "$LARGE" ] && break
done
fill_to=$(uptime_ms "$LARGE_PID")
echo "filled sessions=$(active "$LARGE_MANAGEMENT") seconds=$(( (fill_to - fill_from) / 1000 ))" \
  "$(pauses "$OUT/large-safepoint.log" "$fill_from")" | tee -a "$OUT/summary.txt"

log "warm-up ${WARMUP}s of the mix on each; then GET and PUT, alternating small and large"
only small
BENCH_SESSIONS=$OUT/small-sessions.lua wrk_run "$SMALL_PORT" mix "$WARMUP" > /dev/null
only large
BENCH_SESSIONS=$OUT/large-sessions.lua wrk_run "$LARGE_PORT" mix "$WARMUP" > /dev/null
from_small=$(uptime_ms "$SMALL_PID")
from_large=$(uptime_ms "$LARGE_PID")
for script in get put; do
  : > "$OUT/small-$script.runs"; : > "$OUT/large-$script.runs"
  for _ in $(seq 1 "$RUNS"); do
    run small "$SMALL_PORT" "$script"
    run large "$LARGE_PORT" "$script"
  done
  median "small-$script"
  median "large-$script"
  paste -d' ' "$OUT/large-$script.runs" "$OUT/small-$script.runs" \
    | sed -E 's/.*req_s=([0-9.]+).*req_s=([0-9.]+).*/\1 \2/' | awk '{printf "%d\n", 100 * $1 / $2 + 0.5}' \
    | paste -sd, - | sed "s/^/pairs-$script large_over_small_pct=/" | tee -a "$OUT/summary.txt"
done
kill -CONT "$SMALL_PID" "$LARGE_PID"
echo "measured small: $(pauses "$OUT/small-safepoint.log" "$from_small")" | tee -a "$OUT/summary.txt"
echo "measured large: $(pauses "$OUT/large-safepoint.log" "$from_large") sessions=$(active "$LARGE_MANAGEMENT")" \
  | tee -a "$OUT/summary.txt"
stop

log "done: $OUT/summary.txt"
cat "$OUT/summary.txt"
