#!/usr/bin/env bash
# Builds the project's Dockerfile with podman and smoke-tests the image, on a Debian 12 CI box
# that has no Docker engine and no reachable container registry (only Debian's mirror and npm).
#
#   CI=true bash .ci/container-check.sh        (as root, from anywhere; `npm ci` must have run)
#
# How, and what that means for the result:
#   * The Dockerfile's base image (the default of its `ARG NODE_IMAGE`) cannot be pulled, so a
#     LOCAL STAND-IN is tagged with that exact name: Debian bookworm minbase + THIS HOST's node
#     binary and npm + a `node` user (uid 1000). It is not the real image (different Node major,
#     different files); a pass here says nothing about the real base image.
#   * The Dockerfile is built unchanged; npm inside the build gets the host's CA bundle (the
#     registry is reached through a proxy CA) through build-time mounts, not through the Dockerfile.
#   * The Cloudflare simulator (demo scenario) runs on the host, the image runs with --network=host
#     (the only network mode that works here) and config/container-check.yaml mounted read-only.
#   * It runs hardened as config/docker-compose.yml runs it: read-only root filesystem, all
#     capabilities dropped, no-new-privileges, a tmpfs at /tmp, a named volume at /app/data.
#   * The image must hold no package manager (npm, npx, corepack, yarn): the stand-in has npm,
#     as the real node image does, so the Dockerfile's runtime stage must remove it.
#   * Everything podman stores lives under $CONTAINER_CHECK_WORKDIR (default
#     /tmp/certwatch-container-check); a second run reuses the stand-in and the build cache.
#
# Prints PASS/FAIL per check and exits non-zero if any check fails (or if setup fails).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
W=${CONTAINER_CHECK_WORKDIR:-/tmp/certwatch-container-check}
SIM_PORT=18787
APP_PORT=19798
SIM_TOKEN=sim-token
IMAGE=localhost/certwatch:container-check
NAME=certwatch-check
NAME_NOCONFIG=certwatch-check-noconfig
VOLUME=certwatch-check-data
CONFIG_IN_IMAGE=/etc/certwatch/certwatch.yaml
CONFIG_FILE="$ROOT/config/container-check.yaml"
METRIC=certwatch_cert_not_after_timestamp_seconds
export DEBIAN_FRONTEND=noninteractive

say() { printf '\n== [%3d s] %s\n' "$SECONDS" "$*"; }
die() { printf 'FAIL setup: %s\n' "$*" >&2; exit 1; }
FAILED=0
PASSED=0
pass() { printf 'PASS %s\n' "$*"; PASSED=$((PASSED + 1)); }
fail() { printf 'FAIL %s\n' "$*"; FAILED=$((FAILED + 1)); }

[[ $(id -u) == 0 ]] || die "run as root (podman here is rootful; debootstrap needs root)"
[[ -f "$ROOT/Dockerfile" ]] || die "no Dockerfile in $ROOT"
[[ -f "$CONFIG_FILE" ]] || die "missing $CONFIG_FILE"
[[ -x "$ROOT/node_modules/.bin/tsx" ]] || die "node_modules missing in $ROOT: run \`npm ci\` first (the simulator runs on the host with tsx)"
mkdir -p "$W"

# ---- 0. tools ------------------------------------------------------------------------------
if ! command -v podman >/dev/null || ! command -v runc >/dev/null || ! command -v debootstrap >/dev/null; then
  say "installing podman, buildah, runc, debootstrap (apt)"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends podman buildah runc debootstrap uidmap >/dev/null
fi
for tool in podman runc debootstrap curl node; do command -v "$tool" >/dev/null || die "$tool not found"; done

# podman config: runc (crun fails on this host's cgroups) and default rlimits within this host's
# hard limits (podman's defaults exceed them and every container start fails); storage under $W.
cat > "$W/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=4096:4096"]
[engine]
runtime = "runc"
CONF
printf '[storage]\ndriver = "overlay"\ngraphroot = "%s/storage"\nrunroot = "%s/run"\n' "$W" "$W" > "$W/storage.conf"
export CONTAINERS_CONF="$W/containers.conf" CONTAINERS_STORAGE_CONF="$W/storage.conf"
# podman 4.3 logs two errors whenever it starts or removes a container with a HEALTHCHECK on a host
# without systemd (it cannot set up the healthcheck timer). Harmless here: check (c) runs the
# healthcheck itself with `podman healthcheck run`. `pod` is podman minus those lines.
pod() { podman "$@" 2> >(grep -v --line-buffered 'unable to get systemd connection' >&2); }

