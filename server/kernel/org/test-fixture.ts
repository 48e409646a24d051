import ExcelJS from 'exceljs';
import { buildAccount, buildJurisdiction, buildPerson, buildUnit } from '../testing/factories.ts';
import { signIn, type TestApp, type TestClient } from '../testing/harness.ts';

/**
 * A small city for the organisation tests: two districts (A and B) with two units each, and one
 * signed-in client per role: the bureau admin (city), A's district admin, the admin of unit a1,
 * a staff member of a1 (self scope) and an auditor (city, read-only).
 */
export async function orgCity(t: TestApp) {
  const db = t.ctx.db;
  const jA = await buildJurisdiction(db, { name: `甲区${Math.random().toString(36).slice(2, 6)}` });
  const jB = await buildJurisdiction(db, { name: `乙区${Math.random().toString(36).slice(2, 6)}` });
  const a1 = await buildUnit(db, { jurisdictionId: jA.id, name: '甲区财政局' });
  const a2 = await buildUnit(db, { jurisdictionId: jA.id, name: '甲区教育局' });
  const b1 = await buildUnit(db, { jurisdictionId: jB.id, name: '乙区财政局' });
  const b2 = await buildUnit(db, { jurisdictionId: jB.id, name: '乙区卫健委' });
  const staffPerson = await buildPerson(db, { unitId: a1.id, name: '王芳' });
  const client = async (grants: Parameters<typeof buildAccount>[1]) => {
    const acc = await buildAccount(db, grants);
    return signIn(t.app, acc.username, acc.password);
  };
  const bureau = await client({ personId: null, grants: [{ role: 'bureau_admin', scope: 'city' }] });
  const districtA = await client({
    personId: null,
    grants: [{ role: 'district_admin', scope: 'jurisdiction', jurisdictionId: jA.id }],
  });
  const unitA1 = await client({
    personId: null,
    grants: [{ role: 'unit_admin', scope: 'unit', unitId: a1.id }],
  });
  const staff = await client({ personId: staffPerson.id, grants: [{ role: 'staff', scope: 'self' }] });
  const auditor = await client({ personId: null, grants: [{ role: 'auditor', scope: 'city' }] });
  return { jA, jB, a1, a2, b1, b2, staffPerson, bureau, districtA, unitA1, staff, auditor };
}
export type OrgCity = Awaited<ReturnType<typeof orgCity>>;

/** An .xlsx workbook of one sheet: a header row and data rows. */
export async function xlsx(headers: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads an .xlsx response body back into header names and rows of cell text. */
export async function readXlsx(
  data: Buffer,
  sheetIndex = 0,
): Promise<{ headers: string[]; rows: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.worksheets[sheetIndex]!;
  const all: string[][] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const v = row.getCell(c).value;
      cells.push(v === null || v === undefined ? '' : String(v));
    }
    all.push(cells);
  });
  return { headers: all[0] ?? [], rows: all.slice(1) };
}

/** POSTs a file as multipart/form-data (field `file`). */
export async function upload(
  client: TestClient,
  url: string,
  data: Buffer,
  field = 'file',
  filename = 'import.xlsx',
) {
  const boundary = `----goa${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
        `Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

/** The raw bytes of a GET response (for .xlsx downloads). */
export async function download(client: TestClient, url: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${client.token}` };
  const res = await client.app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, headers: res.headers, data: res.rawPayload };
}
