#!/usr/bin/env bash
# Runs one Infinispan Server node on 127.0.0.1, from Maven Central jars, in the foreground; the
# same server and configuration (conf/) that the tests start. No authentication: loopback only.
#
#   src/test/infinispan/server.sh               Hot Rod and REST on 127.0.0.1:11222
#   OFFSET=100 src/test/infinispan/server.sh    on 127.0.0.1:11322
#
# Sessions are held in memory: they are gone when the node stops. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/../../.."

OFFSET=${OFFSET:-0}
JGROUPS_PORT=${JGROUPS_PORT:-$((7800 + OFFSET))}
CLUSTER=${CLUSTER:-dev-$((11222 + OFFSET))}
ROOT=${SERVER_ROOT:-target/infinispan-server/dev-$((11222 + OFFSET))}
CLASSPATH_FILE=target/infinispan-server/classpath.txt

if [ ! -s "$CLASSPATH_FILE" ]; then
  ./mvnw -B -q --no-transfer-progress -f src/test/infinispan/pom.xml dependency:build-classpath \
    -Dmdep.outputFile="$CLASSPATH_FILE"
fi
# lib/ must exist even when empty, or the bootstrap fails.
mkdir -p "$ROOT/conf" "$ROOT/data" "$ROOT/log" "$ROOT/lib"
cp src/test/infinispan/conf/* "$ROOT/conf/"

exec java ${JAVA_OPTS:--Xmx1g} \
  --add-exports java.naming/com.sun.jndi.ldap=ALL-UNNAMED \
  --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.util.concurrent=ALL-UNNAMED \
  -Dinfinispan.cluster.name="$CLUSTER" -Djgroups.tcp.port="$JGROUPS_PORT" \
  -Djgroups.tcpping.initial_hosts="127.0.0.1[$JGROUPS_PORT]" -Djgroups.fd.port-offset=50000 \
  -cp "$(cat "$CLASSPATH_FILE")" org.infinispan.server.Bootstrap \
  -s "$ROOT" -c infinispan.xml -b 127.0.0.1 -k 127.0.0.1 -o "$OFFSET"
