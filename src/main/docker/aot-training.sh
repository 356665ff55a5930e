#!/usr/bin/env bash
# Makes the ahead-of-time cache (JEP 483, 514, 515) that the container image starts with: one training
# run of the service on the in-memory store, driven through its real request paths, then stopped;
# at exit the JVM writes APP_DIR/app.aot. The image's build runs it (src/main/docker/Dockerfile.jvm)
# and so does bench/startup.sh, with the same JDK that will run the cache (a cache serves only the
# JVM build that made it, and the class path it was made with).
#
#   aot-training.sh APP_DIR [JVM options...]
#
# APP_DIR holds the aot-jar package (./mvnw package -Dquarkus.package.jar.type=aot-jar), in which the
# JDK's own class loaders load every class, so that the cache can hold them; JVM options should be
# those the cache will run with (the collector above all). Needs bash only: the image has no curl.
# Nothing outside the JVM is contacted: the store is memory, authentication is off.
set -euo pipefail
APP_DIR=$(cd "$1" && pwd)
shift
JAVA=${JAVA:-java}
PORT=${TRAINING_PORT:-8080}
MANAGEMENT_PORT=${TRAINING_MANAGEMENT_PORT:-9000}
ROUNDS=${TRAINING_ROUNDS:-300}

STATUS= ANSWER=
# request METHOD PATH [BODY [PORT]]: sets STATUS, and ANSWER to the headers and body that followed
request() {
  local body=${3:-} line
  exec 3<> "/dev/tcp/127.0.0.1/${4:-$PORT}"
  printf '%s %s HTTP/1.1\r\nHost: localhost\r\nAccept: application/json, text/plain, */*\r\n' "$1" "$2" >&3
  printf 'Content-Type: application/json; charset=utf-8\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "${#body}" "$body" >&3
  IFS=' ' read -r _ STATUS _ <&3
  ANSWER=
  while IFS= read -r line <&3 || [ -n "$line" ]; do ANSWER+=$line; done
  exec 3<&-
}
expect() { # expect STATUS METHOD PATH [BODY [PORT]]
  local want=$1; shift
  request "$@"
  [ "$STATUS" = "$want" ] || { echo "training: $1 $2 answered $STATUS, not $want" >&2; exit 1; }
}

"$JAVA" -XX:AOTCacheOutput="$APP_DIR/app.aot" "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
  -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$MANAGEMENT_PORT" \
  -jar "$APP_DIR/quarkus-run.jar" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 3000); do # up to 5 minutes: recording slows the start, more so on a busy builder
  { (exec 3<> "/dev/tcp/127.0.0.1/$PORT") && (exec 3<> "/dev/tcp/127.0.0.1/$MANAGEMENT_PORT"); } 2>/dev/null && break
  kill -0 "$pid" || exit 1
  sleep 0.1
done

# The requests of a client's session, its mistakes, and what the platform asks for.
for _ in $(seq 1 "$ROUNDS"); do
  expect 201 POST /sessions '{"items":{"cart":{"lines":2,"total":"12.40"},"user":"u-1"}}'
  [[ $ANSWER =~ \"id\":\"([^\"]+)\" ]] || { echo "training: no session id in $ANSWER" >&2; exit 1; }
  id=${BASH_REMATCH[1]}
  expect 201 PUT "/sessions/$id/items/step" '{"n":1,"s":"hello world"}'
  expect 200 PUT "/sessions/$id/items/step" '{"n":2,"s":"hello world"}'
  expect 200 GET "/sessions/$id/items/step"
  expect 200 GET "/sessions/$id/items/cart"
  expect 200 GET "/sessions/$id/items"
  expect 200 GET "/sessions/$id"
  expect 200 POST "/sessions/$id/items/count/increment?delta=2"
  expect 404 GET "/sessions/$id/items/absent"
  expect 204 DELETE "/sessions/$id/items/step"
  expect 204 DELETE "/sessions/$id"
  expect 404 GET "/sessions/$id/items/cart"
  expect 400 PUT "/sessions/$id/items/step" '{"n":'
  expect 200 GET /q/health/ready '' "$MANAGEMENT_PORT"
done
expect 200 GET /q/metrics '' "$MANAGEMENT_PORT"

kill -TERM "$pid"
wait "$pid" || true # a stop by SIGTERM exits with 143; the cache is what counts
trap - EXIT
test -s "$APP_DIR/app.aot" || { echo "training: no cache was written" >&2; exit 1; }
