#!/usr/bin/env bash
# Sourced by ./cell and bench/lib.sh. The Amazon Corretto Crypto Provider carries its native library (AWS-LC, 9.6 MB)
# inside the jar and by default inflates it into a new temporary file on every start, about 0.2 s of a cold start on a
# slow 2-core machine. cell_native_crypto_opts JDK JAR DIR unpacks it once into DIR (again whenever JAR is newer) and
# sets the array CELL_NATIVE_CRYPTO_OPTS to the JVM flags that make the provider load it from there (the provider
# checks that the library's version matches its own). The array is empty when unpacking fails; the provider then
# unpacks as usual.
cell_native_crypto_opts() {
  local jdk="$1" jar="$2" dir="$3" lib=libamazonCorrettoCryptoProvider.so entry=com/amazon/corretto/crypto/provider tmp
  if [ ! -f "$dir/$lib" ] || [ "$jar" -nt "$dir/$lib" ]; then
    tmp="$dir.tmp.$$"
    rm -rf "$tmp"
    if mkdir -p "$tmp" "$dir" && (cd "$tmp" && "$jdk/bin/jar" xf "$jar" "$entry/$lib") 2>/dev/null && [ -f "$tmp/$entry/$lib" ]; then
      touch "$tmp/$entry/$lib"   # jar keeps the archived date; the copy must be newer than the jar it came from
      mv -f "$tmp/$entry/$lib" "$dir/$lib"
    fi
    rm -rf "$tmp"
  fi
  CELL_NATIVE_CRYPTO_OPTS=()
  if [ -f "$dir/$lib" ] && ! [ "$jar" -nt "$dir/$lib" ]; then
    CELL_NATIVE_CRYPTO_OPTS=(-Dcom.amazon.corretto.crypto.provider.useExternalLib=true "-Djava.library.path=$dir")
  fi
}
