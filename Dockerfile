# certwatch: polls Cloudflare for certificates and serves Prometheus metrics on :9798.
#
#   docker build -t certwatch .
#   docker run -d -p 9798:9798 -e CLOUDFLARE_API_TOKEN=... \
#     -v "$PWD/certwatch.yaml:/etc/certwatch/certwatch.yaml:ro" certwatch
#
# The base image is one line to change (a supported Node LTS line; certwatch also runs on Node 20):
#   docker build --build-arg NODE_IMAGE=node:24-bookworm-slim .
# Pin it by digest in production, e.g. node:22-bookworm-slim@sha256:...
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: full install, compile, then drop devDependencies -------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Manifests first so the dependency layer is reused while only sources change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# The git commit, for certwatch_build_info{revision}: .git is not in the build context, so the
# builder passes it (release workflow: --build-arg REVISION=<sha>).
ARG REVISION=unknown
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# npm run build runs this after tsc: it writes dist/build-info.json and copies the example config
# into dist/ for `certwatch init`.
COPY scripts/write-build-info.mjs ./scripts/
COPY config/certwatch.example.yaml ./config/
RUN CERTWATCH_REVISION="$REVISION" npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: production dependencies, compiled JS, package.json (dist/version.js reads it) ---
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    CERTWATCH_HEALTH_PORT=9798
WORKDIR /app
# Owned by root and only readable by the runtime user: the process cannot rewrite its own code.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# state_dir (alert state + notification outbox) defaults to ./data, i.e. /app/data: the one path the
# runtime user may write. Mount a volume here to keep alert state across container re-creation.
RUN install -d -o node -g node -m 0750 /app/data
# No package manager at run time: certwatch needs only node. (The base image's npm, npx, corepack
# and yarn, if any, go; their files stay in the base layers but not in the container's filesystem.)
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
      /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-v*

# The base image's `node` user, by number so Kubernetes' runAsNonRoot can verify it is not root.
USER 1000:1000
EXPOSE 9798
STOPSIGNAL SIGTERM
# node itself does the probe (slim images have no curl). If server.listen is not port 9798,
# set CERTWATCH_HEALTH_PORT to match; the probe always goes to 127.0.0.1.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.CERTWATCH_HEALTH_PORT || 9798) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]

# Mount the config here (read-only); pass secrets through the environment, e.g. CLOUDFLARE_API_TOKEN.
# Memory settings, measured with bench/scale.ts at 1,000 zones (README, Performance):
# --max-semi-space-size=4 (MB, V8's default is 16 on 64-bit): a sweep grows the young generation
#   to 2 x 16 MB and V8 keeps it committed for minutes; at 4 the daemon idles 20-35 MB lower.
# --no-memory-reducer: V8's reducer ran two full collections after every sweep (~0.4 % of a core
#   in the idle window); the end-of-sweep release (src/scheduler/release-heap.ts) already gives
#   the heap back. Only the command line sets it: V8 ignores it once the process runs.
# MALLOC_MMAP_THRESHOLD_=65536: glibc kept the ~20 MB the snapshot frees (its text, now kept
#   compressed) instead of returning it; this base image is glibc (musl ignores the variable).
# --optimize-for-size: V8 grows the heap by less over what is live and compacts fragmented pages
#   sooner: at 1,000 zones a sweep peaks at 122-125 MB instead of 171-183, idle is ~4 MB lower
#   (heap committed 37-38 MB instead of 45-47), for 0.1-0.4 ms more CPU per scrape (4.5-4.9 ms).
# `npm start` passes the same; the bench runs the daemon with npm start's settings.
ENV MALLOC_MMAP_THRESHOLD_=65536
ENTRYPOINT ["node", "--max-semi-space-size=4", "--no-memory-reducer", "--optimize-for-size", "dist/main.js"]
CMD ["--config", "/etc/certwatch/certwatch.yaml"]
