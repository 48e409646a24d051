import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  createTestApp,
  dbKinds,
  signIn,
  TestClient,
  type TestApp,
} from '../../kernel/testing/harness.ts';
import { buildAccount, buildPerson, buildUnit } from '../../kernel/testing/factories.ts';
import { multipart, type Part } from '../../kernel/testing/multipart.ts';

const WRITES = ['repair_request', 'repair_event', 'file_object', 'audit_log', 'notification'];
const LIMIT_BYTES = 64 * 1024;

const withMagic = (magic: number[] | string, size: number, at = 0) => {
  const b = crypto.randomBytes(size);
  (typeof magic === 'string' ? Buffer.from(magic, 'ascii') : Buffer.from(magic)).copy(b, at);
  return b;
};
const png = (size = 2000) => withMagic([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], size);
const jpeg = (size = 2000) => withMagic([0xff, 0xd8, 0xff, 0xe0], size);
const webp = (size = 2000) => {
  const b = withMagic('RIFF', size);
  Buffer.from('WEBP', 'ascii').copy(b, 8);
  return b;
};
const photo = (filename: string, type: string, data: Buffer): Part => ({
  name: 'photos',
  filename,
  type,
  data,
});

/** Every file under the store's root (temp files included): a refused report leaves none behind. */
function storedFiles(root: string): number {
  if (!fs.existsSync(root)) return 0;
  let n = 0;
  for (const e of fs.readdirSync(root, { withFileTypes: true, recursive: true })) if (e.isFile()) n++;
  return n;
}

describe.each(dbKinds)('public QR reports with photos on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let anon: TestClient;
  let token: string;
  let closedToken: string;
  let categoryId: string;
  const fields = (over: Record<string, string> = {}): Part[] =>
    Object.entries({
      name: '访客乙',
      phone: '13900001234',
      categoryId,
      description: '会议室空调漏水',
      ...over,
    }).map(([name, data]) => ({ name, data }));
  const send = (parts: Part[], tok = token, lang = 'zh-CN') => {
    const { payload, headers } = multipart(parts);
    return anon.request({
      method: 'POST',
      url: `/api/public/repairs/qr/${tok}/reports/with-photos`,
      payload,
      headers: { ...headers, 'accept-language': lang },
    });
  };
  const snapshot = async () => ({
    rows: await countRows(t.ctx, WRITES),
    files: storedFiles(t.ctx.config.filesDir),
  });

  beforeAll(async () => {
    t = await createTestApp(kind, {
      GOA_REPAIRS_PUBLIC_PER_MINUTE: '14',
      GOA_REPAIRS_PUBLIC_PHOTO_MAX_BYTES: String(LIMIT_BYTES),
    });
    const db = t.ctx.db;
    const unit = await buildUnit(db);
    const b = await db
      .insertInto('office_building')
      .values({
        code: `P${Date.now()}`,
        name: '市行政中心2号楼',
        jurisdiction_id: unit.jurisdiction_id,
        unit_id: unit.id,
        floors: 8,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const adm = await buildAccount(db, {
      personId: (await buildPerson(db, { unitId: unit.id })).id,
      grants: [{ role: 'unit_admin', scope: 'unit', unitId: unit.id }],
    });
    admin = await signIn(t.app, adm.username, adm.password);
    anon = new TestClient(t.app);
    const cats = (await admin.get('/api/repairs/categories')).body as { id: string; code: string }[];
    categoryId = cats.find((c) => c.code === 'hvac')!.id;
    token = (
      await admin.post('/api/repairs/qr', { buildingId: b.id, label: '2号楼5楼', floor: '5F', room: '502' })
    ).body.token;
    closedToken = (
      await admin.post('/api/repairs/qr', { buildingId: b.id, label: '机房', publicEnabled: false })
    ).body.token;
  });
  afterAll(() => t.close());

  it('takes a report with JPEG, PNG and WebP photos and shows them to the office', async () => {
    const before = await snapshot();
    const shot = jpeg();
    const ok = await send([
      ...fields(),
      photo('leak.jpg', 'image/jpeg', shot),
      photo('ceiling.png', 'image/png', png()),
      photo('wall.webp', 'image/webp', webp()),
    ]);
    expect(ok.status).toBe(201);
    expect(ok.body.photos).toBe(3);
    const after = await snapshot();
    expect(after.files - before.files).toBe(3);
    expect(after.rows.file_object! - before.rows.file_object!).toBe(3);
    expect(after.rows.repair_request! - before.rows.repair_request!).toBe(1);
    const list = await admin.get(`/api/repairs/requests?q=${ok.body.no}`);
    const detail = await admin.get(`/api/repairs/requests/${list.body.items[0].id}`);
    expect(
      detail.body.photos.map((p: { name: string; contentType: string }) => [p.name, p.contentType]),
    ).toEqual(
      expect.arrayContaining([
        ['leak.jpg', 'image/jpeg'],
        ['ceiling.png', 'image/png'],
        ['wall.webp', 'image/webp'],
      ]),
    );
    const first = detail.body.photos.find((p: { name: string }) => p.name === 'leak.jpg');
    const file = await admin.request({ method: 'GET', url: `/api/files/${first.id}` });
    expect(file.status).toBe(200);
    expect(Buffer.from(file.raw, 'binary').length).toBeGreaterThan(0);
  });

  it('refuses too many, too large, non-image and disguised files, bad fields and closed codes; writes nothing', async () => {
    const before = await snapshot();
    const cases: [Part[], number, string, string?][] = [
      [
        [...fields(), ...[1, 2, 3, 4].map((i) => photo(`${i}.png`, 'image/png', png()))],
        400,
        'too_many_photos',
      ],
      [[...fields(), photo('big.jpg', 'image/jpeg', jpeg(LIMIT_BYTES + 10))], 413, 'photo_too_large'],
      [
        [...fields(), photo('scan.pdf', 'application/pdf', withMagic('%PDF-1.7', 2000))],
        400,
        'photo_type_not_allowed',
      ],
      // the name and the declared type say PNG; the content does not
      [[...fields(), photo('fake.png', 'image/png', withMagic('MZ', 2000))], 400, 'photo_type_not_allowed'],
      [[...fields(), photo('empty.png', 'image/png', Buffer.alloc(0))], 400, 'photo_type_not_allowed'],
      [[...fields({ phone: '1234' }), photo('ok.png', 'image/png', png())], 400, 'mobile_invalid', 'phone'],
      [
        [...fields({ description: '' }), photo('ok.png', 'image/png', png())],
        400,
        'invalid_field',
        'description',
      ],
    ];
    for (const [parts, status, code, field] of cases) {
      const res = await send(parts);
      expect([res.status, res.body.error.code]).toEqual([status, code]);
      expect(res.body.error.details[0].field).toBe(field ?? 'photos');
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const en = await send(
      [...fields(), ...[1, 2, 3, 4].map((i) => photo(`${i}.png`, 'image/png', png()))],
      token,
      'en',
    );
    expect(en.body.error.message).toBe('A report takes at most 3 photos');
    const closed = await send([...fields(), photo('ok.png', 'image/png', png())], closedToken);
    expect(closed.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('rate-limits the public endpoint per client, like the other public endpoints', async () => {
    const before = await snapshot();
    let limited: Awaited<ReturnType<typeof send>> | undefined;
    for (let i = 0; i < 15 && !limited; i++) {
      const res = await send([...fields({ phone: '1234' })]);
      if (res.status === 429) limited = res;
    }
    expect(limited?.body.error.code).toBe('rate_limited');
    expect(await snapshot()).toEqual(before);
  });
});
