#!/usr/bin/env bash
# Sourced by ./cell for `./cell demo`: the seed's whole picture on this machine. Builds the server and the two demo apps
# when they are missing or older than the sources, starts Cell (--demo), the notes API and the client app, prints the URL
# to open, and stops all three on Ctrl-C. `./cell demo mcp` does the same for Cell and the example MCP server
# (examples/mcp-server, docs/mcp.md). Logs go to $CELL_HOME/data/demo-*.log (owner-only: they hold the demo credentials).

# cell_demo_stale HERE JAR...: true when a jar is missing or older than the sources.
cell_demo_stale() {
  local here="$1" jar
  shift
  for jar in "$@"; do
    [ -f "$jar" ] || return 0
    [ -z "$(find "$here/pom.xml" "$here/core" "$here/jdbc" "$here/server" "$here/resource-server" "$here/examples" \
        \( -path '*/target' -prune \) -o \( -type f -newer "$jar" -print \) 2>/dev/null | head -n 1)" ] || return 0
  done
  return 1
}

# Waits until the log has the line a process prints once it listens; fails if the process ends first.
cell_demo_await() {
  local pid="$1" log="$2" ready="$3" name="$4" i
  for i in $(seq 1 600); do
    grep -q "$ready" "$log" 2>/dev/null && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "error: $name stopped while starting; its log ($log):" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "error: $name did not start within 60 s; see $log" >&2
  return 1
}

cell_demo() {
  local here="$1" java="$JAVA_HOME/bin/java" issuer="http://localhost:9000" api="http://localhost:8081"
  local data="${CELL_HOME:-$here}/data" pids=()
  case "${2:-}" in
    "") ;;
    mcp) cell_demo_mcp "$here"; return ;;
    *) echo "usage: ./cell demo [mcp]   (unknown demo: $2)" >&2; return 2 ;;
  esac
  if cell_demo_stale "$here" "$here/server/target/cell-server.jar" "$here/examples/demo-resource-server/target/demo-resource-server.jar" \
      "$here/examples/demo-client/target/demo-client.jar"; then
    echo "Building Cell and the demo apps (first run or sources changed)..." >&2
    (cd "$here" && ./mvnw -B -q -pl server,examples/demo-resource-server,examples/demo-client -am package -DskipTests) >&2
  fi
  umask 077
  mkdir -p "$data"
  trap 'trap - INT TERM EXIT; echo; echo "Stopping the demo..."; kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null' INT TERM EXIT

  "$java" --enable-native-access=ALL-UNNAMED -Xmx512m -jar "$here/server/target/cell-server.jar" start --demo >"$data/demo-cell.log" 2>&1 &
  pids+=($!)
  cell_demo_await "${pids[0]}" "$data/demo-cell.log" "Cell is running" "Cell" || return 1
  "$java" -Xmx128m -jar "$here/examples/demo-resource-server/target/demo-resource-server.jar" "$issuer" "$api" 8081 >"$data/demo-api.log" 2>&1 &
  pids+=($!)
  "$java" -Xmx128m -jar "$here/examples/demo-client/target/demo-client.jar" "$data/demo-credentials.properties" "$issuer" "$api" \
      >"$data/demo-client.log" 2>&1 &
  pids+=($!)
  cell_demo_await "${pids[1]}" "$data/demo-api.log" "Demo resource server on" "the notes API" || return 1
  cell_demo_await "${pids[2]}" "$data/demo-client.log" "Demo client app on" "the client app" || return 1

  sed -n '/^Demo credentials/,/^  user:/p' "$data/demo-cell.log"
  cat <<BANNER

The whole picture is running:
  authorization server  $issuer          (Cell; log $data/demo-cell.log)
  notes API             $api/api/notes   (resource server; log $data/demo-api.log)
  client app            http://localhost:8080/            (log $data/demo-client.log)

Open http://localhost:8080/ and sign in as the demo user above. Ctrl-C stops all three.
BANNER
  wait "${pids[@]}"
}

# ./cell demo mcp: Cell in demo mode, letting MCP clients come with a client ID metadata document or register themselves
# (RFC 7591, the open policy) for the example MCP server, and the MCP server on http://localhost:8090/mcp; prints how to
# connect an MCP client and stops both on Ctrl-C.
cell_demo_mcp() {
  local here="$1" java="$JAVA_HOME/bin/java" issuer="http://localhost:9000" mcp="http://localhost:8090/mcp"
  local data="${CELL_HOME:-$here}/data" pids=()
  if cell_demo_stale "$here" "$here/server/target/cell-server.jar" "$here/examples/mcp-server/target/demo-mcp-server.jar"; then
    echo "Building Cell and the example MCP server (first run or sources changed)..." >&2
    (cd "$here" && ./mvnw -B -q -pl server,examples/mcp-server -am package -DskipTests) >&2
  fi
  umask 077
  mkdir -p "$data"
  trap 'trap - INT TERM EXIT; echo; echo "Stopping the demo..."; kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null' INT TERM EXIT

  local scopes=openid,profile,offline_access,mcp.tools
  CELL_REGISTRATION_POLICY=open CELL_REGISTRATION_OPEN_SCOPES="$scopes" CELL_REGISTRATION_OPEN_RESOURCES="$mcp" \
  CELL_CLIENT_ID_METADATA_POLICY=any CELL_CLIENT_ID_METADATA_SCOPES="$scopes" CELL_CLIENT_ID_METADATA_RESOURCES="$mcp" \
    "$java" --enable-native-access=ALL-UNNAMED -Xmx512m -jar "$here/server/target/cell-server.jar" start --demo >"$data/demo-cell.log" 2>&1 &
  pids+=($!)
  cell_demo_await "${pids[0]}" "$data/demo-cell.log" "Cell is running" "Cell" || return 1
  "$java" -Xmx128m -jar "$here/examples/mcp-server/target/demo-mcp-server.jar" "$issuer" "$mcp" >"$data/demo-mcp.log" 2>&1 &
  pids+=($!)
  cell_demo_await "${pids[1]}" "$data/demo-mcp.log" "Demo MCP server on" "the MCP server" || return 1

  sed -n '/^  user:/p' "$data/demo-cell.log"
  cat <<BANNER

Cell and an MCP server it protects are running:
  authorization server  $issuer   (Cell: client ID metadata documents and open registration; log $data/demo-cell.log)
  MCP server            $mcp   (tool: whoami; log $data/demo-mcp.log)

Connect an MCP client to $mcp (Streamable HTTP), for example
  claude mcp add --transport http cell-demo $mcp       (Claude Code; then /mcp to sign in)
  VS Code: .vscode/mcp.json {"servers": {"cell-demo": {"type": "http", "url": "$mcp"}}}
It gets a client_id from Cell, sends you to sign in as the demo user above and to allow access, then can call the
tool "whoami". More clients: docs/mcp.md. Ctrl-C stops both.
BANNER
  wait "${pids[@]}"
}
