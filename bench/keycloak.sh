# Keycloak peer for bench/run (sourced, not run): a stock Keycloak on loopback whose
# client-credentials rate is the baseline of the /oauth2/token row.
#
#   keycloak_start        download (once, cached), start, wait until a token is issued
#   keycloak_token_rate   bench/run's `warm`, then its `measure`: prints "req/s p50 p99"
#   keycloak_stop         stop it and remove its temporary home (safe to call twice)
#
# When a step fails, the function returns non-zero and KEYCLOAK_NOTE says why, in the words the
# baseline column shows ("Keycloak: no JDK 21+"); bench/run carries on without the figure.
#
# Production mode (`start --optimized`, built once with the bundled H2 as `dev-file` database,
# local caches), not `start-dev`: dev mode turns off theme and template caching and is not what
# anyone would run. The distribution is kept in the cache; every run starts from a fresh
# hard-linked copy (new database, realm imported from data/import), removed on stop.

KEYCLOAK_VERSION=26.7.3 # newest on Maven Central whose zip downloads (checked 2026-11)
KEYCLOAK_CACHE=${BENCH_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ticketbooth-bench}
KEYCLOAK_HOME_CACHED="$KEYCLOAK_CACHE/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_PORT=${BENCH_KEYCLOAK_PORT:-18091}
KEYCLOAK_TIMEOUT=${BENCH_KEYCLOAK_TIMEOUT:-180} # seconds to the first token (schema + import)
KEYCLOAK_CLIENT=bench-backend
KEYCLOAK_SECRET=bench-backend-secret
KEYCLOAK_BUILD_OPTS="--db=dev-file"
KEYCLOAK_NOTE=""
KEYCLOAK_PID=""
KEYCLOAK_RUN_DIR=""
KEYCLOAK_READY_MS=""
KEYCLOAK_JAVA_HOME=""
KEYCLOAK_URL=""

# BENCH_KEYCLOAK_JAVA_HOME if set, else the newest JDK >= 21 among JAVA_HOME and /usr/lib/jvm/*
keycloak_find_jdk() {
  local dir version major best="" best_major=0 candidates
  candidates=${BENCH_KEYCLOAK_JAVA_HOME:-"${JAVA_HOME:-} $(echo /usr/lib/jvm/*)"}
  for dir in $candidates; do
    [ -x "$dir/bin/java" ] || continue
    version=$("$dir/bin/java" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
    major=${version%%[.+-]*}
    [ "$major" = 1 ] && major=$(echo "$version" | cut -d. -f2) # 1.8.0_x
    case "$major" in '' | *[!0-9]*) continue ;; esac
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$dir best_major=$major; fi
  done
  [ -z "$best" ] || echo "$best"
}

