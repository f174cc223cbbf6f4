# The archlab CLI and engine for running sweeps on a cluster (archlab sweep --shard I/N): no
# Electron, no browser (so no --pdf or PNG charts). Build from the repository root:
#   docker build -t REGISTRY/archlab:TAG .

# Build stage: bundle the CLI and the sweep worker with esbuild.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
COPY scripts/build-cli.mjs scripts/
COPY shared shared
COPY electron/node electron/node
# The sample the build runs once to save the sweep worker's code cache.
COPY assets/samples/web-shop.archlab.json assets/samples/
RUN node scripts/build-cli.mjs

# The image: the CLI bundle, the sweep worker (loader, engine bundle, code cache), the launcher
# and tinypool. The code cache was made by this same Node version in the build stage.
FROM node:20-bookworm-slim
WORKDIR /opt/archlab
COPY docker/package.json package.json
RUN npm install --omit=dev --no-audit --no-fund
COPY bin/archlab.mjs bin/archlab.mjs
COPY --from=build /src/out/cli/archlab.mjs /src/out/cli/sweepWorker.mjs /src/out/cli/sweepEngine.cjs /src/out/cli/sweepEngine.cjs.cache out/cli/
USER node
ENTRYPOINT ["node", "/opt/archlab/bin/archlab.mjs"]
