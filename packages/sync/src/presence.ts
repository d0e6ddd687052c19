/**
 * Presence is Yjs awareness. Clients set the cell they are in and their cursor; the server stamps every awareness
 * state a connection sends with that connection's user (id, name and colour from the verified token), so nobody
 * can appear under another name.
 */
import type { beforeHandleAwarenessPayload, Extension } from "@hocuspocus/server";
import type { SyncContext } from "./access";

export type PresenceUser = { id: string; name: string; color: string };

export class Presence implements Extension {
  extensionName = "crux-presence";

  async beforeHandleAwareness({ states, context }: beforeHandleAwarenessPayload<SyncContext>): Promise<void> {
    if (!context?.userId) return;
    const user: PresenceUser = { id: context.userId, name: context.name, color: context.color };
    for (const state of states.values()) if (state) state.user = user;
  }
}
