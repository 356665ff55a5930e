#!/usr/bin/env bash
# Start-up (issue 15): the time from launching the JVM to the first answer of a real request, for
# the service and for a bare Quarkus REST application (bench/startup-bare), each on JDK 17 as
# packaged and on JDK 25 with its ahead-of-time cache as the container image runs it, in one run.
#
#   JDK25_HOME=/path/to/jdk-25 bench/startup.sh          LAUNCHES launches of each (default 7)
#   SKIP_BUILD=1 JDK25_HOME=... bench/startup.sh         reuse the packages and caches built before
#
# Method: each launch starts `java` (unpinned: both cores, as a pod with two CPUs) and polls every
# 10 ms with curl. The service's clock stops when, after a POST /sessions answered 201, a GET of one
# of the new session's items answers 200; the bare application's, when its GET /greeting answers
# 200. Every round launches each variant once, one after the other (never two at once), so that a
# change in the host's speed hits all alike; the median per variant and the medians of the
# service-to-bare ratios of each round are reported.
#
# The JDK 25 variants run as src/main/docker/Dockerfile.jvm does: the aot-jar package, a cache made
# by src/main/docker/aot-training.sh, and the JVM options of the image's ENTRYPOINT (read from the
# Dockerfile). JDK 17 runs `java -jar quarkus-run.jar` of the default fast-jar, as the README says.
# A third service variant, JDK 25 without a cache (fast-jar, the image's options), shows what the
# cache brings. The JDK 17 is `java` on the PATH (or JDK17_HOME). Results go to
# bench/results/startup-<timestamp>/; bench/RESULTS.md ("Start-up") records the published ones.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT_NAME=startup-$(date -u +%Y%m%dT%H%M%SZ)
# shellcheck source=bench/lib.sh
. bench/lib.sh

LAUNCHES=${LAUNCHES:-7}
[ -n "${JDK25_HOME:-}" ] || { echo "set JDK25_HOME to a JDK 25" >&2; exit 1; }
JAVA17=${JDK17_HOME:+$JDK17_HOME/bin/}java
JAVA25=$JDK25_HOME/bin/java
BARE=$ROOT/bench/startup-bare
SERVICE_IMAGE_APP=$ROOT/target/image-app
BARE_IMAGE_APP=$BARE/target/image-app
# The JVM options of the image's ENTRYPOINT, less the cache, which each variant names itself; and
# those of its training run.
mapfile -t IMAGE_OPTIONS < <(image_entrypoint_options | grep -v '^-XX:AOTCache=')
mapfile -t TRAINING_OPTIONS < <(image_training_options)

build() {
  log "packaging: fast-jar (target/quarkus-app) and aot-jar (target/image-app), service and bare app"
  ./mvnw -B -q package -DskipTests
  # package, not quarkus:build alone: the package phase also drops the generated OpenAPI document (pom.xml)
  ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=image-app
  ./mvnw -B -q -f "$BARE/pom.xml" package
  ./mvnw -B -q -f "$BARE/pom.xml" quarkus:build -Dquarkus.package.jar.type=aot-jar \
    -Dquarkus.package.output-directory=image-app
  log "training runs on JDK 25 with ${TRAINING_OPTIONS[*]}"
  rm -f "$SERVICE_IMAGE_APP/app.aot" "$BARE_IMAGE_APP/app.aot"
  JAVA=$JAVA25 src/main/docker/aot-training.sh "$SERVICE_IMAGE_APP" "${TRAINING_OPTIONS[@]}" \
    > "$OUT/training-service.log" 2>&1
  train_bare > "$OUT/training-bare.log" 2>&1
}

# The bare application's training: what aot-training.sh does for the service, with its one GET.
train_bare() {
  "$JAVA25" -XX:AOTCacheOutput="$BARE_IMAGE_APP/app.aot" "${TRAINING_OPTIONS[@]}" -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.http.port="$PORT" -jar "$BARE_IMAGE_APP/quarkus-run.jar" &
  local pid=$!
  until curl -s -o /dev/null "http://127.0.0.1:$PORT/greeting"; do sleep 0.1; done
  for _ in $(seq 1 2000); do curl -s -o /dev/null "http://127.0.0.1:$PORT/greeting"; done
  kill -TERM "$pid"
  wait "$pid" || true
  test -s "$BARE_IMAGE_APP/app.aot"
}

