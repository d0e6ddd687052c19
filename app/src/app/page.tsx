import { redirect } from "next/navigation";
import { NotebookList } from "@/components/notebook-list";
import { currentUser } from "@/lib/server";

export default async function HomePage() {
  if (!(await currentUser())) redirect("/sign-in");
  return <NotebookList />;
}
