# Settings and helpers shared by bench/run.sh and bench/infinispan.sh; sourced, not run, from the
# repository's root (ROOT), after the script has set OUT_NAME, the name of its results folder.
# Every setting can be given in the environment; QUICK=1 makes a short trial run.

WARMUP=${WARMUP:-30}
DURATION=${DURATION:-15}
RUNS=${RUNS:-3}
CONNECTIONS=${CONNECTIONS:-64}
SESSIONS=${SESSIONS:-1000}
KEYS=${KEYS:-10}
if [ "${QUICK:-0}" = 1 ]; then WARMUP=5; DURATION=3; RUNS=1; SESSIONS=100; fi
LOAD_CPU=1
PORT=8080
# The service's health and metrics are on its management interface.
MANAGEMENT_PORT=9000

OUT=$ROOT/bench/results/$OUT_NAME
mkdir -p "$OUT"
export BENCH_DIR=$ROOT/bench BENCH_KEYS=$KEYS BENCH_SESSIONS=$OUT/sessions.lua
SERVICE_JAR=$ROOT/target/quarkus-app/quarkus-run.jar

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/log.txt" >&2; }

PID=
PIDS=()
start() { # start NAME JAR PORT CPUSET [JVM options...]
  local name=$1 jar=$2 port=$3 cpus=$4; shift 4
  taskset -c "$cpus" "${JAVA_BIN:-java}" "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$MANAGEMENT_PORT" -jar "$jar" \
    > "$OUT/$name.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  for _ in $(seq 1 300); do
    curl -s -o /dev/null "http://127.0.0.1:$MANAGEMENT_PORT/q/health/live" && return 0
    curl -s -o /dev/null "http://127.0.0.1:$port/sessions/x/items/k1" && return 0
    sleep 0.1
  done
  echo "$name did not start" >&2; exit 1
}
stop() { # stops every server started so far
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  PIDS=(); PID=
}
trap stop EXIT

# wrk_run PORT SCRIPT SECONDS -> the RESULT line
wrk_run() {
  taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"$3"s --timeout 5s -s "bench/wrk/$2.lua" "http://127.0.0.1:$1" \
    | grep '^RESULT'
}

# median NAME: the median of NAME's runs, by throughput
median() {
  echo "$1 $(sort -t= -k2 -n "$OUT/$1.runs" | sed -n "$(( (RUNS + 1) / 2 ))p")" | tee -a "$OUT/summary.txt"
}

# pair_ratios NAME: the service's throughput over the baseline's for each pair of runs made one
# after the other, and their median; less swayed than the ratio of medians when the host's
# speed drifts during a run
pair_ratios() {
  local ratios
  ratios=$(paste -d' ' "$OUT/service-$1.runs" "$OUT/baseline-$1.runs" \
    | sed -E 's/.*req_s=([0-9.]+).*req_s=([0-9.]+).*/\1 \2/' | awk '{printf "%d\n", 100 * $1 / $2 + 0.5}')
  echo "pairs-$1 ratios_pct=$(echo "$ratios" | paste -sd, -) median_pct=$(echo "$ratios" | sort -n \
    | sed -n "$(( (RUNS + 1) / 2 ))p")" | tee -a "$OUT/summary.txt"
}

# scenario NAME BASELINE_PORT BASELINE_SCRIPT SERVICE_SCRIPT: RUNS runs each of the baseline and
# the service (on PORT), alternating, then the medians and the pairs' ratios
scenario() {
  local name=$1 base_port=$2 base_script=$3 script=$4 i
  : > "$OUT/baseline-$name.runs"; : > "$OUT/service-$name.runs"
  for i in $(seq 1 "$RUNS"); do
    wrk_run "$base_port" "$base_script" "$DURATION" | tee -a "$OUT/baseline-$name.runs" >&2
    wrk_run "$PORT" "$script" "$DURATION" | tee -a "$OUT/service-$name.runs" >&2
  done
  median "baseline-$name"
  median "service-$name"
  pair_ratios "$name"
}

# Creates SESSIONS sessions of KEYS small items on CREATE_PORT (PORT unless given), sending
# CREATE_KEY as X-Api-Key when given, and writes their ids as a Lua table to BENCH_SESSIONS; a
# refused create (a store still finding its cache answers 503 at first) is left out.
create_sessions() {
  local items='{"items":{' k
  for k in $(seq 1 "$KEYS"); do items+="\"k$k\":{\"n\":$k,\"s\":\"hello world\"}"; [ "$k" -lt "$KEYS" ] && items+=","; done
  items+='}}'
  { echo "return {"
    for _ in $(seq 1 "$SESSIONS"); do
      curl -s -X POST "http://127.0.0.1:${CREATE_PORT:-$PORT}/sessions" -H 'Content-Type: application/json' \
        ${CREATE_KEY:+-H "X-Api-Key: $CREATE_KEY"} -d "$items" \
        | sed -nE 's/.*"id":"([^"]+)".*/"\1",/p'
    done
    echo "}"; } > "$BENCH_SESSIONS"
}


# The Infinispan node of bench/infinispan.sh and of EVENTS=1 STORE=infinispan bench/run.sh.
ISPN_OFFSET=100
ISPN_PORT=$((11222 + ISPN_OFFSET))
resolve_infinispan() { # the server's class path, as the build resolves it for the tests
  ./mvnw -B -q -f src/test/infinispan/pom.xml dependency:build-classpath \
    -Dmdep.outputFile="$ROOT/target/infinispan-server/classpath.txt"
}
start_infinispan() { # the node the tests use (src/test/infinispan/server.sh), its files in OUT
  SERVER_ROOT=$OUT/infinispan OFFSET=$ISPN_OFFSET JGROUPS_PORT=7990 CLUSTER=bench JAVA_OPTS=-Xmx2g \
    src/test/infinispan/server.sh > "$OUT/infinispan.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$ISPN_PORT/rest/v2/container/health/status")" = 200 ] && return 0
    sleep 0.1
  done
  echo "Infinispan did not start" >&2; exit 1
}

# The container image's JVM options, one a line, as bench/startup.sh uses them; from
# src/main/docker/Dockerfile.jvm, so that what is measured is what the image runs.
# image_entrypoint_options: those of the ENTRYPOINT ["java", options..., "-jar", ...]
image_entrypoint_options() {
  sed -n 's/^ENTRYPOINT \[\(.*\)\]$/\1/p' "$ROOT/src/main/docker/Dockerfile.jvm" | tr ',' '\n' \
    | sed -E 's/^ *"//; s/"$//' | sed '/^-jar$/,$d' | grep '^-'
}
# image_training_options: those that the image's training run (aot-training.sh) is given
image_training_options() {
  sed -n 's/^RUN .*aot-training\.sh [^ ]* \(.*\)$/\1/p' "$ROOT/src/main/docker/Dockerfile.jvm" | tr ' ' '\n' \
    | grep '^-'
}
