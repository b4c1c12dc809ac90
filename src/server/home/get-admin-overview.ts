import type { ProcessVersion } from "../../domain/process/process-version";
import type { Reader } from "../db";

export type AdminOverview = {
  activeUserCount: number;
  inactiveUserCount: number;
  teamCount: number;
  teamsWithoutManagerCount: number;
  processCount: number;
  openDealCount: number;
  process: Pick<ProcessVersion, "name" | "version"> & {
    publishedAt: Date | null;
    stages: { key: string; name: string; kind: string; probability: number; criteriaCount: number }[];
  };
};

export async function getAdminOverview(tx: Reader, process: ProcessVersion): Promise<AdminOverview> {
  const [activeUserCount, inactiveUserCount, teamCount, teamsWithoutManagerCount, processCount, openDealCount, published] = await Promise.all([
    tx.user.count({ where: { active: true } }),
    tx.user.count({ where: { active: false } }),
    tx.team.count(),
    tx.team.count({ where: { managerId: null } }),
    tx.process.count(),
    tx.opportunity.count({ where: { status: "open" } }),
    tx.processVersion.findUnique({ where: { id: process.id }, select: { publishedAt: true } }),
  ]);
  return {
    activeUserCount,
    inactiveUserCount,
    teamCount,
    teamsWithoutManagerCount,
    processCount,
    openDealCount,
    process: {
      name: process.name,
      version: process.version,
      publishedAt: published?.publishedAt ?? null,
      stages: process.stages.map((s) => ({
        key: s.key,
        name: s.name,
        kind: s.kind,
        probability: s.probability,
        criteriaCount: s.exitCriteria.length,
      })),
    },
  };
}