# ---- 1. stand-in for the Dockerfile's base image ------------------------------------------
BASE=$(sed -n -E 's/^[[:space:]]*ARG[[:space:]]+NODE_IMAGE=("?)([^"[:space:]]+)\1[[:space:]]*$/\2/p' "$ROOT/Dockerfile" | head -n1)
[[ -n $BASE ]] || die "could not read the default of 'ARG NODE_IMAGE=...' from the Dockerfile"
BUILD_ARGS=()
if [[ $BASE == *@* ]]; then
  # A digest cannot be attached to a locally made image: tag the stand-in by name and point
  # the build at it explicitly.
  STANDIN_REF=${BASE%%@*}
  BUILD_ARGS=(--build-arg "NODE_IMAGE=$STANDIN_REF")
else
  STANDIN_REF=$BASE
fi
# Qualify the way Docker does: "node:22" -> docker.io/library/node:22, "a/b" -> docker.io/a/b.
first=${STANDIN_REF%%/*}
if [[ $STANDIN_REF != */* ]]; then STANDIN="docker.io/library/$STANDIN_REF"
elif [[ $first == *.* || $first == *:* || $first == localhost ]]; then STANDIN=$STANDIN_REF
else STANDIN="docker.io/$STANDIN_REF"; fi
[[ $STANDIN == *:* ]] || STANDIN="$STANDIN:latest"

HOST_NODE=$(node --version)
say "base image: the Dockerfile names $BASE"
echo "NOTE: $STANDIN below is a LOCAL STAND-IN, NOT the real image: Debian bookworm minbase"
echo "      + this host's Node $HOST_NODE binary and npm + user node (uid 1000). Nothing here tests"
echo "      the real $BASE (its Node major, its files, its vulnerabilities)."
if podman image exists "$STANDIN"; then
  echo "reusing stand-in $STANDIN (built $(podman image inspect --format '{{.Created}}' "$STANDIN" | cut -c1-19)," \
    "node $(podman image inspect --format '{{index .Labels "stand-in.node-version"}}' "$STANDIN"))"
