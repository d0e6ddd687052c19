"use client";
/**
 * Who else is here, from Yjs awareness. The sync server stamps each state with its connection's verified user
 * (`user: { id, name, color }`); each client adds the cell it is in (`cell`). States are validated with zod: they
 * come from other browsers.
 */
import { useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { z } from "zod";

const presenceStateSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), color: z.string() }),
  cell: z.string().nullish(),
});

export type Peer = { clientId: number; userId: string; name: string; color: string; cell: string | null };

/** Everyone else connected to this notebook (not this user, whichever tabs they have open). */
export function usePeers(awareness: Awareness | null, selfUserId: string): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([]);
  useEffect(() => {
    if (!awareness) return;
    // Awareness changes with every remote cursor move; re-render only when who is here, or in which cell, changed.
    const refresh = () => {
      const next = peersOf(awareness).filter((peer) => peer.userId !== selfUserId);
      setPeers((current) => (samePeers(current, next) ? current : next));
    };
    refresh();
    awareness.on("change", refresh);
    return () => awareness.off("change", refresh);
  }, [awareness, selfUserId]);
  return peers;
}

function samePeers(a: Peer[], b: Peer[]): boolean {
  const key = (peers: Peer[]) => JSON.stringify(peers);
  return key(a) === key(b);
}

function peersOf(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const parsed = presenceStateSchema.safeParse(state);
    if (!parsed.success) continue;
    const { user, cell } = parsed.data;
    peers.push({ clientId, userId: user.id, name: user.name, color: user.color, cell: cell ?? null });
  }
  return peers;
}

/** One avatar per person (several tabs of one person are one avatar). */
export function PresenceAvatars({ peers }: { peers: Peer[] }) {
  const people = [...new Map(peers.map((peer) => [peer.userId, peer])).values()];
  if (people.length === 0) return null;
  return (
    <ul className="presence" aria-label="Also here">
      {people.map((person) => (
        <li key={person.userId}>
          <span className="avatar" style={{ background: person.color }} title={person.name}>
            {initial(person.name)}
          </span>
          <span className="visually-hidden">{person.name}</span>
        </li>
      ))}
    </ul>
  );
}

/** The coloured marks on a cell for the people whose cursor is in it. */
export function CellPresence({ peers }: { peers: Peer[] }) {
  if (peers.length === 0) return null;
  return (
    <div className="cell-presence">
      {peers.map((peer) => (
        <span key={peer.clientId} className="cell-presence-name" style={{ background: peer.color }}>
          {peer.name}
        </span>
      ))}
    </div>
  );
}

export function initial(name: string): string {
  return name.trim().slice(0, 1).toUpperCase() || "?";
}
