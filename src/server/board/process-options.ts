// Which processes the board can show: the default one and any tied to an opportunity type (new deals
// follow them), and any other with open deals in the actor's view, such as the deals still on a
// process an admin has since replaced.
import type { Actor } from "../../auth/actor";
import { visibleOpportunities } from "../../auth/authorize";
import type { Reader } from "../db";

export type ProcessOption = { key: string; name: string; isDefault: boolean };

/** `shown`: the process the board shows, always offered so the picker can display it and leave it. */
export async function listProcessOptions(tx: Reader, actor: Actor, shown: string): Promise<ProcessOption[]> {
  return tx.process.findMany({
    where: {
      OR: [
        { isDefault: true },
        { opportunityType: { not: null } },
        { key: shown },
        { versions: { some: { opportunities: { some: { AND: [visibleOpportunities(actor), { status: "open" }] } } } } },
      ],
    },
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
    select: { key: true, name: true, isDefault: true },
  });
}
