#!/usr/bin/env bash
# Benchmarks the service on the Infinispan store against Infinispan's own REST API, on the same
# Infinispan server in the same run, on 127.0.0.1 only.
#
#   bench/infinispan.sh             full run (about 6 minutes)
#   QUICK=1 bench/infinispan.sh     short run to try the script (numbers not comparable)
#   NEAR_CACHE=1 bench/infinispan.sh   the service with a Hot Rod near cache (INVALIDATED)
#
# Method: one Infinispan Server node (the test configuration, src/test/infinispan/conf) and the
# service run unpinned on the two CPUs; wrk (one thread, 64 connections) is pinned to CPU 1. Both
# sides hold the same data: SESSIONS sessions of KEYS items in the service, and the same number of
# entries with the same 29-byte JSON value in an Infinispan cache (bench-items, text keys, JSON
# values). After a warm-up of both, the runs of Infinispan's REST API and of the service
# alternate, RUNS times DURATION seconds each; the median run is reported. Then the latency of
# creating a session and of its first PUT (bench/first-write.py). Every load loop is
# bounded in time. Results go to bench/results/<timestamp>/; bench/RESULTS.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

OUT_NAME=$(date -u +%Y%m%dT%H%M%SZ)-infinispan
# shellcheck source=bench/lib.sh
. bench/lib.sh

log "building the service; resolving the Infinispan server"
./mvnw -B -q package -DskipTests
resolve_infinispan


log "Infinispan node on port $ISPN_PORT; the service on $PORT; $SESSIONS sessions of $KEYS items"
start_infinispan
curl -s -o /dev/null -X POST "http://127.0.0.1:$ISPN_PORT/rest/v2/caches/bench-items" -H 'Content-Type: application/json' \
  -d '{"distributed-cache":{"mode":"SYNC","owners":2,"encoding":{"key":{"media-type":"text/plain; charset=UTF-8"},"value":{"media-type":"application/json"}}}}'
near=()
if [ "${NEAR_CACHE:-0}" = 1 ]; then
  near=(-Dquarkus.infinispan-client.cache.sessions.near-cache-mode=INVALIDATED
        -Dquarkus.infinispan-client.cache.sessions.near-cache-max-entries=100000)
fi
start service "$SERVICE_JAR" "$PORT" "0,1" -Dsessions.store.kind=infinispan \
  -Dquarkus.infinispan-client.hosts="127.0.0.1:$ISPN_PORT" -Dquarkus.infinispan-client.use-auth=false "${near[@]}"
create_sessions
wrk_run "$ISPN_PORT" ispn-fill $(( SESSIONS * KEYS / 1000 + 5 )) > /dev/null
log "warm-up: ${WARMUP}s of GETs and ${WARMUP}s of PUTs on each"
for pair in "$ISPN_PORT ispn-get" "$PORT get" "$ISPN_PORT ispn-put" "$PORT put"; do
  # shellcheck disable=SC2086
  wrk_run $pair "$WARMUP" > /dev/null
done

log "GET and PUT, alternating Infinispan REST and service runs"
scenario get "$ISPN_PORT" ispn-get get
scenario put "$ISPN_PORT" ispn-put put
FIRST_WRITES=${FIRST_WRITES:-1000}
if [ "${QUICK:-0}" = 1 ]; then FIRST_WRITES=100; fi
log "latency of creating a session and of its first PUT item, one request at a time, $FIRST_WRITES times"
python3 bench/first-write.py "$PORT" "$FIRST_WRITES" | tee -a "$OUT/summary.txt"
stop

log "done: $OUT/summary.txt"
cat "$OUT/summary.txt"
