// The demo sign-ins: printed at start (start-server.ts), listed in the README, and present only in
// demo data. Every one of them uses DEMO_PASSWORD.
import type { DeskGroup, Role } from "../../generated/prisma/client";

export const DEMO_PASSWORD = "stageline-demo";

export type DemoTeamName = "Enterprise" | "Mid-Market";

export type DemoUser = {
  email: string;
  name: string;
  role: Role;
  groups?: readonly DeskGroup[];
  team?: DemoTeamName;
};

/** The demo's admin: who registered the demo's integrations. */
export const DEMO_ADMIN = "admin@stageline.test";

/** The demo's rep: the deal docs/embed-demo.html frames is theirs. */
export const DEMO_REP = "rep@stageline.test";

export const DEMO_USERS: readonly DemoUser[] = [
  { email: DEMO_ADMIN, name: "Alex Morgan", role: "admin" },
  { email: "manager@stageline.test", name: "Dana Whitfield", role: "manager", team: "Enterprise" },
  { email: DEMO_REP, name: "Sam Okafor", role: "rep", team: "Enterprise" },
  { email: "rep2@stageline.test", name: "Priya Raman", role: "rep", team: "Enterprise" },
  { email: "finance@stageline.test", name: "Marcus Lindqvist", role: "deal_desk", groups: ["finance"] },
  { email: "legal@stageline.test", name: "Elena Duarte", role: "deal_desk", groups: ["legal"] },
  { email: "salesops@stageline.test", name: "Jordan Reyes", role: "deal_desk", groups: ["sales_ops"] },
  { email: "manager2@stageline.test", name: "Chris Nakamura", role: "manager", team: "Mid-Market" },
  { email: "rep3@stageline.test", name: "Leah Brennan", role: "rep", team: "Mid-Market" },
  { email: "rep4@stageline.test", name: "Tomás Ferreira", role: "rep", team: "Mid-Market" },
];

export type DemoTeam = { name: DemoTeamName; managerEmail: string; targetCents: bigint };

/** Quarterly bookings targets, so the pipeline value factor has something to compare against. */
export const DEMO_TEAMS: readonly DemoTeam[] = [
  { name: "Enterprise", managerEmail: "manager@stageline.test", targetCents: 75_000_000n },
  { name: "Mid-Market", managerEmail: "manager2@stageline.test", targetCents: 20_000_000n },
];

/** Invited by the admin, not yet signed up (seed-demo-invitation.ts): no password, so not a demo sign-in. */
export const DEMO_INVITEE = { email: "new.rep@stageline.test", name: "Jamie Ortiz", role: "rep" } as const satisfies {
  email: string;
  name: string;
  role: Role;
};
