# rackbridge against an external Temporal (TEMPORAL_ADDRESS): `worker`, `webhooks`, or `start` (both in one process).
FROM node:24-bookworm-slim AS build
# No Temporal CLI in the image (it runs against TEMPORAL_ADDRESS): skip the postinstall that fetches one.
ENV RACKBRIDGE_SKIP_TEMPORAL_INSTALL=1
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/lib ./lib
USER node
EXPOSE 3000
ENTRYPOINT ["node", "lib/main.js"]
CMD ["start"]