else
  echo "building stand-in $STANDIN (debootstrap --variant=minbase bookworm; log: $W/debootstrap.log)"
  R="$W/rootfs"; rm -rf "$R"
  debootstrap --variant=minbase bookworm "$R" ${DEBIAN_MIRROR:+"$DEBIAN_MIRROR"} >"$W/debootstrap.log" 2>&1 \
    || { tail -n 20 "$W/debootstrap.log"; die "debootstrap failed"; }
  mkdir -p "$R/usr/local/bin" "$R/usr/local/lib/node_modules"
  cp "$(readlink -f "$(command -v node)")" "$R/usr/local/bin/node"
  cp -a "$(npm root -g 2>/dev/null)/npm" "$R/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$R/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$R/usr/local/bin/npx"
  chroot "$R" groupadd --gid 1000 node
  chroot "$R" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  rm -rf "$R"/var/cache/apt/archives/*.deb "$R"/var/lib/apt/lists/*
  tar -C "$R" -c . | podman import --quiet \
    --change 'CMD ["node"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change "LABEL stand-in=\"debian bookworm minbase + host node, not $BASE\"" \
    --change "LABEL stand-in.node-version=$HOST_NODE" \
    - "$STANDIN" >/dev/null
  rm -rf "$R"
fi

# ---- 2. build the Dockerfile unchanged -----------------------------------------------------
# The commit as build arg REVISION, as the release workflow passes it (check g1 reads it back).
REVISION=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo container-check)
BUILD_ARGS+=(--build-arg "REVISION=$REVISION")
say "podman build $ROOT -> $IMAGE (REVISION=$REVISION)"
printf 'cafile=/etc/ssl/certs/ca-certificates.crt\n' > "$W/npmrc"
build_started=$SECONDS
podman build --pull=never --network=host --format docker "${BUILD_ARGS[@]}" \
  -v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro \
  -v "$W/npmrc:/usr/local/etc/npmrc:ro" \
  -t "$IMAGE" "$ROOT" 2>&1 | sed 's/^/  build| /' \
  || die "podman build failed (output above)"
echo "built in $((SECONDS - build_started)) s; image size $(podman image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')"

# ---- 3. simulator on the host, cleanup on exit ---------------------------------------------
SIM_PID=
cleanup() {
  podman rm -f -t 0 "$NAME" "$NAME_NOCONFIG" >/dev/null 2>&1 || true
  podman volume rm -f "$VOLUME" >/dev/null 2>&1 || true
  if [[ -n $SIM_PID ]]; then
    kill -TERM -- "-$SIM_PID" 2>/dev/null || true   # the process group: npx, tsx and node
    wait "$SIM_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
podman rm -f -t 0 "$NAME" "$NAME_NOCONFIG" >/dev/null 2>&1 || true   # leftovers of an aborted run
podman volume rm -f "$VOLUME" >/dev/null 2>&1 || true   # a new volume starts as a copy of /app/data
for port in "$SIM_PORT" "$APP_PORT"; do
  port_busy "$port" && die "127.0.0.1:$port is already in use (a leftover simulator or certwatch?)"
done

say "simulator on http://127.0.0.1:$SIM_PORT/client/v4 (log: $W/simulator.log)"
cd "$ROOT"
setsid npx --no-install tsx dev/simulator/main.ts --port "$SIM_PORT" --host 127.0.0.1 --token "$SIM_TOKEN" \
  >"$W/simulator.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 100); do
  port_busy "$SIM_PORT" && break
  kill -0 "$SIM_PID" 2>/dev/null || { cat "$W/simulator.log"; die "the simulator exited"; }
  sleep 0.2
done
port_busy "$SIM_PORT" || { cat "$W/simulator.log"; die "the simulator did not listen on $SIM_PORT within 20 s"; }
head -n 2 "$W/simulator.log" | sed 's/^/  sim| /'

# ---- 4. checks ------------------------------------------------------------------------------
say "run $IMAGE (--network=host, $CONFIG_FILE -> $CONFIG_IN_IMAGE:ro; hardened as in docker-compose.yml)"
# As config/docker-compose.yml runs it: read_only, cap_drop ALL, no-new-privileges, tmpfs /tmp,
# a named volume for the state. (--read-only-tmpfs=false: podman would add /run and /var/tmp too.)
pod run -d --name "$NAME" --network=host \
  --read-only --read-only-tmpfs=false --tmpfs /tmp:size=16m,mode=1777 \
  --cap-drop ALL --security-opt no-new-privileges \
  -e CLOUDFLARE_API_TOKEN="$SIM_TOKEN" -e CERTWATCH_HEALTH_PORT="$APP_PORT" \
  -v "$CONFIG_FILE:$CONFIG_IN_IMAGE:ro" -v "$VOLUME:/app/data" \
  "$IMAGE" >/dev/null
container_logs() { podman logs --tail "${1:-20}" "$NAME" 2>&1 | sed 's/^/  log| /'; }

# (a) /metrics answers, then carries a certificate of example.com (poll for up to 30 s)
started=$SECONDS answered='' found=''
while (( SECONDS - started < 30 )); do
  if curl -sf -m 5 "http://127.0.0.1:$APP_PORT/metrics" -o "$W/metrics.txt"; then
    [[ -n $answered ]] || answered=$((SECONDS - started))
    if grep -q "^$METRIC{.*zone=\"example.com\"" "$W/metrics.txt"; then found=$((SECONDS - started)); break; fi
  fi
  [[ $(podman inspect --format '{{.State.Running}}' "$NAME") == true ]] || break
  sleep 0.5
done
if [[ -n $answered ]]; then pass "(a1) /metrics answers on 127.0.0.1:$APP_PORT (after ~${answered} s)"
else fail "(a1) /metrics did not answer on 127.0.0.1:$APP_PORT within 30 s"; container_logs; fi
if [[ -n $found ]]; then
  pass "(a2) /metrics has $(grep -c "^$METRIC{.*zone=\"example.com\"" "$W/metrics.txt") $METRIC{zone=\"example.com\",...} series (after ~${found} s), e.g.:"
  grep -m1 "^$METRIC{.*zone=\"example.com\"" "$W/metrics.txt" | sed 's/^/       /'
else
  fail "(a2) no $METRIC{...zone=\"example.com\"...} line in /metrics within 30 s"; container_logs 30
fi

# (b) not root inside the container
uid=$(podman exec "$NAME" id -u 2>&1) || true
if [[ $uid =~ ^[0-9]+$ && $uid != 0 ]]; then pass "(b) container user is uid $uid ($(podman exec "$NAME" id -un)), not root"
else fail "(b) container user: '$uid' (want a non-zero uid)"; fi

# (b2) the hardening holds: the root filesystem is read-only, the state volume and /tmp are
# writable by the process's user, no capabilities, no privilege gain
hardening=$(podman exec "$NAME" sh -c '
  touch /app/.probe 2>/dev/null && { rm -f /app/.probe; echo root-writable; } || echo root-ro
  touch /app/data/.probe 2>/dev/null && { rm -f /app/data/.probe; echo data-writable; } || echo data-ro
  touch /tmp/.probe 2>/dev/null && { rm -f /tmp/.probe; echo tmp-writable; } || echo tmp-ro
  sed -n "s/^CapEff:[[:space:]]*/capeff=/p; s/^NoNewPrivs:[[:space:]]*/nonewprivs=/p" /proc/1/status' 2>&1 | tr '\n' ' ')
