import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '@essor/shared/applications';
import { rowsOf } from '../../api/src/lib/rows';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { createOpenProgramme, draftApplication, expectOk, signedInAccount } from '../support/intake';

let ctx: TestContext;
let staff: TestClient;
let holder: TestClient;
let otherHolder: TestClient;
let programmeId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await ctx.as('staff');
  holder = await ctx.as('project_holder');
  otherHolder = await signedInAccount(ctx, ['project_holder'], 'other');
  programmeId = (await createOpenProgramme(staff)).id;
});
afterAll(() => ctx.close());

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const upload = (filename: string, contentType: string, bytes: Buffer) => ({ filename, contentType, contentBase64: bytes.toString('base64') });

async function attachmentRows() {
  return Number(rowsOf<{ n: string }>(await ctx.database.db.execute(sql`select count(*) as n from application_attachments`))[0].n);
}

describe('attachments', () => {
  it('stores a PDF or PNG and gives the same bytes back to whoever may read the application', async () => {
    const id = await draftApplication(holder, programmeId);
    const pdf = await (await expectOk(holder.post(`/api/applications/${id}/attachments`, upload('statuts.pdf', 'application/pdf', PDF)))).json();
    expect(pdf).toMatchObject({ filename: 'statuts.pdf', contentType: 'application/pdf', sizeBytes: PDF.length });
    await expectOk(holder.post(`/api/applications/${id}/attachments`, upload('logo.png', 'image/png', PNG)));
    const detail = await (await holder.get(`/api/applications/${id}`)).json();
    expect(detail.attachments.map((a: { filename: string }) => a.filename)).toEqual(['statuts.pdf', 'logo.png']);
    for (const reader of [holder, staff]) {
      const res = await reader.get(`/api/applications/${id}/attachments/${pdf.id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    }
    expect((await otherHolder.get(`/api/applications/${id}/attachments/${pdf.id}`)).status).toBe(404);
  });

  it('refuses files that are too big, of the wrong type, or lying about their type; nothing is stored', async () => {
    const id = await draftApplication(holder, programmeId);
    const before = await attachmentRows();
    const tooBig = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(ATTACHMENT_MAX_BYTES, 0x20)]);
    const big = await holder.post(`/api/applications/${id}/attachments`, upload('gros.pdf', 'application/pdf', tooBig));
    expect(big.status).toBe(413);
    const exe = await holder.post(`/api/applications/${id}/attachments`, upload('virus.exe', 'application/x-msdownload', Buffer.from('MZ\x90\x00')));
    expect(exe.status).toBe(415);
    const html = await holder.post(`/api/applications/${id}/attachments`, upload('page.html', 'text/html', Buffer.from('<script>alert(1)</script>')));
    expect(html.status).toBe(415);
    const disguised = await holder.post(`/api/applications/${id}/attachments`, upload('faux.pdf', 'application/pdf', Buffer.from('<html>not a pdf</html>')));
    expect(disguised.status).toBe(415);
    const notBase64 = await holder.post(`/api/applications/${id}/attachments`, { filename: 'x.pdf', contentType: 'application/pdf', contentBase64: '%%%%not base64%%%%' });
    expect(notBase64.status).toBe(400);
    const path = await holder.post(`/api/applications/${id}/attachments`, upload('../../etc/passwd', 'application/pdf', PDF));
    expect(path.status).toBe(400);
    expect(await attachmentRows()).toBe(before);
  });

  it("keeps other holders from attaching to or removing from someone else's application", async () => {
    const id = await draftApplication(holder, programmeId);
    const file = await (await expectOk(holder.post(`/api/applications/${id}/attachments`, upload('budget.pdf', 'application/pdf', PDF)))).json();
    const before = await attachmentRows();
    expect((await otherHolder.post(`/api/applications/${id}/attachments`, upload('intrus.pdf', 'application/pdf', PDF))).status).toBe(404);
    expect((await otherHolder.delete(`/api/applications/${id}/attachments/${file.id}`)).status).toBe(404);
    expect(await attachmentRows()).toBe(before);
    expect((await holder.delete(`/api/applications/${id}/attachments/${file.id}`)).status).toBe(204);
    expect(await attachmentRows()).toBe(before - 1);
  });

  it('closes a submitted application to removals and a decided one to new files from the holder', async () => {
    const id = await draftApplication(holder, programmeId);
    const file = await (await expectOk(holder.post(`/api/applications/${id}/attachments`, upload('budget.pdf', 'application/pdf', PDF)))).json();
    await expectOk(holder.post(`/api/applications/${id}/moves`, { to: 'submitted' }));
    expect((await holder.delete(`/api/applications/${id}/attachments/${file.id}`)).status).toBe(409);
    await expectOk(holder.post(`/api/applications/${id}/moves`, { to: 'withdrawn', reason: 'Nous reportons le projet' }));
    expect((await holder.post(`/api/applications/${id}/attachments`, upload('tard.pdf', 'application/pdf', PDF))).status).toBe(409);
  });
});
