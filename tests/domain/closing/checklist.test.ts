import { describe, expect, test } from "vitest";
import { actionRefusal, CHECKLIST_KINDS, checklistKindsFor, type ItemState, itemState } from "../../../src/domain/closing/checklist";

describe("which items a won deal has", () => {
  test("a new customer gets every item, in order", () => {
    expect(checklistKindsFor({ type: "new" })).toEqual([...CHECKLIST_KINDS]);
  });
  test("an expansion gets no welcome e-mail", () => {
    expect(checklistKindsFor({ type: "expansion" })).toEqual(["signed_contract", "why_won", "slack_post", "handoff_meeting"]);
  });
});

describe("an item's state", () => {
  test.each<[Parameters<typeof itemState>[0], ItemState]>([
    [{ done: true, latestMessage: null, configured: false }, "done"],
    [{ done: true, latestMessage: "failed", configured: true }, "done"],
    [{ done: false, latestMessage: null, configured: true }, "pending"],
    [{ done: false, latestMessage: null, configured: false }, "not_configured"],
    [{ done: false, latestMessage: "pending", configured: true }, "sending"],
    [{ done: false, latestMessage: "sending", configured: true }, "sending"],
    [{ done: false, latestMessage: "delivered", configured: true }, "done"],
    [{ done: false, latestMessage: "delivered", configured: false }, "done"],
    [{ done: false, latestMessage: "failed", configured: true }, "failed"],
    [{ done: false, latestMessage: "not_configured", configured: true }, "not_configured"],
  ])("%j reads %s", (item, state) => {
    expect(itemState(item)).toBe(state);
  });
});

describe("what may be done to an item", () => {
  const fresh = { delivered: false, confirmed: false };

  test("items done by the move send nothing, but may be marked done", () => {
    expect(actionRefusal("why_won", "pending", "send", fresh)?.reason).toBe("not_sendable");
    expect(actionRefusal("signed_contract", "pending", "retry", fresh)?.reason).toBe("not_sendable");
    expect(actionRefusal("why_won", "pending", "mark_done", fresh)).toBeNull();
  });

  test("a pending, failed or unconfigured item may be sent", () => {
    for (const state of ["pending", "failed", "not_configured"] as const) expect(actionRefusal("slack_post", state, "send", fresh)).toBeNull();
  });

  test("nothing may be done while the message is on its way", () => {
    for (const action of ["send", "retry", "mark_done"] as const)
      expect(actionRefusal("welcome_email", "sending", action, fresh)?.reason).toBe("in_flight");
  });

  test("sending again after a delivery, or after marking done by hand, asks first", () => {
    expect(actionRefusal("slack_post", "done", "send", { delivered: true, confirmed: false })?.reason).toBe("already_sent");
    expect(actionRefusal("slack_post", "done", "send", { delivered: false, confirmed: false })?.reason).toBe("already_sent");
    expect(actionRefusal("slack_post", "done", "send", { delivered: true, confirmed: true })).toBeNull();
  });

  test("only a failed message is retried", () => {
    expect(actionRefusal("handoff_meeting", "failed", "retry", fresh)).toBeNull();
    for (const state of ["pending", "done", "not_configured"] as const)
      expect(actionRefusal("handoff_meeting", state, "retry", fresh)?.reason).toBe("not_failed");
  });

  test("a done item is not marked done twice", () => {
    expect(actionRefusal("slack_post", "done", "mark_done", fresh)?.reason).toBe("already_done");
    expect(actionRefusal("slack_post", "not_configured", "mark_done", fresh)).toBeNull();
  });
});