if [[ $hardening == "root-ro data-writable tmp-writable capeff=0000000000000000 nonewprivs=1 " ]]; then
  pass "(b2) hardened: / read-only, /app/data and /tmp writable, no capabilities (CapEff 0), NoNewPrivs 1"
else fail "(b2) hardening: '$hardening' (want root-ro data-writable tmp-writable capeff=0000000000000000 nonewprivs=1)"; fi

# (c) the image's HEALTHCHECK (node probing 127.0.0.1:$CERTWATCH_HEALTH_PORT/healthz)
if hc=$(podman healthcheck run "$NAME" 2>&1); then
  pass "(c) podman healthcheck run: ${hc:-healthy} (exit 0; state $(podman inspect --format '{{.State.Health.Status}}' "$NAME" 2>/dev/null || echo '?'))"
else fail "(c) podman healthcheck run: '${hc}'"; fi

# (c2) ... and the probe is not vacuous: the image's own HEALTHCHECK command, run in the container
# with CERTWATCH_HEALTH_PORT pointing at a closed port, must fail.
readarray -d '' -t hc_cmd < <(podman image inspect --format '{{json .Config.Healthcheck.Test}}' "$IMAGE" \
  | node -e 'const t = JSON.parse(require("fs").readFileSync(0, "utf8")); if (t[0] === "CMD") process.stdout.write(t.slice(1).map((a) => a + "\0").join(""));')
