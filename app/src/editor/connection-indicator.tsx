"use client";
/** Online, syncing or offline, in words and colour; offline says that editing goes on and will merge. */
import type { SyncStatus } from "@crux/sync/client";

type Shown = SyncStatus | "connecting";

const WORDS: Record<Shown, { label: string; detail: string }> = {
  connecting: { label: "Connecting", detail: "Connecting to the sync server…" },
  online: { label: "Online", detail: "All changes saved and shared." },
  syncing: { label: "Syncing", detail: "Sending and receiving changes…" },
  offline: {
    label: "Offline",
    detail:
      "Not connected. You can keep editing: changes are kept in this browser and merge when the connection returns.",
  },
};

/** `everConnected` false: not offline yet, still connecting for the first time. */
export function ConnectionIndicator({
  status,
  everConnected,
}: {
  status: SyncStatus;
  everConnected: boolean;
}) {
  const shown: Shown = status === "offline" && !everConnected ? "connecting" : status;
  const { label, detail } = WORDS[shown];
  return (
    <span className={`connection connection-${shown}`} role="status" title={detail} data-status={shown}>
      <span className="connection-dot" aria-hidden />
      {label}
      <span className="visually-hidden">: {detail}</span>
    </span>
  );
}
