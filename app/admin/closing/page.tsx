// The closing's settings (docs/rules/closing.md): the #wins and welcome templates with their live
// preview, the loss categories and the Missed Connections cadence. Admins only: the layout and this
// page answer 404 to anyone who may not manage the closing.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can } from "@/src/auth/authorize";
import { requireActor } from "@/src/auth/current-actor";
import { getClosingAdminPage } from "@/src/server/closing/admin-page";
import { Card } from "@/src/ui/card";
import { PageHeader } from "@/src/ui/page-header";
import { CadenceForm } from "./cadence-form";
import { LossCategoriesForm } from "./loss-categories-form";
import { TemplatesEditor } from "./templates-editor";

export const metadata: Metadata = { title: "Closing settings" };

export default async function ClosingAdminPage() {
  const actor = await requireActor("/admin/closing");
  if (!can(actor, "closing.manage")) notFound();
  const { settings, wonDeals } = await getClosingAdminPage(actor);
  const placeholders = settings.placeholders as { slack: Record<string, string>; welcome: Record<string, string> };

  return (
    <>
      <PageHeader
        title="Closing"
        description="What happens after a deal is won or lost: the messages of the Closed Won checklist, the reasons a deal is lost, and the touches of a Missed Connections play."
      />
      <div className="space-y-6">
        <TemplatesEditor slack={settings.slackTemplate} welcome={settings.welcomeTemplate} placeholders={placeholders} wonDeals={wonDeals} />
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Loss categories" description="The reasons a Closed Lost move chooses from, in this order.">
            <LossCategoriesForm categories={settings.lossCategories} />
          </Card>
          <Card
            title="Missed Connections cadence"
            description="When the owner is reminded to reach an unresponsive buyer again, in days after the loss."
          >
            <CadenceForm cadence={settings.missedConnectionsCadence} />
          </Card>
        </div>
      </div>
    </>
  );
}
