// "My reminders" (docs/rules/closing.md, "Reminders"): the touches of the re-engagement plays on the
// deals the viewer owns, due ones first (oldest first), then upcoming ones, each with its deal, its
// play, the suggested message and what can be done to it.
import { requireActor } from "@/src/auth/current-actor";
import { toCalendarDate } from "@/src/domain/dates";
import { canReopenInto } from "@/src/domain/moves/closed-lost";
import { listReminders } from "@/src/server/closing/reminders-view";
import { database } from "@/src/server/db";
import { getActiveProcessVersion } from "@/src/server/process/get-process-version";
import { PageHeader } from "@/src/ui/page-header";
import { RemindersList } from "./reminders-list";

export const metadata = { title: "My reminders · Stageline" };

export default async function RemindersPage() {
  const actor = await requireActor("/reminders");
  const now = new Date();
  const [reminders, process] = await Promise.all([listReminders(actor, now), getActiveProcessVersion(database().sql)]);
  return (
    <>
      <PageHeader
        title="My reminders"
        description="The re-engagement plays on the lost deals you own: what is due now, then what comes next. Each reminder is also sent to you by e-mail on its day."
      />
      <RemindersList
        reminders={reminders}
        today={toCalendarDate(now)}
        stages={process.stages.filter(canReopenInto).map(({ key, name }) => ({ key, name }))}
      />
    </>
  );
}
