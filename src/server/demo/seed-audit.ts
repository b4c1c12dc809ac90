// The demo's audit log (docs/rules/audit.md): what the demo's own setup did, as the admin console
// would have recorded it, written through recordAudit like every other entry. The admin created the
// people and the teams a little over a year ago, the managers set their quarter's targets, and the
// last day saw a few sign-ins, one of them failed, and a guess at an address nobody has.
import { roleCan } from "../../auth/permissions";
import type { Sql } from "../db";
import { recordAudit } from "../audit/record-audit";
import { addDays } from "./demo-dates";
import { DEMO_TEAMS, DEMO_USERS } from "./demo-users";

const MINUTE_MS = 60_000;
/** Addresses from the ranges kept for documentation (RFC 5737): no real client. */
const OFFICE = "203.0.113.24";
/** The admin's office address, for the other demo changes recorded in the log. */
export const DEMO_OFFICE_ADDRESS = OFFICE;
const HOME = "198.51.100.77";
/** When the admin set the demo's workspace up: the people, the teams, the first process version. */
export const DEMO_SETUP_DAYS_AGO = 401;
const UNKNOWN = "192.0.2.201";

export async function recordDemoAudit(
  tx: Sql,
  ids: { user: (email: string) => string; team: (name: string) => string },
  quarter: { from: string; to: string },
  now: Date,
): Promise<void> {
  // The admin: who manages users made the others.
  const admin = DEMO_USERS.find((u) => roleCan(u.role, "users.manage"))!;
  const asAdmin = { id: ids.user(admin.email), email: admin.email };
  const setUp = addDays(now, -DEMO_SETUP_DAYS_AGO);
  const after = (minutes: number) => new Date(setUp.getTime() + minutes * MINUTE_MS);

  let minute = 0;
  for (const team of DEMO_TEAMS)
    await recordAudit(tx, {
      actor: asAdmin,
      action: "team.created",
      object: { type: "team", id: ids.team(team.name) },
      after: { id: ids.team(team.name), name: team.name, managerId: null, target: Number(team.targetCents) / 100 },
      clientAddress: OFFICE,
      at: after(++minute),
    });
  for (const u of DEMO_USERS.filter((u) => u !== admin))
    await recordAudit(tx, {
      actor: asAdmin,
      action: "user.created",
      object: { type: "user", id: ids.user(u.email) },
      after: {
        id: ids.user(u.email),
        email: u.email,
        name: u.name,
        role: u.role,
        teamId: u.team ? ids.team(u.team) : null,
        groups: [...(u.groups ?? [])],
        active: true,
        password: true,
      },
      clientAddress: OFFICE,
      at: after(++minute),
    });

  for (const team of DEMO_TEAMS) {
    const manager = DEMO_USERS.find((u) => u.email === team.managerEmail)!;
    await recordAudit(tx, {
      actor: { id: ids.user(manager.email), email: manager.email },
      action: "team.target_set",
      object: { type: "team", id: ids.team(team.name) },
      before: null,
      after: { from: quarter.from, to: quarter.to, currency: "USD", amount: Number(team.targetCents) / 100 },
      clientAddress: HOME,
      at: addDays(now, -3),
    });
  }

  const hoursAgo = (h: number) => new Date(now.getTime() - h * 60 * MINUTE_MS);
  const signIn = (email: string, at: Date, clientAddress: string, reason?: string) => {
    const known = DEMO_USERS.some((u) => u.email === email);
    const id = known ? ids.user(email) : null;
    return recordAudit(tx, {
      actor: { id, email },
      action: reason ? "signin.failed" : "signin.succeeded",
      object: { type: "user", id },
      after: { method: "password", via: "sign-in page", ...(reason ? { reason } : {}) },
      clientAddress,
      at,
    });
  };
  await signIn("manager@stageline.test", hoursAgo(26), HOME);
  await signIn("rep@stageline.test", hoursAgo(9), OFFICE, "wrong_password");
  await signIn("rep@stageline.test", hoursAgo(9 - 1 / 60), OFFICE);
  await signIn("ceo@stageline.test", hoursAgo(5), UNKNOWN, "unknown_email");
  await signIn(admin.email, hoursAgo(2), OFFICE);
}
