# Vigil: one image for the web and worker processes (see docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
# npm ci builds the API and the dashboard (prepare); dev dependencies are dropped afterwards.
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8000
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8000
CMD ["node", "bin/vigil.js", "start"]
