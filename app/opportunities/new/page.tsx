import type { Metadata } from "next";
import { requireActor } from "@/src/auth/current-actor";
import { can } from "@/src/auth/authorize";
import { canChooseOwner } from "@/src/auth/capabilities";
import { getNewDealForm } from "@/src/server/opportunity-page/get-new-deal-form";
import { ButtonLink } from "@/src/ui/button";
import { Card } from "@/src/ui/card";
import { EmptyState } from "@/src/ui/empty-state";
import { LayersIcon } from "@/src/ui/icons";
import { PageHeader } from "@/src/ui/page-header";
import { NewDealForm } from "./new-deal-form";
import { StartingStage } from "./starting-stage";

export const metadata: Metadata = { title: "New opportunity" };

export default async function NewOpportunityPage() {
  const actor = await requireActor("/opportunities/new");
  if (!can(actor, "opportunity.create"))
    return (
      <Card className="mx-auto max-w-xl">
        <EmptyState
          headingLevel={2}
          icon={<LayersIcon />}
          title="Opportunities are created by sales"
          description="Sales reps and managers create opportunities. Your role can view the deals put in front of it."
          action={<ButtonLink href="/">Back home</ButtonLink>}
        />
      </Card>
    );
  const form = await getNewDealForm(actor);
  return (
    <>
      <PageHeader
        eyebrow="Pipeline"
        title="New opportunity"
        description={
          form.oneProcess
            ? `It starts in ${form.starts.new.firstStage.name}, the first stage of ${form.starts.new.processName}. You can fill in the rest on the deal's page.`
            : `A new business deal starts in ${form.starts.new.firstStage.name} of ${form.starts.new.processName}, an expansion in ${form.starts.expansion.firstStage.name} of ${form.starts.expansion.processName}. You can fill in the rest on the deal's page.`
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <NewDealForm
          owners={form.owners}
          selfId={actor.id}
          canChooseOwner={canChooseOwner(actor)}
          questionsByType={{ new: form.starts.new.questions, expansion: form.starts.expansion.questions }}
          className="lg:col-span-2"
        />
        <StartingStage form={form} className="lg:self-start" />
      </div>
    </>
  );
}