if (( ${#hc_cmd[@]} == 0 )); then fail "(c2) the image's HEALTHCHECK is not an exec-form CMD"
elif podman exec -e CERTWATCH_HEALTH_PORT=1 "$NAME" "${hc_cmd[@]}" >/dev/null 2>&1; then
  fail "(c2) the HEALTHCHECK command succeeds even against a closed port (CERTWATCH_HEALTH_PORT=1)"
else pass "(c2) the HEALTHCHECK command fails against a closed port (CERTWATCH_HEALTH_PORT=1), so it does probe"; fi

# (d) SIGTERM (podman stop) -> clean exit 0, well before the 15 s kill
t0=$SECONDS
pod stop -t 15 "$NAME" >/dev/null || true
code=$(podman inspect --format '{{.State.ExitCode}}' "$NAME")
if [[ $code == 0 ]]; then pass "(d) podman stop -t 15: exit code 0 after $((SECONDS - t0)) s"
else fail "(d) podman stop -t 15: exit code $code after $((SECONDS - t0)) s"; container_logs; fi

# (d2) nothing logged at error level or above (pino level >= 50) from start to stop, e.g. an unwritable state_dir
errors=$(podman logs "$NAME" 2>&1 | grep -E '"level":(5|6)[0-9]|^certwatch: failed' || true)
if [[ -z $errors ]]; then pass "(d2) no error-level log lines from the container ($(podman logs "$NAME" 2>&1 | wc -l) lines logged)"
else fail "(d2) error-level log lines from the container:"; head -n 5 <<<"$errors" | cut -c1-400 | sed 's/^/  log| /'; fi

podman rm "$NAME" >/dev/null 2>&1 || true

# (e) no config mounted -> exit 2 with a message naming the config path
code=0
out=$(timeout 60 podman run --name "$NAME_NOCONFIG" --network=host --no-healthcheck "$IMAGE" 2>&1) || code=$?
podman rm -f -t 0 "$NAME_NOCONFIG" >/dev/null 2>&1 || true
if [[ $code == 2 && $out == *"$CONFIG_IN_IMAGE"* ]]; then
  pass "(e) with no config: exit 2, message names $CONFIG_IN_IMAGE:"
  printf '%s\n' "$out" | head -n 4 | sed 's/^/       /'
else
  fail "(e) with no config: exit $code (want 2), output mentions $CONFIG_IN_IMAGE: $([[ $out == *"$CONFIG_IN_IMAGE"* ]] && echo yes || echo no)"
  printf '%s\n' "$out" | head -n 10 | sed 's/^/       /'
fi

# (f) production dependencies only: no devDependency (per package-lock.json) in /app/node_modules
installed=$(podman run --rm --network=host --no-healthcheck --entrypoint ls "$IMAGE" -1 /app/node_modules 2>/dev/null || true)
readarray -t dev_only < <(node -e '
  const lock = require(process.argv[1]);
  for (const [path, entry] of Object.entries(lock.packages ?? {}))
    if (entry.dev && /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path)) console.log(path.slice("node_modules/".length));
' "$ROOT/package-lock.json")
present=$(podman run --rm --network=host --no-healthcheck --entrypoint node "$IMAGE" -e '
  const fs = require("node:fs");
  for (const name of process.argv.slice(1)) if (fs.existsSync("node_modules/" + name)) console.log(name);
' "${dev_only[@]}" 2>"$W/devcheck.err" || echo "(could not check: $(head -c 300 "$W/devcheck.err"))")
if ! grep -qx prom-client <<<"$installed"; then
  fail "(f) /app/node_modules does not even hold prom-client (listing: $(head -c 200 <<<"$installed"))"
elif grep -qxE 'vitest|typescript|tsx' <<<"$installed" || [[ -n $present ]]; then
  fail "(f) devDependencies in the image: $(grep -xE 'vitest|typescript|tsx' <<<"$installed" | tr '\n' ' ')$(tr '\n' ' ' <<<"$present")"
else
  pass "(f) /app/node_modules: $(wc -l <<<"$installed") entries, no vitest/typescript/tsx and none of the ${#dev_only[@]} dev-only packages of package-lock.json"
fi

# (g) the image's own settings, and package.json next to dist (dist/version.js reads it)
want_version=$(node -p 'require(process.argv[1]).version' "$ROOT/package.json")
got_version=$(podman run --rm --network=host --no-healthcheck "$IMAGE" --version 2>"$W/version.err" || cat "$W/version.err")
# "certwatch X" or, with the build revision, "certwatch X (revision <REVISION>, node vN)"
if [[ $got_version == "certwatch $want_version" || $got_version == "certwatch $want_version (revision $REVISION,"* ]]; then
  pass "(g1) --version in the image: $got_version (package.json beside dist/; build arg REVISION)"
else fail "(g1) --version in the image printed '$got_version' (want 'certwatch $want_version (revision $REVISION, ...)')"; fi
cfg=$(podman image inspect --format 'user={{.Config.User}} stopsignal={{.Config.StopSignal}} ports={{range $p, $_ := .Config.ExposedPorts}}{{$p}} {{end}}env={{range .Config.Env}}{{.}} {{end}}' "$IMAGE")
healthcheck=$(podman image inspect --format '{{if .Config.Healthcheck}}{{join .Config.Healthcheck.Test " "}}{{end}}' "$IMAGE" 2>/dev/null || true)
if [[ ($cfg == *"user=node "* || $cfg == *"user=1000:1000 "*) && $cfg == *"stopsignal=SIGTERM "* && $cfg == *"9798/tcp"* && $cfg == *"NODE_ENV=production"* && $healthcheck == *"/healthz"* ]]; then
  pass "(g2) image config: USER $(podman image inspect --format '{{.Config.User}}' "$IMAGE") (node), STOPSIGNAL SIGTERM, EXPOSE 9798, NODE_ENV=production, HEALTHCHECK on /healthz"
else
  fail "(g2) image config: $cfg healthcheck=[$healthcheck]"
fi

# (h) no package manager in the image (the stand-in base, like node:*-slim, has npm)
managers='for t in npm npx corepack yarn yarnpkg; do command -v "$t"; done; ls -d /usr/local/lib/node_modules/* /opt/yarn-* 2>/dev/null; true'
in_base=$(podman run --rm --network=host --entrypoint sh "$STANDIN" -c "$managers" 2>&1 | tr '\n' ' ')
in_image=$(podman run --rm --network=host --no-healthcheck --entrypoint sh "$IMAGE" -c "$managers" 2>&1 | tr '\n' ' ')
if [[ -z ${in_image// /} ]]; then
  pass "(h) no npm, npx, corepack or yarn in the image (the base image has: ${in_base:-nothing})"
else fail "(h) package manager files in the image: $in_image"; fi

say "summary: $PASSED passed, $FAILED failed (base image was the STAND-IN for $BASE: Debian minbase + host Node $HOST_NODE)"
(( FAILED == 0 ))
