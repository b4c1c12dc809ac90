import { describe, expect, test } from "vitest";
import { defaultAgenda, handoffInvitation } from "../../../src/domain/closing/handoff-invitation";

const meeting = {
  uid: "handoff-item1@stageline",
  sequence: 0,
  startsAt: new Date("2026-12-10T15:00:00Z"),
  durationMinutes: 45,
  deal: { name: "Envoy platform", accountName: "Envoy", url: "https://stageline.example/opportunities/d1" },
  owner: { name: "Dana Reyes", email: "dana@seller.example" },
  csm: { name: "Sam Ortiz", email: "sam@seller.example" },
  agenda: defaultAgenda({ name: "Envoy platform", accountName: "Envoy" }),
};

/** Unfolds RFC 5545 continuation lines so assertions read whole properties. */
const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, "");

describe("the hand-off invitation", () => {
  test("is a REQUEST with one event, its time and both attendees", () => {
    const { summary, content } = handoffInvitation(meeting);
    const ics = unfold(content);
    expect(summary).toBe("Hand-off: Envoy (Envoy platform)");
    expect(ics).toContain("METHOD:REQUEST");
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics).toContain("UID:handoff-item1@stageline");
    expect(ics).toContain("DTSTART:20261210T150000Z");
    expect(ics).toContain("DTEND:20261210T154500Z");
    expect(ics).toMatch(/ATTENDEE;[^\n]*CN="Sam Ortiz"[^\n]*:MAILTO:sam@seller\.example/);
    expect(ics).toMatch(/ATTENDEE;[^\n]*CN="Dana Reyes"[^\n]*:MAILTO:dana@seller\.example/);
    expect(ics).toMatch(/ORGANIZER;CN="Dana Reyes":mailto:dana@seller\.example/);
  });

  test("sending again keeps the UID and raises the sequence", () => {
    const again = unfold(handoffInvitation({ ...meeting, sequence: 2 }).content);
    expect(again).toContain("UID:handoff-item1@stageline");
    expect(again).toContain("SEQUENCE:2");
  });
});
