import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../db/tx.ts';
import { buildAccount } from '../testing/factories.ts';
import {
  countRows,
  createTestApp,
  dbKinds,
  signIn,
  type TestApp,
  type TestClient,
} from '../testing/harness.ts';
import { attachFiles, readFileStream, registerFileAccess } from './index.ts';
import { multipart, type Part } from '../testing/multipart.ts';

const png = (size: number) => {
  const b = crypto.randomBytes(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
  return b;
};

function upload(c: TestClient, parts: Part[]) {
  const { payload, headers } = multipart(parts);
  return c.request({ method: 'POST', url: '/api/files', payload, headers });
}

const filePart = (filename: string, type: string, data: Buffer | string): Part => ({
  name: 'file',
  filename,
  type,
  data,
});

/** Every regular file under the files directory (temp files included). */
function filesOnDisk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

describe.each(dbKinds)('files on %s', (kind) => {
  let t: TestApp;
  let alice: TestClient;
  let bob: TestClient;
  let aliceAccount: Awaited<ReturnType<typeof buildAccount>>;
  const tables = ['file_object', 'audit_log'];
  const nothingWritten = async (before: Record<string, number>, disk: string[]) => {
    expect(await countRows(t.ctx, tables)).toEqual(before);
    expect(filesOnDisk(t.ctx.config.filesDir)).toEqual(disk);
  };

  beforeAll(async () => {
    // 2 MB: above the 1 MB JSON body limit, to show uploads are bounded by the file limit only
    t = await createTestApp(kind, { GOA_FILE_MAX_BYTES: String(2 * 1_048_576) });
    aliceAccount = await buildAccount(t.ctx.db, { grants: [{ role: 'staff', scope: 'self' }] });
    const b = await buildAccount(t.ctx.db, { grants: [{ role: 'bureau_admin', scope: 'city' }] });
    alice = await signIn(t.app, aliceAccount.username, aliceAccount.password);
    bob = await signIn(t.app, b.username, b.password);
  });
  afterAll(() => t.close());

  it('uploads and downloads a file with a Chinese name, audited and stored by a sharded key', async () => {
    const data = png(1_500_000);
    const res = await upload(alice, [filePart('会议纪要(终稿).png', 'image/png', data)]);
    expect(res.status).toBe(201);
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: '会议纪要(终稿).png',
      contentType: 'image/png',
      sizeBytes: 1_500_000,
      sha256,
      createdAt: expect.any(String),
    });
    const row = await t.ctx.db
      .selectFrom('file_object')
      .selectAll()
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    const person = await t.ctx.db
      .selectFrom('org_person')
      .selectAll()
      .where('id', '=', aliceAccount.person_id!)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ uploaded_by: aliceAccount.id, unit_id: person.unit_id, owner_entity: null });
    expect(row.jurisdiction_id).toBe(person.jurisdiction_id);
    const k = row.storage_key;
    expect(filesOnDisk(t.ctx.config.filesDir)).toContain(
      path.join(t.ctx.config.filesDir, k.slice(0, 2), k.slice(2, 4), k),
    );
    expect(filesOnDisk(t.ctx.config.filesDir).some((f) => f.endsWith('.part'))).toBe(false);

    const dl = await t.app.inject({
      method: 'GET',
      url: `/api/files/${res.body.id}`,
      headers: { authorization: `Bearer ${alice.token}` },
    });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="____(__).png"; filename*=UTF-8''` +
        encodeURIComponent('会议纪要(终稿).png').replace(
          /[()]/g,
          (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
        ),
    );
    expect(crypto.createHash('sha256').update(dl.rawPayload).digest('hex')).toBe(sha256);
    const again = await alice.request({
      method: 'GET',
      url: `/api/files/${res.body.id}`,
      headers: { 'if-none-match': `"${sha256}"` },
    });
    expect(again.status).toBe(304);

    const meta = await alice.get(`/api/files/${res.body.id}/meta`);
    expect(meta.body).toMatchObject({
      name: '会议纪要(终稿).png',
      uploadedBy: aliceAccount.id,
      ownerEntity: null,
    });
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'files.file')
      .where('entity_id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    expect(log).toMatchObject({
      action: 'upload',
      actor_account_id: aliceAccount.id,
      unit_id: person.unit_id,
    });
  });

  it('refuses a file over the limit with 413 and writes nothing, on disk or in the database', async () => {
    const before = await countRows(t.ctx, tables);
    const disk = filesOnDisk(t.ctx.config.filesDir);
    const res = await upload(alice, [filePart('大文件.png', 'image/png', png(2 * 1_048_576 + 10))]);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('file_too_large');
    expect(res.body.error.details[0]).toMatchObject({ field: 'file', maxBytes: 2 * 1_048_576 });
    await nothingWritten(before, disk);
  });

  it('refuses types off the allow-list and renamed executables, writing nothing', async () => {
    const before = await countRows(t.ctx, tables);
    const disk = filesOnDisk(t.ctx.config.filesDir);
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), crypto.randomBytes(500)]);
    const cases: [Part, string][] = [
      [filePart('setup.exe', 'application/x-msdownload', exe), 'declared'],
      [filePart('报告.pdf', 'application/pdf', exe), 'content'],
      [filePart('图片.png', 'image/png', Buffer.from('%PDF-1.7 not a png')), 'content'],
      [filePart('setup.exe', 'image/png', png(100)), 'extension'],
    ];
    for (const [part, reason] of cases) {
      const res = await upload(alice, [part]);
      expect(res.status, part.filename).toBe(400);
      expect(res.body.error.code).toBe('file_type_not_allowed');
      expect(res.body.error.details[0]).toMatchObject({ field: 'file', reason });
    }
    const en = await new (alice.constructor as typeof TestClient)(t.app, alice.token, 'en').request({
      method: 'POST',
      url: '/api/files',
      ...multipart([filePart('a.pdf', 'application/pdf', exe)]),
    });
    expect(en.body.error.message).toMatch(/does not match/);
    await nothingWritten(before, disk);
  });

  it('refuses malformed uploads: no file, extra fields, two files, not multipart, empty', async () => {
    const before = await countRows(t.ctx, tables);
    const disk = filesOnDisk(t.ctx.config.filesDir);
    const noFile = await upload(alice, [{ name: 'note', data: 'x' }]);
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.code).toBe('unexpected_field');
    const owner = await upload(alice, [
      filePart('a.png', 'image/png', png(100)),
      { name: 'ownerEntity', data: 'approvals.matter' },
    ]);
    expect(owner.status).toBe(400);
    expect(owner.body.error.details[0].field).toBe('ownerEntity');
    const two = await upload(alice, [
      filePart('a.png', 'image/png', png(100)),
      filePart('b.png', 'image/png', png(100)),
    ]);
    expect(two.status).toBe(400);
    expect(two.body.error.code).toBe('too_many_parts');
    const json = await alice.post('/api/files', { file: 'x' });
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('multipart_required');
    const nothing = await upload(alice, []);
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.code).toBe('file_required');
    const empty = await upload(alice, [filePart('a.txt', 'text/plain', '')]);
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('file_empty');
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/files',
      ...multipart([filePart('a.png', 'image/png', png(10))]),
    });
    expect(anonymous.statusCode).toBe(401);
    await nothingWritten(before, disk);
  });

  it("answers 403 for another user's file and 404 for an unknown one", async () => {
    const up = await upload(alice, [filePart('私人.pdf', 'application/pdf', '%PDF-1.4 私人')]);
    expect(up.status).toBe(201);
    // even a bureau admin reads only what is theirs or what an owner's rule admits
    expect((await bob.get(`/api/files/${up.body.id}`)).status).toBe(403);
    const meta = await bob.get(`/api/files/${up.body.id}/meta`);
    expect(meta.status).toBe(403);
    expect(meta.body.error.code).toBe('forbidden');
    const unknown = await alice.get(`/api/files/${crypto.randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const malformed = await alice.get('/api/files/not-a-uuid/meta');
    expect(malformed.status).toBe(400);
  });

  it('attaches files to an owner whose registered rule lets others read them', async () => {
    registerFileAccess(
      'test.owner',
      (_db, ownerId, principal) => ownerId === `open-for-${principal.username}`,
    );
    const bobAccount = await t.ctx.db
      .selectFrom('auth_account')
      .select(['id', 'username'])
      .where('id', '!=', aliceAccount.id)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const a = await upload(alice, [filePart('附件一.txt', 'text/plain', '第一份')]);
    const b = await upload(alice, [filePart('附件二.txt', 'text/plain', '第二份')]);
    const foreign = await upload(bob, [filePart('别人的.txt', 'text/plain', '不是你的')]);
    const ownerId = `open-for-${bobAccount.username}`;

    // someone else's file, or an unknown id, fails the whole attach and its transaction
    const before = await countRows(t.ctx, tables);
    await expect(
      inTransaction(t.ctx.db, (tx) =>
        attachFiles(tx, [a.body.id, foreign.body.id], 'test.owner', ownerId, aliceAccount.id),
      ),
    ).rejects.toMatchObject({
      code: 'file_not_attachable',
      details: [{ field: 'fileIds', id: foreign.body.id }],
    });
    expect(await countRows(t.ctx, tables)).toEqual(before);
    expect((await bob.get(`/api/files/${a.body.id}`)).status).toBe(403);

    const attached = await inTransaction(t.ctx.db, (tx) =>
      attachFiles(tx, [a.body.id, b.body.id, a.body.id], 'test.owner', ownerId, aliceAccount.id),
    );
    expect(attached.map((f) => f.name).sort()).toEqual(['附件一.txt', '附件二.txt']);
    const dl = await bob.get(`/api/files/${a.body.id}`);
    expect(dl.status).toBe(200);
    expect(dl.raw).toBe('第一份');
    expect((await bob.get(`/api/files/${b.body.id}/meta`)).body).toMatchObject({
      ownerEntity: 'test.owner',
      ownerId,
    });
    // attached once: a second attach (to anything) is refused
    await expect(
      inTransaction(t.ctx.db, (tx) => attachFiles(tx, [b.body.id], 'test.owner', 'other', aliceAccount.id)),
    ).rejects.toMatchObject({ code: 'file_not_attachable' });
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label', 'after'])
      .where('entity_id', '=', a.body.id)
      .orderBy('id')
      .execute();
    expect(log.map((l) => l.action)).toEqual(['upload', 'attach']);
    expect(log[1]).toMatchObject({
      actor_label: aliceAccount.username,
      after: { ownerEntity: 'test.owner', ownerId },
    });

    const { file, stream } = await readFileStream(t.ctx, b.body.id);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(file.name).toBe('附件二.txt');
    expect(Buffer.concat(chunks).toString('utf8')).toBe('第二份');
  });
});
