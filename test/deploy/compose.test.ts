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
};
type Service = {
  build?: string;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
};

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

  it("runs PostgreSQL, migrations and the web app", () => {
    expect(Object.keys(services).sort()).toEqual(["migrate", "postgres", "web"]);
  });

  it("builds every Crux process from the repository's Dockerfile", () => {
    expect(existsSync(path.join(root, "Dockerfile"))).toBe(true);
    for (const name of ["migrate", "web"]) expect(services[name]?.build).toBe(".");
  });

  it("starts each process with a command that exists in the project", () => {
    for (const name of ["migrate", "web"]) expectCommandRunsSomethingReal(services[name]?.command ?? []);
  });

  it("gives every long-running service a health check and starts after what it needs", () => {
    for (const name of ["postgres", "web"]) {
      expect(services[name]?.healthcheck?.test.length, name).toBeGreaterThan(0);
    }
    expect(services.migrate?.depends_on?.postgres?.condition).toBe("service_healthy");
    expect(services.web?.depends_on?.migrate?.condition).toBe("service_completed_successfully");
  });

  it("points the migration job and the web app at the compose PostgreSQL", () => {
    for (const name of ["migrate", "web"])
      expect(services[name]?.environment?.DATABASE_URL).toMatch(/@postgres:5432\//);
  });

  it("serves the web app on the port its command passes to next start", () => {
    const web = services.web;
    const port = web?.command?.[web.command.indexOf("-p") + 1];
    expect(web?.ports).toEqual([`${port}:${port}`]);
  });
});
