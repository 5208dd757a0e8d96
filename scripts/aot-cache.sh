#!/usr/bin/env bash
# Sourced by ./cell and bench/lib.sh: the JDK 25+ AOT cache (JEP 483/514/515) that shortens every server start after
# the first one of a build.

# cell_aot_replay_opts JDK : prints the flags that stop a JVM from replaying the method profiles recorded in its AOT
# cache (-XX:-AOTReplayTraining, a diagnostic flag of JDK 25), or nothing when this JDK does not accept them. Replaying
# them compiles, during start-up, every method that was hot while the cache was recorded (the recording start served
# load too); on two cores those compilations take the CPU the start itself needs. The compilers still use the profiles
# they gather from the running server.
cell_aot_replay_opts() {
  local flags="-XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining"
  # shellcheck disable=SC2086
  if "$1/bin/java" $flags -version >/dev/null 2>&1; then echo "$flags"; fi
}

# cell_aot_opts JDK CACHE JAR : sets the array CELL_AOT_OPTS to a server start's cache flags. CACHE is used when this
# JDK recorded it for this JAR; otherwise this start records it (the JVM writes it when the server stops) and
# CELL_AOT_RECORDING is set to yes. CACHE.jdk names the JDK that recorded the cache and the flags that go with it, so a
# new JDK records a new cache instead of starting with one it would reject.
cell_aot_opts() {
  local jdk="$1" cache="$2" jar="$3" id flags=""
  id="$jdk $(sed -n 's/^JAVA_VERSION=//p' "$jdk/release" 2>/dev/null)"
  CELL_AOT_OPTS=()
  CELL_AOT_RECORDING=no
  if [ -f "$cache" ] && [ "$cache" -nt "$jar" ] && [ -f "$cache.jdk" ] && [ "$(sed -n 1p "$cache.jdk")" = "$id" ]; then
    read -r -a CELL_AOT_OPTS <<<"$(sed -n 2p "$cache.jdk")"
    CELL_AOT_OPTS+=("-XX:AOTCache=$cache")
    return
  fi
  rm -f "$cache" "$cache.jdk"
  flags=$(cell_aot_replay_opts "$jdk")
  printf '%s\n%s\n' "$id" "$flags" >"$cache.jdk"
  CELL_AOT_OPTS=("-XX:AOTCacheOutput=$cache" -Xlog:aot=off)
  CELL_AOT_RECORDING=yes
}
