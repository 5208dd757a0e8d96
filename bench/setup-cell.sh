#!/usr/bin/env bash
# Usage: setup-cell.sh PORT [jwt|opaque] [RS256|ES256]
# Starts Cell the way ../shared/peers/setup-*.sh start the peers, so run-matrix.sh and bench-cc.sh measure it the
# same way: builds the server jar if missing or stale, makes a fresh state directory (config with a new master key,
# H2 file database), creates the confidential client "bench" (client_credentials, client_secret_basic, scope read,
# access tokens in the given format) with the CLI, starts the server on 127.0.0.1:PORT, waits for the first token
# and prints STARTUP_S=.. TOKEN_URL=.. INTROSPECT_URL=.. CLIENT_ID=.. CLIENT_SECRET=.. LOG=.. and last PID=..
# STARTUP_S runs from spawning the JVM to the first 200 token response (client creation happens before). On JDK 25+
# a training run first records an AOT cache, as ./cell start does on a build's first start (AOT=no: none).
# INTROSPECT_URL is Cell's RFC 7662 endpoint (the client may introspect: it is confidential).
# Env: SERVER_CPUS (e.g. 0 -> taskset -c 0), SERVER_JAVA_OPTS (default in lib.sh), BENCH_STATE_DIR (default
#      /tmp/cell-bench-state), BENCH_NO_BUILD=1. Stop with: ../shared/peers/stop-peer.sh PID
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
PORT="${1:?usage: setup-cell.sh PORT [jwt|opaque] [RS256|ES256]}"; FMT="${2:-jwt}"; ALG="${3:-ES256}"
case "$FMT" in jwt|opaque) ;; *) die "format must be jwt or opaque";; esac
case "$ALG" in RS256|ES256) ;; *) die "algorithm must be RS256 or ES256";; esac
port_free "$PORT" || die "port $PORT busy"

JDK=$(find_jdk)
ensure_jars "$JDK"
DIR="${BENCH_STATE_DIR:-/tmp/cell-bench-state}/cell-$PORT-$FMT-$ALG"
rm -rf "$DIR"
prepare_dir "$JDK" "$DIR" "$PORT" "$ALG"
cell_cli "$JDK" "$DIR" init >/dev/null    # the CLI never creates a database by itself
SECRET=$(create_client "$JDK" "$DIR" bench "$FMT")
URL="http://127.0.0.1:$PORT/oauth/token"
if [ "${AOT:-auto}" != no ] && [ "$(java_major "$JDK")" -ge 25 ]; then
  aot_train "$JDK" "$DIR" "$URL" bench "$SECRET"
  SERVER_JAVA_OPTS="$SERVER_JAVA_OPTS $(aot_use_opts "$JDK" "$DIR")"
fi
start_server "$JDK" "$DIR"
S=$(wait_first_token "$URL" bench "$SECRET" "$START_NS" 120) || { cat "$DIR/server.err" >&2; kill "$SERVER_PID"; die "no token within 120 s"; }
echo "STARTUP_S=$S"; echo "TOKEN_URL=$URL"; echo "INTROSPECT_URL=http://127.0.0.1:$PORT/oauth/introspect"
echo "CLIENT_ID=bench"; echo "CLIENT_SECRET=$SECRET"; echo "LOG=$DIR/server.err"
echo "PID=$SERVER_PID"
