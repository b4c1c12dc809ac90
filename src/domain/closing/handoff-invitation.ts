// The internal hand-off meeting's invitation (docs/rules/closing.md, "Hand-off"): an iCalendar
// REQUEST with the customer success manager and the deal owner as attendees.
import ical, { ICalAttendeeRole, ICalCalendarMethod } from "ical-generator";

export type Person = { name: string; email: string };

export type HandoffMeeting = {
  /** Stable per checklist item: sending again updates the same meeting in the attendees' calendars. */
  uid: string;
  /** Raised on every new invitation for the same meeting, so calendars take the latest one. */
  sequence: number;
  startsAt: Date;
  durationMinutes: number;
  deal: { name: string; accountName: string; url: string };
  owner: Person;
  csm: Person;
  agenda: string;
};

export const DURATIONS_MINUTES = [15, 30, 45, 60, 90] as const;

export function handoffInvitation(meeting: HandoffMeeting): { summary: string; content: string } {
  const summary = `Hand-off: ${meeting.deal.accountName} (${meeting.deal.name})`;
  const calendar = ical({ method: ICalCalendarMethod.REQUEST, prodId: { company: "Stageline", product: "Stageline", language: "EN" } });
  const event = calendar.createEvent({
    id: meeting.uid,
    sequence: meeting.sequence,
    start: meeting.startsAt,
    end: new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000),
    summary,
    description: `${meeting.agenda}\n\n${meeting.deal.url}`,
    url: meeting.deal.url,
    organizer: { name: meeting.owner.name, email: meeting.owner.email },
  });
  for (const person of [meeting.csm, meeting.owner])
    event.createAttendee({ name: person.name, email: person.email, role: ICalAttendeeRole.REQ, rsvp: true });
  return { summary, content: calendar.toString() };
}

export const defaultAgenda = (deal: { name: string; accountName: string }) =>
  `Hand ${deal.accountName} over to customer success: what they bought (${deal.name}), who is who on their side, what we promised, and the first steps of onboarding.`;
