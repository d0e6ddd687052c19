/**
 * No Docker engine runs here, so docker-compose.yml cannot be started in CI. This test keeps it honest instead:
 * it parses the file and checks that every command, port and health check it names exists in the project.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = path.resolve(import.meta.dirname, "../..");
const compose = parse(readFileSync(path.join(root, "docker-compose.yml"), "utf8"), { merge: true }) as {
  services: Record<string, Service>;
  configs: Record<string, { content: string }>;
};
type Service = {
  build?: string;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  configs?: { source: string; target: string }[];
};

const CRUX_PROCESSES = ["migrate", "sync-1", "sync-2", "web"];
const SYNC_SERVERS = ["sync-1", "sync-2"];

function packageScripts(dir: string): Record<string, string> {
  return (
    JSON.parse(readFileSync(path.join(root, dir, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    }
  ).scripts;
}

/** The npm script an `npm run NAME [-w WORKSPACE]` command runs, or the file a `npx tsx FILE` command runs. */
function expectCommandRunsSomethingReal(command: string[]): void {
  if (command[0] === "npx" && command[1] === "tsx") {
    expect(existsSync(path.join(root, command[2] ?? "")), `${command[2]} exists`).toBe(true);
    return;
  }
  expect(command.slice(0, 2)).toEqual(["npm", "run"]);
  const workspaceFlag = command.indexOf("-w");
  const workspaceDir = workspaceFlag < 0 ? "." : (command[workspaceFlag + 1] ?? "").replace("@crux/", "");
  const dir = workspaceDir === "app" || workspaceDir === "." ? workspaceDir : `packages/${workspaceDir}`;
  expect(Object.keys(packageScripts(dir))).toContain(command[2]);
}

describe("docker-compose.yml", () => {
  const services = compose.services;

  it("runs PostgreSQL, Redis, migrations, two sync servers behind a balancer, and the web app", () => {
    expect(Object.keys(services).sort()).toEqual([
      "migrate",
      "postgres",
      "redis",
      "sync",
      "sync-1",
      "sync-2",
      "web",
    ]);
  });

  it("builds every Crux process from the repository's Dockerfile", () => {
    expect(existsSync(path.join(root, "Dockerfile"))).toBe(true);
    for (const name of CRUX_PROCESSES) expect(services[name]?.build, name).toBe(".");
  });

  it("starts each process with a command that exists in the project", () => {
    for (const name of CRUX_PROCESSES) expectCommandRunsSomethingReal(services[name]?.command ?? []);
    for (const name of SYNC_SERVERS) expect(services[name]?.command).toContain("@crux/sync");
  });

  it("gives every long-running service a health check and starts after what it needs", () => {
    for (const name of ["postgres", "redis", "sync", "web", ...SYNC_SERVERS]) {
      expect(services[name]?.healthcheck?.test.length, name).toBeGreaterThan(0);
    }
    expect(services.migrate?.depends_on?.postgres?.condition).toBe("service_healthy");
    for (const name of SYNC_SERVERS) {
      expect(services[name]?.depends_on?.migrate?.condition).toBe("service_completed_successfully");
      expect(services[name]?.depends_on?.redis?.condition).toBe("service_healthy");
      expect(services.sync?.depends_on?.[name]?.condition).toBe("service_healthy");
    }
    expect(services.web?.depends_on?.migrate?.condition).toBe("service_completed_successfully");
    expect(services.web?.depends_on?.sync?.condition).toBe("service_healthy");
  });

  it("points every Crux process at the compose PostgreSQL, and the sync servers at its Redis", () => {
    for (const name of CRUX_PROCESSES)
      expect(services[name]?.environment?.DATABASE_URL, name).toMatch(/@postgres:5432\//);
    for (const name of SYNC_SERVERS)
      expect(services[name]?.environment?.REDIS_URL).toBe("redis://redis:6379");
  });

  it("gives the sync servers distinct names, the port their health checks use, and the web app's secret", () => {
    const names = SYNC_SERVERS.map((name) => services[name]?.environment?.SYNC_INSTANCE);
    expect(new Set(names).size).toBe(SYNC_SERVERS.length);
    for (const name of SYNC_SERVERS) {
      const environment = services[name]?.environment;
      expect(services[name]?.healthcheck?.test.join(" ")).toContain(`:${environment?.SYNC_PORT}/health`);
      expect(environment?.CRUX_SYNC_SECRET).toBe(services.web?.environment?.CRUX_SYNC_SECRET);
      expect(environment?.CRUX_SYNC_SECRET).toMatch(/CRUX_SYNC_SECRET:\?/);
    }
  });

  it("balances WebSockets over both sync servers, on the port the web app sends browsers to", () => {
    const balancer = services.sync;
    const config = compose.configs[balancer?.configs?.[0]?.source ?? ""]?.content ?? "";
    for (const name of SYNC_SERVERS)
      expect(config).toContain(`server ${name}:${services[name]?.environment?.SYNC_PORT};`);
    expect(config).toMatch(/proxy_set_header Upgrade/);
    const listen = config.match(/listen (\d+);/)?.[1];
    expect(balancer?.ports).toEqual([`${listen}:${listen}`]);
    expect(services.web?.environment?.CRUX_SYNC_URL).toContain(`ws://localhost:${listen}`);
  });

  it("serves the web app on the port its command passes to next start", () => {
    const web = services.web;
    const port = web?.command?.[web.command.indexOf("-p") + 1];
    expect(web?.ports).toEqual([`${port}:${port}`]);
  });
});
