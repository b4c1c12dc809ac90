// The documents a demo deal's owner uploaded for its `document` criteria (plan-deal-criteria.ts
// chose when): each with the name a rep would give it, stored as an upload stores it (safeFileName;
// a signed contract renamed to the convention for the close date in force that day, so its criterion
// holds), and the text of its one-page PDF.
import { toCalendarDate } from "../../domain/dates";
import { contractBaseName } from "../../domain/files/contract-name";
import { safeFileName } from "../../domain/files/upload-rules";
import { fromCents } from "../../domain/money";
import type { FileKind } from "../../domain/process/types";
import { isoDate } from "./demo-dates";
import type { PlannedFile } from "./demo-plan";
import type { CloseDates } from "./plan-close-dates";
import type { PlannedDocument } from "./plan-deal-criteria";
import type { DealTerms } from "./plan-deal-terms";
import type { Draw } from "./seeded-random";

/** What each kind of document is called on its first line. */
export const DOCUMENT_TITLES: Record<FileKind, string> = {
  quote: "Formal quote",
  signed_contract: "Signed contract and order form",
  order_form: "Order form",
  other: "Supporting document",
};

/** The deal's close date at an instant: the original one, moved by each change made by then. */
function closeDateAt(dates: CloseDates, at: Date): Date {
  return dates.changes.filter((c) => c.changedAt.getTime() <= at.getTime()).at(-1)?.newDate ?? dates.originalCloseDate;
}

const money = (cents: bigint) => `$${fromCents(cents).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function planFiles(documents: readonly PlannedDocument[], terms: DealTerms, account: string, dates: CloseDates, d: Draw): PlannedFile[] {
  // File systems and our safe names keep letters, digits, dots, spaces and dashes: an ampersand reads as "and".
  const company = account.replace(/&/g, "and");
  const term = `${terms.termMonths}-month term, ${terms.users} users, net ${terms.paymentTermsDays}`;
  return documents.map((doc): PlannedFile => {
    const day = isoDate(doc.uploadedAt);
    const common = { ref: `${terms.name}/${doc.stageKey}.${doc.criterionKey}`, kind: doc.kind, uploadedAt: doc.uploadedAt };
    const lines = (...rest: string[]) => [DOCUMENT_TITLES[doc.kind], terms.name, account, ...rest, "A Stageline demo document"];
    switch (doc.kind) {
      case "quote": {
        const number = `Q-${day.slice(0, 4)}-${d.int(1000, 9999)}`;
        const name = safeFileName(`Quote ${number} - ${company}.pdf`);
        const total = `Total ${money(terms.amountCents)}${terms.discountPercent ? `, ${terms.discountPercent}% discount included` : ""}`;
        return { ...common, originalName: name, storedName: name, lines: lines(`Quote ${number}, issued ${day}, valid 30 days`, total, term) };
      }
      case "signed_contract": {
        const closeDate = toCalendarDate(closeDateAt(dates, doc.uploadedAt));
        const storedName = `${contractBaseName({ closeDate, accountName: account, type: terms.type, years: terms.years, users: terms.users, termMonths: terms.termMonths })}.pdf`;
        const originalName = safeFileName(
          `${company} - ${d.pick(["signed MSA and order form", "MSA and order form - countersigned", "executed agreement"])}.pdf`,
        );
        return { ...common, originalName, storedName, lines: lines(`Signed ${day}, ${money(terms.amountCents)}`, term) };
      }
      case "order_form":
      case "other": {
        const name = safeFileName(`${company} - ${DOCUMENT_TITLES[doc.kind].toLowerCase()}.pdf`);
        return { ...common, originalName: name, storedName: name, lines: lines(`Sent ${day}`, term) };
      }
      default: {
        const never: never = doc.kind;
        throw new Error(`Unknown document kind ${String(never)}`);
      }
    }
  });
}
