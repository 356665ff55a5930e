#!/usr/bin/env bash
# Heap per session, by class (issue 15; method and figures in bench/RESULTS.md, "Heap per
# session, by class").
#
#   bench/heap.sh                        G1 with compressed pointers, then ZGC (about 2 minutes each)
#   COLLECTORS=g1 bench/heap.sh          one of them
#   JAVA_BIN=<java binary> bench/heap.sh another JDK (17 by default: the java on the PATH)
#   HEAP_SESSIONS=20000 bench/heap.sh    another number of sessions (200,000 by default)
#   LABEL=name                           names the run's files and summary lines
#
# Method: the packaged service, in-memory store, -Xmx2g, its store capped at HEAP_SESSIONS so
# that creates beyond it are refused (507). Histogram of the empty service (jcmd
# GC.class_histogram, which counts live objects, after two full collections through GC.run);
# then wrk with bench/wrk/create.lua ({"items":{"a":1,"b":"xy"}}) creates sessions until the store
# is full; then the same histogram again. The difference, divided by the number of sessions, is
# the heap per session, in total and by class (classes of 1 byte per session or more).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT_NAME=heap-$(date -u +%Y%m%dT%H%M%SZ)
# shellcheck source=bench/lib.sh
. bench/lib.sh

HEAP_SESSIONS=${HEAP_SESSIONS:-200000}
COLLECTORS=${COLLECTORS:-"g1 zgc"}
JAVA=${JAVA_BIN:-java}
JCMD=$(dirname "$(command -v "$JAVA")")/jcmd
[ -x "$JCMD" ] || JCMD=jcmd
[ -f "$SERVICE_JAR" ] || ./mvnw -B -q package -DskipTests

gc_flags() {
  case $1 in
    g1) echo "-XX:+UseG1GC -XX:+UseCompressedOops" ;;
    zgc) echo "-XX:+UseZGC" ;;
    *) echo "unknown collector $1" >&2; exit 1 ;;
  esac
}

active() {
  curl -s "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" | awk '/^sessions_active/ { printf "%.0f", $NF }'
}

# histogram PID FILE: the live objects of PID by class, after two full collections
histogram() {
  "$JCMD" "$1" GC.run > /dev/null
  "$JCMD" "$1" GC.run > /dev/null
  "$JCMD" "$1" GC.class_histogram > "$2"
}

# per_session BEFORE AFTER SESSIONS: bytes per session in total and by class, largest first
per_session() {
  awk -v n="$3" '
    FNR == 1 { file++ }
    $1 ~ /^[0-9]+:$/ { key = $4; if (file == 1) { b[key] -= $3; c[key] -= $2 } else { b[key] += $3; c[key] += $2 } }
    END {
      for (k in b) { total += b[k]; if (b[k] / n >= 1) printf "class %.1f B %.2f objects %s\n", b[k] / n, c[k] / n, k }
      printf "total %.1f\n", total / n
    }' "$1" "$2" | sort -k2 -rn
}

for gc in $COLLECTORS; do
  run=$gc${LABEL:+-$LABEL}
  log "$run: $("$JAVA" -version 2>&1 | head -1), $(gc_flags "$gc"), -Xmx2g, $HEAP_SESSIONS sessions"
  # shellcheck disable=SC2046 # gc_flags gives several options
  JAVA_BIN=$JAVA start "$run" "$SERVICE_JAR" "$PORT" "0,1" $(gc_flags "$gc") -Xmx2g \
    -Dsessions.memory.max-sessions="$HEAP_SESSIONS"
  histogram "$PID" "$OUT/$run-empty.txt"
  for _ in $(seq 1 100); do
    wrk -t1 -c8 -d10s -s bench/wrk/create.lua "http://127.0.0.1:$PORT/sessions" > /dev/null
    [ "$(active)" -ge "$HEAP_SESSIONS" ] && break
  done
  sessions=$(active)
  histogram "$PID" "$OUT/$run-full.txt"
  per_session "$OUT/$run-empty.txt" "$OUT/$run-full.txt" "$sessions" > "$OUT/$run-classes.txt"
  echo "$run sessions=$sessions bytes_per_session=$(awk '$1 == "total" { print $2 }' "$OUT/$run-classes.txt")" \
    | tee -a "$OUT/summary.txt"
  grep '^class' "$OUT/$run-classes.txt" | sed "s/^class/$run/" | tee -a "$OUT/summary.txt"
  stop
done
log "done: $OUT/summary.txt"
