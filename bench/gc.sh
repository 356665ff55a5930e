#!/usr/bin/env bash
# Garbage-collection pauses and latency while the in-memory store fills to max-sessions, under the
# memory overlay's limits, for each candidate collector (issue 18; method and figures in
# bench/RESULTS.md).
#
#   bench/gc.sh                      every collector (about 4 minutes each)
#   COLLECTORS="zgc g1" bench/gc.sh  some of them
#   QUICK=1 bench/gc.sh              a short trial (100,000 sessions; numbers not comparable)
#   SERVER_CPUS=0,1 bench/gc.sh      the service on both CPUs (wrk shares them, niced)
#   HEAP=1536m GC_OPTS="-XX:..."     another heap, more JVM options
#   FILL_RATE=2500 bench/gc.sh       a fill bounded to about 2,500 sessions a second
#   STEADY_RATE=3000 bench/gc.sh     the steady load at about 3,000 requests a second (32
#                                    connections, each waiting 32,000 / STEADY_RATE ms) instead
#                                    of 64 connections waiting 4 ms, which saturate the pod
#   GC_WARMUP=30                     seconds of the steady load and the fill before the measured
#                                    fill (the JIT's warm-up: it fills too, and its sessions stay);
#                                    0 measures the fill from the start
#   LABEL=name                       names the run's files and summary line
#   JAVA25=<JDK 25 java binary>      required: the JDK the image runs
#
# Method: the packaged service runs on JDK 25 (the image's JDK) with the heap the memory overlay
# gives it (MaxRAMPercentage=75 of its 1536 Mi limit: 1152 MiB), pinned with taskset to
# SERVER_CPUS (one CPU by default: the least taskset can give). wrk runs on the other CPU, or,
# when the service has both, on both at nice 10 so that the service comes first. A steady
# read-mostly load (64 connections, each waiting BENCH_DELAY_MS between requests: at most
# 16,000 requests a second, closed loop) runs in 10-second runs, while a second wrk creates
# sessions of two small items until the store holds max-sessions, as fast as it can (8
# connections) or at most FILL_RATE a second; then the steady load runs 3 more times 10 seconds
# on the full store. Stop-the-world pauses come from the JVM's safepoint log (every collector's
# pauses are safepoints); p99 is the worst and the median of the 10-second runs' p99s, req_s the
# steady load's median rate.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT_NAME=gc-$(date -u +%Y%m%dT%H%M%SZ)
# shellcheck source=bench/lib.sh
. bench/lib.sh

JAVA25=${JAVA25:?set JAVA25 to the java binary of a JDK 25}
MAX_SESSIONS=${MAX_SESSIONS:-1000000}
HEAP=${HEAP:-1152m}
COLLECTORS=${COLLECTORS:-"serial parallel g1 zgc"}
export BENCH_DELAY_MS=${BENCH_DELAY_MS:-4}
if [ "${QUICK:-0}" = 1 ]; then MAX_SESSIONS=100000; fi
SESSIONS=1000
KEYS=2
export BENCH_KEYS=$KEYS
SERVER_CPUS=${SERVER_CPUS:-0}
GC_OPTS=${GC_OPTS:-}
FILL_RATE=${FILL_RATE:-0}
STEADY_CONNECTIONS=64
STEADY_RATE=${STEADY_RATE:-0}
if [ "$STEADY_RATE" -gt 0 ]; then
  STEADY_CONNECTIONS=32
  export BENCH_DELAY_MS=$(( 32000 / STEADY_RATE ))
fi

LOAD=(taskset -c "$LOAD_CPU")
if [[ ",$SERVER_CPUS," == *",$LOAD_CPU,"* || "$SERVER_CPUS" == *-* ]]; then
  LOAD=(nice -n 10 taskset -c "$SERVER_CPUS")
fi
FILL=(-c8)
if [ "$FILL_RATE" -gt 0 ]; then
  # 40 connections, each waiting 40,000 / FILL_RATE ms: at most FILL_RATE sessions a second
  FILL=(-c40)
  export BENCH_FILL_DELAY_MS=$(( 40000 / FILL_RATE ))
fi

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

# p99s FILE: the worst and the median p99 (ms) of the RESULT lines in FILE, how many were over 10 ms,
# their errors, the median rate, and the worst run's share of requests the service itself took over
# 10 ms for
p99s() {
  local rate
  rate=$(sed -E 's/.*req_s=([0-9.]+).*/\1/' "$1" | sort -n | awk '{ v[NR] = $1 } END { printf "%.0f", v[int((NR + 1) / 2)] }')
  served=$(sed -nE 's/.*served_over_10ms_pct=([0-9.]+).*/\1/p' "$1" | sort -n | tail -1)
  sed -E 's/.*p99_us=([0-9]+).*errors=([0-9]+).*/\1 \2/' "$1" | sort -n | awk -v rate="$rate" -v served="${served:-?}" '
    { v[NR] = $1; e += $2; if ($1 > 10000) over++ }
    END { printf "p99_worst_ms=%.2f p99_median_ms=%.2f runs=%d over_10ms=%d errors=%d req_s=%s served_over_10ms_worst_pct=%s",
      v[NR] / 1000, v[int((NR + 1) / 2)] / 1000, NR, over, e, rate, served }'
}

