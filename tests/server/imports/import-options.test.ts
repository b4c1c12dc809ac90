// What the import page offers for a stage or an owner the file's values matched nothing of: the
// process's stages, and only the people the actor may import deals for (docs/rules/import.md).
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/src/server/db";
import { getImportOptions } from "@/src/server/imports/import-options";
import { actorOf } from "../../support/board";
import { ensureDefaults } from "../../support/deals";
import { createOrg, createUser } from "../../support/fixtures";

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

const ownerIds = async (user: { id: string }) => (await getImportOptions(await actorOf(user))).owners.map((o) => o.id);

describe("the owners offered", () => {
  test("a rep is offered only themself", async () => {
    expect(await ownerIds(org.rep)).toEqual([org.rep.id]);
  });

  test("a manager is offered their team's people who may own deals, and nobody of another team", async () => {
    const ids = await ownerIds(org.manager);
    expect(ids).toEqual(expect.arrayContaining([org.manager.id, org.rep.id, org.teammate.id]));
    expect(ids).not.toContain(org.outsider.id);
    expect(ids).not.toContain(org.admin.id);
  });

  test("an admin is offered everyone active who may own deals, but not the deal desk nor the deactivated", async () => {
    const gone = await createUser({ role: "rep", teamId: org.team.id });
    await db().user.update({ where: { id: gone.id }, data: { active: false } });
    const ids = await ownerIds(org.admin);
    expect(ids).toEqual(expect.arrayContaining([org.rep.id, org.outsider.id, org.manager.id]));
    expect(ids).not.toContain(org.finance.id);
    expect(ids).not.toContain(gone.id);
  });

  test("the deal desk may not import at all", async () => {
    await expect(getImportOptions(await actorOf(org.finance))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

test("the stages offered are the default process's, in its order", async () => {
  const { stages, processName } = await getImportOptions(await actorOf(org.rep));
  expect(processName).toBe("Standard B2B");
  expect(stages.map((s) => s.key)).toEqual(["identify", "qualify", "propose", "negotiate", "finalize", "closed_won", "closed_lost"]);
});
