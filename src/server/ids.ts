import crypto from "node:crypto";

/** The id of a row written with typed SQL (Prisma's own writes keep making cuids; both are opaque strings). */
export const newId = (): string => crypto.randomUUID();