# first_answer NAME KIND JAVA [JVM options...] JAR: launches, times the first answer (KIND service
# or bare), stops; appends the milliseconds and Quarkus' own "started in" to NAME.runs
first_answer() {
  local name=$1 kind=$2 java=$3 t0 t1 answer started pid
  shift 3
  local log="$OUT/$name-$(wc -l < "$OUT/$name.runs").log"
  t0=$(date +%s%N)
  "$java" "${@:1:$#-1}" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$MANAGEMENT_PORT" -jar "${!#}" > "$log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  if [ "$kind" = service ]; then
    until answer=$(curl -s -w ' %{http_code}' -X POST "http://127.0.0.1:$PORT/sessions" \
        -H 'Content-Type: application/json' -d '{"items":{"a":1,"b":"xy"}}') && [ "${answer##* }" = 201 ]; do
      kill -0 "$pid" 2>/dev/null || { echo "$name did not start: $log" >&2; exit 1; }
      sleep 0.01
    done
    [[ $answer =~ \"id\":\"([^\"]+)\" ]]
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/sessions/${BASH_REMATCH[1]}/items/b")" = 200 ] \
      || { echo "$name: GET item failed" >&2; exit 1; }
  else
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/greeting")" = 200 ]; do
      kill -0 "$pid" 2>/dev/null || { echo "$name did not start: $log" >&2; exit 1; }
      sleep 0.01
    done
  fi
  t1=$(date +%s%N)
  stop
  started=$(sed -nE 's/.* started in ([0-9.]+)s.*/\1/p' "$log")
  echo "ms=$(( (t1 - t0) / 1000000 )) quarkus_started_s=${started:-?}" | tee -a "$OUT/$name.runs" >&2
}

# median_ms NAME: the median of NAME's first answers
median_ms() {
  sed -E 's/ms=([0-9]+).*/\1/' "$OUT/$1.runs" | sort -n | sed -n "$(( (LAUNCHES + 1) / 2 ))p"
}

# ratio SERVICE BARE: the service's time over the bare app's, round by round, and their median
ratio() {
  local ratios
  ratios=$(paste -d' ' "$OUT/$1.runs" "$OUT/$2.runs" | sed -E 's/ms=([0-9]+).* ms=([0-9]+).*/\1 \2/' \
    | awk '{printf "%.2f\n", $1 / $2}')
  echo "$1/$2 ratios=$(echo "$ratios" | paste -sd, -) median=$(echo "$ratios" | sort -n \
    | sed -n "$(( (LAUNCHES + 1) / 2 ))p")" | tee -a "$OUT/summary.txt"
}

[ "${SKIP_BUILD:-0}" = 1 ] || build
for f in "$SERVICE_IMAGE_APP/app.aot" "$BARE_IMAGE_APP/app.aot"; do
  test -s "$f" || { echo "no cache at $f: run without SKIP_BUILD" >&2; exit 1; }
done
VARIANTS=(service-jdk17 bare-jdk17 service-jdk25-aot bare-jdk25-aot service-jdk25-nocache)
for v in "${VARIANTS[@]}"; do : > "$OUT/$v.runs"; done
log "$LAUNCHES rounds of ${VARIANTS[*]}"
for _ in $(seq 1 "$LAUNCHES"); do
  first_answer service-jdk17 service "$JAVA17" "$ROOT/target/quarkus-app/quarkus-run.jar"
  first_answer bare-jdk17 bare "$JAVA17" "$BARE/target/quarkus-app/quarkus-run.jar"
  first_answer service-jdk25-aot service "$JAVA25" "${IMAGE_OPTIONS[@]}" -XX:AOTCache="$SERVICE_IMAGE_APP/app.aot" \
    "$SERVICE_IMAGE_APP/quarkus-run.jar"
  first_answer bare-jdk25-aot bare "$JAVA25" "${IMAGE_OPTIONS[@]}" -XX:AOTCache="$BARE_IMAGE_APP/app.aot" \
    "$BARE_IMAGE_APP/quarkus-run.jar"
  first_answer service-jdk25-nocache service "$JAVA25" "${IMAGE_OPTIONS[@]}" "$ROOT/target/quarkus-app/quarkus-run.jar"
done
for v in "${VARIANTS[@]}"; do echo "$v median_ms=$(median_ms "$v")" | tee -a "$OUT/summary.txt"; done
ratio service-jdk17 bare-jdk17
ratio service-jdk25-aot bare-jdk25-aot
# A cache that the JVM refuses (another JDK build, another class path) is only a warning: show any.
grep -h '\[aot\]\|\[cds\]' "$OUT"/*-jdk25-aot-*.log | sort | uniq -c | tee -a "$OUT/summary.txt" || true