# steady: one 10-second run of the steady load -> the RESULT line, with the run's start (at_ms, since
# the JVM was started: compare with the uptimes of the GC and safepoint logs) and the store's size
steady() {
  local at size before after
  at=$(( $(date +%s%3N) - t0 )) size=$(active) before=$(served)
  "${LOAD[@]}" wrk -t1 -c"$STEADY_CONNECTIONS" -d10s --timeout 5s -s bench/wrk/steady.lua "http://127.0.0.1:$PORT" \
    | sed -n "s/^RESULT.*/& at_ms=$at sessions=$size/p" | tr -d '\n'
  after=$(served)
  # shellcheck disable=SC2086 # two numbers each
  echo " $(over_10ms $before $after)"
}

# served: the GETs and PUTs the service has answered, and how many of them within 10 ms, from its
# own latency histogram (http_server_requests_seconds, whose buckets include 10 ms)
served() {
  curl -s "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" | awk '
    /^http_server_requests_seconds_bucket/ && /method="(GET|PUT)"/ {
      if ($0 ~ /le="\+Inf"/) all += $NF; else if ($0 ~ /le="0\.01"/) fast += $NF }
    END { printf "%d %d", all, fast }'
}

# over_10ms ALL_BEFORE FAST_BEFORE ALL_AFTER FAST_AFTER: the share of the GETs and PUTs answered in
# between that the service itself took over 10 ms for (its p99 is under 10 ms while this is under 1 %)
over_10ms() {
  awk -v all=$(( $3 - $1 )) -v fast=$(( $4 - $2 )) 'BEGIN {
    printf "served=%d served_over_10ms_pct=%.2f", all, (all > 0 ? 100 * (all - fast) / all : 0) }'
}

# sample FILE: until the run ends, the host's five busiest processes over each 2 seconds (what else
# shared the cores), from top's second report
sample() {
  while [ ! -f "$OUT/$run.sampled" ]; do
    echo "at_ms=$(( $(date +%s%3N) - t0 ))" >> "$1"
    top -b -n2 -d2 -w 120 | awk '/^top -/ { n++ } n == 2 && /^ *[0-9]+ / && c++ < 5' >> "$1"
  done
}

for gc in $COLLECTORS; do
  run=$gc${LABEL:+-$LABEL}
  log "$run: heap $HEAP, CPUs $SERVER_CPUS, options '$GC_OPTS', fill rate ${FILL_RATE/#0/unbounded}," \
    "steady load $STEADY_CONNECTIONS connections waiting ${BENCH_DELAY_MS} ms," \
    "filling to $MAX_SESSIONS sessions under a steady load"
  t0=$(date +%s%3N)
  # shellcheck disable=SC2086 # GC_OPTS holds several options
  JAVA_BIN=$JAVA25 start "$run" "$SERVICE_JAR" "$PORT" "$SERVER_CPUS" "$(gc_flag "$gc")" $GC_OPTS \
    -Xms"$HEAP" -Xmx"$HEAP" -XX:+AlwaysPreTouch -Xlog:safepoint:file="$OUT/$run-safepoint.log":uptimemillis \
    -Xlog:gc:file="$OUT/$run-gc.log":uptimemillis -Dsessions.memory.max-sessions="$MAX_SESSIONS"
  create_sessions
  if [ "${GC_WARMUP:-30}" -gt 0 ]; then
    # both loads, so that the creates' code is compiled too; the sessions it creates stay
    "${LOAD[@]}" wrk -t1 "${FILL[@]}" -d"${GC_WARMUP:-30}"s -s bench/wrk/fill.lua "http://127.0.0.1:$PORT/sessions" \
      > /dev/null &
    warming=$!
    "${LOAD[@]}" wrk -t1 -c"$STEADY_CONNECTIONS" -d"${GC_WARMUP:-30}"s --timeout 5s -s bench/wrk/steady.lua \
      "http://127.0.0.1:$PORT" > /dev/null
    wait "$warming"
  fi
  fill_from=$(( $(date +%s%3N) - t0 ))
  sample "$OUT/$run-host.txt" &
  sampler=$!
  : > "$OUT/$run-fill.runs"
  ( while [ ! -f "$OUT/$run.full" ]; do steady >> "$OUT/$run-fill.runs"; done ) &
  steady=$!
  for _ in $(seq 1 100); do
    "${LOAD[@]}" wrk -t1 "${FILL[@]}" -d10s -s bench/wrk/fill.lua "http://127.0.0.1:$PORT/sessions" > /dev/null
    [ "$(active)" -ge "$MAX_SESSIONS" ] && break
  done
  fill_to=$(( $(date +%s%3N) - t0 ))
  touch "$OUT/$run.full"; wait "$steady"
  : > "$OUT/$run-full.runs"
  for _ in 1 2 3; do steady >> "$OUT/$run-full.runs"; done
  full_to=$(( $(date +%s%3N) - t0 ))
  touch "$OUT/$run.sampled"; wait "$sampler"
  echo "$run fill_s=$(( (fill_to - fill_from) / 1000 )) sessions=$(active)" \
    "| filling: $(pauses "$OUT/$run-safepoint.log" "$fill_from" "$fill_to") $(p99s "$OUT/$run-fill.runs")" \
    "| full: $(pauses "$OUT/$run-safepoint.log" "$fill_to" "$full_to") $(p99s "$OUT/$run-full.runs")" \
    | tee -a "$OUT/summary.txt"
  stop
done
log "done: $OUT/summary.txt"
cat "$OUT/summary.txt"
