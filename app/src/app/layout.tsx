import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/sign-out-button";
import { currentUser } from "@/lib/server";
import { ApiProvider } from "@/lib/trpc";
import "./globals.css";

// Every account gets a presence colour at sign-up; this covers an account made before colours existed.
const FALLBACK_COLOR = "#6366f1";

export const metadata: Metadata = {
  title: { default: "Crux", template: "%s · Crux" },
  description: "Collaborative forecast notebooks",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <a href="/" className="brand">
            Crux
          </a>
          {user ? (
            <div className="who">
              <span className="avatar" style={{ background: user.color || FALLBACK_COLOR }} aria-hidden>
                {user.name.slice(0, 1).toUpperCase()}
              </span>
              <span>{user.name}</span>
              <SignOutButton />
            </div>
          ) : null}
        </header>
        <ApiProvider>
          <main className="page">{children}</main>
        </ApiProvider>
      </body>
    </html>
  );
}
