/**
 * GET /health for load balancers and the start script: 200 with counts when PostgreSQL answers, 503 otherwise.
 * Any other HTTP request gets 404 (Hocuspocus would answer "Welcome to Hocuspocus!").
 */
import type { PrismaClient } from "@crux/db";
import type { Extension, onRequestPayload } from "@hocuspocus/server";
import type { DurablePersistence } from "./persistence";

const DATABASE_CHECK_TIMEOUT_MS = 2_000;

export class HealthEndpoint implements Extension {
  extensionName = "crux-health";

  constructor(
    private readonly db: PrismaClient,
    private readonly persistence: DurablePersistence,
    private readonly instanceName: string,
  ) {}

  async onRequest({ request, response, instance }: onRequestPayload): Promise<void> {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const body =
      path === "/health"
        ? {
            status: (await this.databaseAnswers()) ? "ok" : "database-unavailable",
            instance: this.instanceName,
            documents: instance.getDocumentsCount(),
            connections: instance.getConnectionsCount(),
            pendingUpdates: this.persistence.pendingUpdates(),
          }
        : { status: "not-found" };
    const code = body.status === "ok" ? 200 : body.status === "not-found" ? 404 : 503;
    response.writeHead(code, { "Content-Type": "application/json" });
    response.end(JSON.stringify(body));
    // Rejecting with nothing tells Hocuspocus the request was answered (no default response, nothing logged).
    throw null;
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), DATABASE_CHECK_TIMEOUT_MS);
    });
    const query = this.db.$queryRaw`SELECT 1`.then(
      () => true,
      () => false,
    );
    return Promise.race([query, timeout]).finally(() => clearTimeout(timer));
  }
}
