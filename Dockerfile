# syntax=docker/dockerfile:1
# One image for every process of a cell; the command names the service:
#   docker build -t cellgraph .
#   docker run --init --env-file … cellgraph <gateway|subgraph|worker|migrate>
# Configuration is environment only (README, "Containers"). What runs here is what
# scripts/test/build.test.ts runs: `npm run build`, then `npm run stage:runtime` (compiled output in
# the repository's layout, production dependencies only).

ARG NODE_IMAGE=node:20-bookworm-slim

# The package manifests alone: the dependencies' layer below is rebuilt only when they change.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests && cp package.json package-lock.json /manifests/ \
  && for workspace in $(node -p "require('./package.json').workspaces.join(' ')"); do \
       mkdir -p "/manifests/$workspace" && cp "$workspace/package.json" "/manifests/$workspace/"; \
     done

# Every dependency, dev ones included (the compiler). No install scripts: the build needs none.
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY --from=manifests /manifests ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund

# Compile every package and the scripts, then stage /app: the compiled output and `npm ci --omit=dev`.
FROM deps AS build
COPY . .
RUN --mount=type=cache,target=/root/.npm NX_DAEMON=false npm run build && npm run stage:runtime -- /app

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    EMAIL_SINK_DIR=/var/lib/cellgraph/mail \
    PUSH_SINK_DIR=/var/lib/cellgraph/push
WORKDIR /app
# The application stays root-owned (read-only to the process); the file sinks get a directory of their own.
COPY --from=build /app ./
RUN mkdir -p /var/lib/cellgraph && chown node:node /var/lib/cellgraph
USER node
EXPOSE 4000
# Liveness of whichever service runs (each serves /health/live on PORT; migrate exits instead). No curl in slim images: node's fetch.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health/live`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node runs as PID 1: it gets SIGTERM from `docker stop` and drains, because every service installs
# SIGTERM/SIGINT handlers (PID 1 ignores signals it has no handler for). It reaps no zombies, and
# spawns no children; run with `--init` (compose: `init: true`) to put tini in front anyway.
ENTRYPOINT ["node", "build/scripts/service.js"]
CMD ["gateway"]
