import { notFound, redirect } from "next/navigation";
import { requireActor } from "@/src/auth/current-actor";
import { adminSectionsFor } from "./sections";

/** The console has no page of its own: it opens the first section the actor manages. */
export default async function AdminPage() {
  const first = adminSectionsFor(await requireActor("/admin"))[0];
  if (!first) notFound();
  redirect(first.href);
}
