import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { NotebookView } from "@/components/notebook-view";
import { currentUser, serverCaller } from "@/lib/server";

export default async function NotebookPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await currentUser())) redirect(`/sign-in`);
  const caller = await serverCaller();
  const notebook = await caller.notebook.get({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return <NotebookView notebook={notebook} />;
}
