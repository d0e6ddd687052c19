"use client";
import { useSyncExternalStore } from "react";

const UTC = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const LOCAL = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const neverChanges = () => () => {};

/**
 * A moment in the reader's own time zone and language. The server does not know them, so the server's HTML (and the
 * hydrating render, which must match it) says UTC, and the browser switches to local time right after.
 */
export function LocalTime({ date }: { date: Date }) {
  const inBrowser = useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );
  return (
    <time dateTime={date.toISOString()}>{inBrowser ? LOCAL.format(date) : `${UTC.format(date)} UTC`}</time>
  );
}
