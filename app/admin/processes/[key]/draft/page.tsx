// A process's draft in the editor (docs/rules/sales-process.md, "The editor"): its stages, their
// guidance, exit criteria and questions, the problems that stop it from being published, and a
// preview as a rep will see it. Admins only: the layout and this page answer 404 to anyone else.
// A process without a draft shows how to start one.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import { AppError } from "@/src/errors";
import { database } from "@/src/server/db";
import { getDraft } from "@/src/server/process/drafts";
import { editorCatalog } from "@/src/server/process/manage-processes";
import { ArrowLeftIcon } from "@/src/ui/icons";
import { DraftEditor } from "./draft-editor";
import { NoDraft } from "./no-draft";

export const metadata: Metadata = { title: "Process draft" };

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const KEY = /^[a-z][a-z0-9_]{0,63}$/;

async function draftOrNull(actor: Parameters<typeof getDraft>[0], key: string) {
  try {
    return await getDraft(actor, key);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") return null;
    throw e;
  }
}

export default async function ProcessDraftPage({ params, searchParams }: Props) {
  const { key } = await params;
  const discarded = (await searchParams).discarded === "1";
  const actor = await requireActor(`/admin/processes/${encodeURIComponent(key)}/draft`);
  if (!can(actor, "process.manage")) notFound();
  if (!KEY.test(key)) notFound();
  const draft = await draftOrNull(actor, key);
  const back = (
    <Link href="/admin/processes" className="mb-3 inline-flex items-center gap-1.5 text-[13px] font-medium text-ink-muted hover:text-ink">
      <ArrowLeftIcon className="size-3.5" />
      All processes
    </Link>
  );
  if (!draft) {
    const latest = await database()
      .sql.selectFrom("ProcessVersion as v")
      .innerJoin("Process as p", "p.id", "v.processId")
      .select(["p.name", "v.version"])
      .where("p.key", "=", key)
      .orderBy("v.version", "desc")
      .limit(1)
      .executeTakeFirst();
    return (
      <>
        {back}
        <NoDraft processKey={key} latest={latest ? { name: latest.name, version: latest.version } : null} discarded={discarded} />
      </>
    );
  }
  return (
    <>
      {back}
      <DraftEditor processKey={key} draft={draft} catalog={editorCatalog()} />
    </>
  );
}
