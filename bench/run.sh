#!/usr/bin/env bash
# Benchmarks the session-state service on the in-memory store against a baseline app (plain
# Vert.x routes on the same Quarkus HTTP stack), in one run, on 127.0.0.1 only.
#
#   bench/run.sh            full run (about 13 minutes)
#   QUICK=1 bench/run.sh    short run to try the script (numbers not comparable)
#   AUTH=1 bench/run.sh     only the cost of API-key authentication (about 4 minutes): GET and PUT
#                           item on the service with sessions.auth.mode=api-key, sending X-Api-Key,
#                           against the same jar with authentication off, alternating as below
#   LOAD_ONLY=1 bench/run.sh  GET and PUT only (about 9 minutes): no mix, heap or start-up
#   EVENTS=1 bench/run.sh   only the cost of lifecycle events (about 4 minutes): creating a session
#                           and PUT item with sessions.events.enabled=true against the same jar
#                           with events off, alternating as below; STORE=infinispan runs both
#                           on an Infinispan node, SUBSCRIBERS=N attaches N SSE clients
#
# Method: both servers run at once, pinned to CPU 0 (the idle one costs nothing), and wrk (one
# thread, 64 connections) is pinned to CPU 1. Each server is warmed up with the read-mostly mix;
# then the service's and the baseline's runs of each scenario alternate, RUNS times DURATION
# seconds each, so that a change in the host's speed hits both alike; the median run is reported.
# Every load loop is bounded in time. Results go to bench/results/<timestamp>/ (ignored by git);
# bench/RESULTS.md records the numbers we publish.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

HEAP_SESSIONS=${HEAP_SESSIONS:-1000000}
if [ "${QUICK:-0}" = 1 ]; then HEAP_SESSIONS=20000; fi
SERVER_CPU=0
BASE_PORT=8090
OUT_NAME=$(date -u +%Y%m%dT%H%M%SZ)
# shellcheck source=bench/lib.sh
. bench/lib.sh
BASELINE_JAR=$ROOT/bench/baseline/target/quarkus-app/quarkus-run.jar

build() {
  log "building the service and the baseline"
  ./mvnw -B -q package -DskipTests
  ./mvnw -B -q -f bench/baseline/pom.xml package
}

heap_used() { # bytes of heap in use right after a full GC
  jcmd "$PID" GC.run >/dev/null; jcmd "$PID" GC.run >/dev/null
  curl -s "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" \
    | awk '/^jvm_memory_used_bytes\{area="heap"/ { sum += $NF } END { printf "%.0f", sum }'
}

first_answer_ms() { # time from process start to the first answered request, unpinned
  local t0 t1
  t0=$(date +%s%N)
  java -Dquarkus.http.host=127.0.0.1 -jar "$SERVICE_JAR" > "$OUT/startup.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  until curl -s -o /dev/null "http://127.0.0.1:$MANAGEMENT_PORT/q/health/live"; do sleep 0.005; done
  t1=$(date +%s%N)
  stop
  echo $(( (t1 - t0) / 1000000 ))
}

# alternate BASE_SESSIONS SERVICE_SESSIONS SUFFIX SCENARIO...: for each scenario, RUNS pairs of
# runs alternating the baseline (BASE_PORT, its sessions, script SCENARIO) and the service (PORT,
# its sessions, script SCENARIO+SUFFIX); then both medians and the pairs' ratios.
alternate() {
  local base=$1 service=$2 suffix=$3 name i
  shift 3
  for name in "$@"; do
    : > "$OUT/baseline-$name.runs"; : > "$OUT/service-$name.runs"
    for i in $(seq 1 "$RUNS"); do
      BENCH_SESSIONS=$base wrk_run "$BASE_PORT" "$name" "$DURATION" | tee -a "$OUT/baseline-$name.runs" >&2
      BENCH_SESSIONS=$service wrk_run "$PORT" "$name$suffix" "$DURATION" | tee -a "$OUT/service-$name.runs" >&2
    done
    median "baseline-$name"
    median "service-$name"
    pair_ratios "$name"
  done
}

# auth_run: the service with API keys (on PORT) against itself without (on BASE_PORT), both on
# SERVER_CPU; each has its own sessions, so each gets its own list of ids.
auth_run() {
  local key=ssk_bench_k9Vq2LrT7xWn4PzA hash
  hash=$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)
  log "both services on CPU $SERVER_CPU; $SESSIONS sessions of $KEYS items each; warm-up ${WARMUP}s each"
  MANAGEMENT_PORT=9002 start open "$SERVICE_JAR" "$BASE_PORT" "$SERVER_CPU"
  start keyed "$SERVICE_JAR" "$PORT" "$SERVER_CPU" -Dsessions.auth.mode=api-key \
    -Dsessions.auth.api-keys.bench.sha256="$hash" -Dsessions.auth.api-keys.bench.roles=writer
  BENCH_SESSIONS=$OUT/open-sessions.lua CREATE_PORT=$BASE_PORT create_sessions
  BENCH_SESSIONS=$OUT/keyed-sessions.lua CREATE_PORT=$PORT CREATE_KEY=$key create_sessions
  export BENCH_API_KEY=$key
  BENCH_SESSIONS=$OUT/open-sessions.lua wrk_run "$BASE_PORT" get "$WARMUP" > /dev/null
  BENCH_SESSIONS=$OUT/keyed-sessions.lua wrk_run "$PORT" get-key "$WARMUP" > /dev/null
  log "GET and PUT, alternating runs without and with the key (baseline = no authentication)"
  alternate "$OUT/open-sessions.lua" "$OUT/keyed-sessions.lua" -key get put
  stop
  log "done: $OUT/summary.txt"
  cat "$OUT/summary.txt"
}