# downloads, verifies and unpacks the distribution once, then runs `kc.sh build` once
keycloak_install() {
  local base="https://repo.maven.apache.org/maven2/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION"
  local zip="$KEYCLOAK_CACHE/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" want got stamp
  mkdir -p "$KEYCLOAK_CACHE" || return 1
  if [ ! -x "$KEYCLOAK_HOME_CACHED/bin/kc.sh" ]; then
    echo "downloading Keycloak $KEYCLOAK_VERSION from Maven Central into $KEYCLOAK_CACHE" >&2
    want=$(curl -fsS --retry 2 --max-time 60 "$base/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip.sha1" | cut -c1-40) ||
      want=""
    curl -fsS --retry 2 --max-time 900 -o "$zip.part" "$base/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" ||
      { rm -f "$zip.part"; KEYCLOAK_NOTE="Keycloak: download failed"; return 1; }
    got=$(sha1sum "$zip.part" | cut -c1-40)
    if [ -z "$want" ] || [ "$want" != "$got" ]; then
      echo "Keycloak zip: sha1 $got, Maven Central says '${want}'" >&2
      rm -f "$zip.part"; KEYCLOAK_NOTE="Keycloak: bad checksum"; return 1
    fi
    rm -rf "$KEYCLOAK_CACHE/unzip.$$" "$KEYCLOAK_HOME_CACHED"
    unzip -q "$zip.part" -d "$KEYCLOAK_CACHE/unzip.$$" &&
      mv "$KEYCLOAK_CACHE/unzip.$$/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_HOME_CACHED" ||
      { rm -rf "$KEYCLOAK_CACHE/unzip.$$" "$zip.part"; KEYCLOAK_NOTE="Keycloak: unzip failed"; return 1; }
    rm -rf "$KEYCLOAK_CACHE/unzip.$$" "$zip.part"
  fi
  # build-time options are baked into lib/quarkus once; each run then starts with --optimized
  stamp="$KEYCLOAK_BUILD_OPTS java=$("$KEYCLOAK_JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  if [ "$(cat "$KEYCLOAK_HOME_CACHED/.bench-build" 2>/dev/null)" != "$stamp" ]; then
    echo "building Keycloak once ($KEYCLOAK_BUILD_OPTS, about 40 s)" >&2
    rm -f "$KEYCLOAK_HOME_CACHED/.bench-build"
    # shellcheck disable=SC2086 # word splitting of the options is intended
    env -u JAVA_OPTS -u JAVA_OPTS_APPEND JAVA_HOME="$KEYCLOAK_JAVA_HOME" \
      "$KEYCLOAK_HOME_CACHED/bin/kc.sh" build $KEYCLOAK_BUILD_OPTS > "$KEYCLOAK_CACHE/build.log" 2>&1 ||
      { tail -20 "$KEYCLOAK_CACHE/build.log" >&2; KEYCLOAK_NOTE="Keycloak: build failed"; return 1; }
    echo "$stamp" > "$KEYCLOAK_HOME_CACHED/.bench-build"
  fi
}

# a realm with one confidential client allowed the client-credentials grant (a service account)
# and an optional scope of the same name as the one ticketbooth's request asks for
keycloak_realm_json() {
  cat <<EOF
{
  "realm": "bench",
  "enabled": true,
  "clientScopes": [
    {"name": "playback:mint", "protocol": "openid-connect",
     "attributes": {"include.in.token.scope": "true", "display.on.consent.screen": "false"}}
  ],
  "clients": [
    {"clientId": "$KEYCLOAK_CLIENT", "enabled": true, "protocol": "openid-connect",
     "publicClient": false, "clientAuthenticatorType": "client-secret", "secret": "$KEYCLOAK_SECRET",
     "serviceAccountsEnabled": true, "standardFlowEnabled": false, "directAccessGrantsEnabled": false,
     "optionalClientScopes": ["playback:mint"]}
  ]
}
EOF
}

keycloak_token() {
  curl -s --max-time 5 -u "$KEYCLOAK_CLIENT:$KEYCLOAK_SECRET" \
    -d 'grant_type=client_credentials&scope=playback:mint' "$KEYCLOAK_URL/realms/bench/protocol/openid-connect/token"
}

