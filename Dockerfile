# One image for every Crux process (web app, sync servers, migrations); docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /crux
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm ci --no-audit --no-fund && npx turbo run build --output-logs=errors-only
ENV NODE_ENV=production
EXPOSE 3000 1234
CMD ["npm", "run", "start", "-w", "@crux/app"]
