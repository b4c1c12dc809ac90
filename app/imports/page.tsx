// Importing deals from a CSV file, as Salesforce, HubSpot or this app export them (docs/rules/import.md):
// the page reads the file's header to propose a mapping, checks the file with a dry run, lets the
// person name the stages and owners nothing matched, then imports, with progress and a report. The
// work is the API's (POST /api/v1/imports): the page sends the file there, with the session.
import type { Metadata } from "next";
import { requireActor } from "@/src/auth/current-actor";
import { getImportOptions } from "@/src/server/imports/import-options";
import { maxImportBytes, maxImportRows } from "@/src/server/imports/import-opportunities";
import { ButtonLink } from "@/src/ui/button";
import { PageHeader } from "@/src/ui/page-header";
import { ImportWizard } from "./import-wizard";

export const metadata: Metadata = { title: "Import deals" };

export default async function ImportPage() {
  const actor = await requireActor("/imports");
  const options = await getImportOptions(actor);
  return (
    <>
      <PageHeader
        title="Import deals"
        description="Bring deals in from a CSV file exported from Salesforce, HubSpot or this app. The file is checked first, row by row; nothing is written until you import it, and importing the same file again changes nothing."
        actions={
          <ButtonLink variant="secondary" href="/board">
            Back to the board
          </ButtonLink>
        }
      />
      <ImportWizard options={options} limits={{ bytes: maxImportBytes(), rows: maxImportRows() }} />
    </>
  );
}