keycloak_start() {
  local home port start deadline response
  KEYCLOAK_JAVA_HOME=$(keycloak_find_jdk) || KEYCLOAK_JAVA_HOME=""
  if [ -z "$KEYCLOAK_JAVA_HOME" ]; then
    echo "Keycloak $KEYCLOAK_VERSION needs Java 21 or later: none found under /usr/lib/jvm" \
      "(or set BENCH_KEYCLOAK_JAVA_HOME); the Keycloak baseline is skipped" >&2
    KEYCLOAK_NOTE="Keycloak: no JDK 21+"
    return 1
  fi
  keycloak_install || { KEYCLOAK_NOTE=${KEYCLOAK_NOTE:-"Keycloak: install failed"}; return 1; }

  # first free loopback port from BENCH_KEYCLOAK_PORT on, never the ticketbooth port
  port=$KEYCLOAK_PORT
  while [ "$port" = "${PORT:-}" ] || (: </dev/tcp/127.0.0.1/"$port") 2>/dev/null; do
    port=$((port + 1))
    [ "$port" -lt $((KEYCLOAK_PORT + 20)) ] || { KEYCLOAK_NOTE="Keycloak: no free port"; return 1; }
  done
  KEYCLOAK_URL="http://127.0.0.1:$port"

  # a fresh home per run: hard links to the cached distribution (a copy across file systems),
  # with its own data directory (database, realm import)
  KEYCLOAK_RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ticketbooth-bench-keycloak.XXXXXX") || return 1
  home="$KEYCLOAK_RUN_DIR/home"
  cp -al "$KEYCLOAK_HOME_CACHED" "$home" 2>/dev/null || cp -a "$KEYCLOAK_HOME_CACHED" "$home" ||
    { KEYCLOAK_NOTE="Keycloak: copy failed"; return 1; }
  rm -rf "$home/data" && mkdir -p "$home/data/import" && keycloak_realm_json > "$home/data/import/bench-realm.json" ||
    return 1

  echo "starting Keycloak $KEYCLOAK_VERSION on $KEYCLOAK_URL (JDK $KEYCLOAK_JAVA_HOME)" >&2
  start=$(date +%s%N)
  env -u JAVA_OPTS -u JAVA_OPTS_APPEND JAVA_HOME="$KEYCLOAK_JAVA_HOME" \
    "$home/bin/kc.sh" start --optimized --http-enabled=true --http-host=127.0.0.1 --http-port="$port" \
    --hostname-strict=false --cache=local --import-realm > "$KEYCLOAK_RUN_DIR/keycloak.log" 2>&1 &
  KEYCLOAK_PID=$!
  deadline=$(($(date +%s) + KEYCLOAK_TIMEOUT))
  while :; do
    response=$(keycloak_token) || response=""
    case "$response" in *'"access_token":"eyJ'*) break ;; esac
    if ! kill -0 "$KEYCLOAK_PID" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      tail -20 "$KEYCLOAK_RUN_DIR/keycloak.log" >&2
      echo "Keycloak gave no token within ${KEYCLOAK_TIMEOUT} s: ${response:-no answer}" >&2
      KEYCLOAK_NOTE="Keycloak: did not start"
      return 1
    fi
    sleep 0.25
  done
  KEYCLOAK_READY_MS=$((($(date +%s%N) - start) / 1000000))
}

# needs bench/run's `measure` (same wrk settings as the ticketbooth rows) and DURATION
keycloak_token_rate() {
  local url="$KEYCLOAK_URL/realms/bench/protocol/openid-connect/token"
  export BENCH_BODY='grant_type=client_credentials&scope=playback:mint'
  export BENCH_CONTENT_TYPE='application/x-www-form-urlencoded'
  BENCH_AUTH="Basic $(printf '%s:%s' "$KEYCLOAK_CLIENT" "$KEYCLOAK_SECRET" | base64)"
  export BENCH_AUTH
  warm -s bench/post.lua "$url" # the same warm-up ticketbooth gets
  measure -s bench/post.lua "$url"
}

keycloak_stop() {
  local _
  if [ -n "$KEYCLOAK_PID" ] && kill -0 "$KEYCLOAK_PID" 2>/dev/null; then
    kill -TERM "$KEYCLOAK_PID" 2>/dev/null || true # kc.sh passes TERM on to its JVM
    for _ in $(seq 1 60); do kill -0 "$KEYCLOAK_PID" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$KEYCLOAK_PID" 2>/dev/null; then
      pkill -KILL -P "$KEYCLOAK_PID" 2>/dev/null || true # its JVM, by parent id
      kill -KILL "$KEYCLOAK_PID" 2>/dev/null || true
    fi
  fi
  [ -z "$KEYCLOAK_PID" ] || wait "$KEYCLOAK_PID" 2>/dev/null || true
  KEYCLOAK_PID=""
  [ -z "$KEYCLOAK_RUN_DIR" ] || rm -rf "$KEYCLOAK_RUN_DIR"
  KEYCLOAK_RUN_DIR=""
  return 0
}
