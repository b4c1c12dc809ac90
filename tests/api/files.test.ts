import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import * as download from "@/app/api/v1/opportunities/[id]/files/[fileId]/route";
import * as files from "@/app/api/v1/opportunities/[id]/files/route";
import * as one from "@/app/api/v1/opportunities/[id]/route";
import { db } from "@/src/server/db";
import { call } from "../support/http";
import { createOrg } from "../support/fixtures";
import { createDeal, ensureDefaults } from "../support/deals";

const storage = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-files-"));
process.env.STORAGE_DIR = storage;

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  await ensureDefaults();
  org = await createOrg();
});

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n");

async function upload(token: string, id: string, kind: string, file: { name: string; bytes: Uint8Array; type?: string } | null) {
  const form = new FormData();
  form.set("kind", kind);
  if (file) form.set("file", new Blob([file.bytes as BlobPart], { type: file.type ?? "application/pdf" }), file.name);
  const req = new Request(`http://localhost/api/v1/opportunities/${id}/files`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${token}` },
  });
  const res = await files.POST(req, { params: Promise.resolve({ id }) });
  return { status: res.status, body: await res.json() };
}

describe("uploading a signed contract", () => {
  test("renames it to the convention for a new customer, stores the bytes outside the database, and satisfies the criterion", async () => {
    const deal = await createDeal(org.rep.token, { accountName: "Envoy, Inc.", closeDate: "2027-03-24", years: 2 });
    const res = await upload(org.rep.token, deal.id, "signed_contract", { name: "Final signed MSA (v3).PDF", bytes: PDF });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: "signed_contract",
      originalName: "Final signed MSA _v3_.PDF",
      storedName: "3.24.27_Envoy-Inc_2.pdf",
      sizeBytes: PDF.length,
    });
    const row = await db().file.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(fs.readFileSync(path.join(storage, row.storageKey))).toEqual(Buffer.from(PDF));
    const after = await call(one.GET, { token: org.rep.token, params: { id: deal.id } });
    expect(after.body.version).toBe(2); // a file can satisfy a criterion: editors must reload
    const history = await db().historyEntry.findMany({ where: { opportunityId: deal.id, type: "file_attached" } });
    expect(history[0]!.details).toMatchObject({ kind: "signed_contract", storedName: "3.24.27_Envoy-Inc_2.pdf" });
  });

  test("an expansion contract is named with EXPANSION and the number of users", async () => {
    const deal = await createDeal(org.rep.token, { accountName: "Envoy", closeDate: "2022-03-24", type: "expansion", users: 11 });
    const res = await upload(org.rep.token, deal.id, "signed_contract", { name: "contract.pdf", bytes: PDF });
    expect(res.body.storedName).toBe("3.24.22_Envoy_EXPANSION_11.pdf");
  });

  test("an expansion contract without a number of users is refused: its name needs one", async () => {
    const deal = await createDeal(org.rep.token, { type: "expansion" });
    const res = await upload(org.rep.token, deal.id, "signed_contract", { name: "contract.pdf", bytes: PDF });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([{ field: "users", message: "required to name an expansion contract" }]);
  });

  test("other kinds keep their own (safe) name", async () => {
    const deal = await createDeal(org.rep.token);
    const res = await upload(org.rep.token, deal.id, "quote", { name: "../../etc/Quote Q-1042.pdf", bytes: PDF });
    expect(res.body.storedName).toBe("Quote Q-1042.pdf");
  });

  test("a download returns the bytes under the stored name", async () => {
    const deal = await createDeal(org.rep.token, { accountName: "Acme", closeDate: "2027-01-05" });
    const up = await upload(org.rep.token, deal.id, "signed_contract", { name: "x.pdf", bytes: PDF });
    const req = new Request("http://localhost/x", { headers: { authorization: `Bearer ${org.rep.token}` } });
    const res = await download.GET(req, { params: Promise.resolve({ id: deal.id, fileId: up.body.id }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="1.5.27_Acme_1.pdf"');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
    const list = await call(files.GET, { token: org.rep.token, params: { id: deal.id } });
    expect(list.body.items.map((f: any) => f.id)).toEqual([up.body.id]);
  });
});

describe("uploads that are refused", () => {
  test.each([
    ["an executable renamed .exe", { name: "contract.exe", bytes: PDF }, 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["a .pdf that is not a PDF", { name: "contract.pdf", bytes: new TextEncoder().encode("MZ\x90\x00 not a pdf") }, 400, "VALIDATION_FAILED"],
    ["an empty file", { name: "contract.pdf", bytes: new Uint8Array() }, 400, "VALIDATION_FAILED"],
  ])("%s", async (_, file, status, code) => {
    const deal = await createDeal(org.rep.token);
    const res = await upload(org.rep.token, deal.id, "signed_contract", file);
    expect([res.status, res.body.error.code]).toEqual([status, code]);
    expect(await db().file.count({ where: { opportunityId: deal.id } })).toBe(0);
  });

  test("a file over the size limit is 413", async () => {
    process.env.MAX_UPLOAD_BYTES = "100";
    try {
      const deal = await createDeal(org.rep.token);
      const big = new Uint8Array(200).fill(0x41);
      big.set(PDF.subarray(0, 4));
      const res = await upload(org.rep.token, deal.id, "other", { name: "big.pdf", bytes: big });
      expect([res.status, res.body.error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    } finally {
      delete process.env.MAX_UPLOAD_BYTES;
    }
  });

  test("an unknown kind or a missing file part is 400", async () => {
    const deal = await createDeal(org.rep.token);
    expect((await upload(org.rep.token, deal.id, "invoice", { name: "a.pdf", bytes: PDF })).body.error.details.fields[0].field).toBe("kind");
    expect((await upload(org.rep.token, deal.id, "quote", null)).body.error.details.fields[0].field).toBe("file");
  });

  test("a JSON body is 415", async () => {
    const deal = await createDeal(org.rep.token);
    const res = await call(files.POST, { token: org.rep.token, params: { id: deal.id }, body: { kind: "quote" } });
    expect(res.status).toBe(415);
  });

  test("someone else's deal is 404 and nothing is stored", async () => {
    const deal = await createDeal(org.teammate.token);
    const before = fs.readdirSync(storage).length;
    const res = await upload(org.rep.token, deal.id, "quote", { name: "q.pdf", bytes: PDF });
    expect(res.status).toBe(404);
    expect(fs.readdirSync(storage).length).toBe(before);
  });
});