# events_run: the service with lifecycle events on (on PORT) against itself with them off (on
# BASE_PORT), both on SERVER_CPU: creating a session (which appends a started event to the log)
# and PUT of an item (which emits nothing). Creates fill each store by the same number of sessions,
# so both grow alike. STORE=infinispan: both on one Infinispan node (unpinned), each with its own
# sessions cache; the events-on service keeps its log in that node. SUBSCRIBERS=N: N SSE clients
# (curl -N, on LOAD_CPU) read the events-on service's GET /events throughout.
events_run() {
  local store=() on_store=() off_store=() i
  if [ "${STORE:-memory}" = infinispan ]; then
    resolve_infinispan
    start_infinispan
    store=(-Dsessions.store.kind=infinispan -Dquarkus.infinispan-client.hosts="127.0.0.1:$ISPN_PORT"
           -Dquarkus.infinispan-client.use-auth=false)
    off_store=(-Dsessions.infinispan.cache=bench-off)
    on_store=(-Dsessions.infinispan.cache=bench-on)
  fi
  log "both services on CPU $SERVER_CPU, store ${STORE:-memory}; $SESSIONS sessions of $KEYS items each;" \
    "${SUBSCRIBERS:-0} SSE subscribers; warm-up ${WARMUP}s each"
  MANAGEMENT_PORT=9002 start off "$SERVICE_JAR" "$BASE_PORT" "$SERVER_CPU" "${store[@]}" "${off_store[@]}"
  start on "$SERVICE_JAR" "$PORT" "$SERVER_CPU" -Dsessions.events.enabled=true "${store[@]}" "${on_store[@]}"
  for i in $(seq 1 "${SUBSCRIBERS:-0}"); do
    taskset -c "$LOAD_CPU" curl -s -N "http://127.0.0.1:$PORT/events" > /dev/null &
    PIDS+=("$!")
  done
  BENCH_SESSIONS=$OUT/off-sessions.lua CREATE_PORT=$BASE_PORT create_sessions
  BENCH_SESSIONS=$OUT/on-sessions.lua CREATE_PORT=$PORT create_sessions
  BENCH_SESSIONS=$OUT/off-sessions.lua wrk_run "$BASE_PORT" put "$WARMUP" > /dev/null
  BENCH_SESSIONS=$OUT/on-sessions.lua wrk_run "$PORT" put "$WARMUP" > /dev/null
  log "create (start.lua) and PUT, alternating runs with events off and on (baseline = events off)"
  alternate "$OUT/off-sessions.lua" "$OUT/on-sessions.lua" "" start put
  if [ "${SUBSCRIBERS:-0}" -gt 0 ]; then
    curl -s "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" | grep -E '^events_(subscribers|emitted_total)' \
      | tee -a "$OUT/summary.txt"
  fi
  stop
  log "done: $OUT/summary.txt"
  cat "$OUT/summary.txt"
}

if [ "${EVENTS:-0}" = 1 ]; then
  log "building the service"
  ./mvnw -B -q package -DskipTests
  events_run
  exit 0
fi

if [ "${AUTH:-0}" = 1 ]; then
  log "building the service"
  ./mvnw -B -q package -DskipTests
  auth_run
  exit 0
fi

build

log "both servers on CPU $SERVER_CPU; $SESSIONS sessions of $KEYS items; warm-up ${WARMUP}s each"
start baseline "$BASELINE_JAR" "$BASE_PORT" "$SERVER_CPU"
start service "$SERVICE_JAR" "$PORT" "$SERVER_CPU"
create_sessions # the baseline ignores the ids; its routes answer any
wrk_run "$BASE_PORT" mix "$WARMUP" > /dev/null
wrk_run "$PORT" mix "$WARMUP" > /dev/null

log "GET and PUT, alternating baseline and service runs; then the service's mix"
scenario get "$BASE_PORT" get get
scenario put "$BASE_PORT" put put
# The same with the headers real clients send (the baseline's routes answer them alike).
scenario get-client "$BASE_PORT" get-client get-client
scenario put-client "$BASE_PORT" put-client put-client
if [ "${LOAD_ONLY:-0}" = 1 ]; then stop; cat "$OUT/summary.txt"; exit 0; fi
: > "$OUT/service-mix.runs"
for _ in $(seq 1 "$RUNS"); do wrk_run "$PORT" mix "$DURATION" | tee -a "$OUT/service-mix.runs" >&2; done
median service-mix
stop

log "heap per session: up to $HEAP_SESSIONS sessions of two small items"
start heap "$SERVICE_JAR" "$PORT" "0,1" -Dsessions.memory.max-sessions="$HEAP_SESSIONS"
before=$(heap_used)
# The cap refuses creates beyond HEAP_SESSIONS with 507, so the load can simply run until it is full.
for _ in $(seq 1 20); do
  taskset -c "$LOAD_CPU" wrk -t1 -c32 -d10s -s bench/wrk/create.lua "http://127.0.0.1:$PORT/sessions" > /dev/null
  active=$(curl -s "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" | awk '/^sessions_active/ { printf "%.0f", $NF }')
  [ "$active" -ge "$HEAP_SESSIONS" ] && break
done
after=$(heap_used)
echo "heap sessions=$active before_bytes=$before after_bytes=$after per_session_bytes=$(( (after - before) / active ))" \
  | tee -a "$OUT/summary.txt"
stop

log "first answer after process start, 5 times"
for _ in 1 2 3 4 5; do first_answer_ms; done | sort -n | tee "$OUT/startup.runs" >&2
echo "startup median_ms=$(sed -n 3p "$OUT/startup.runs")" | tee -a "$OUT/summary.txt"

log "done: $OUT/summary.txt"
cat "$OUT/summary.txt"
