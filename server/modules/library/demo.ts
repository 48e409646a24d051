import { sql } from 'kysely';
import { localDate } from '../../kernel/calendar/index.ts';
import { Rng } from '../../kernel/demo/random.ts';
import type { AppContext, Log } from '../../kernel/module.ts';
import { isbn13 } from './rules.ts';
import './tables.ts';

/**
 * The demo library at the bureau: 4,000 titles on 5,200 copies, and a year of 4,142 loans by the city
 * organs' staff — most returned, some open, a few overdue; popular titles are lent more often.
 */
const TITLES = 4000;
const COPIES = 5200;
const LOANS = 4142;

const SUBJECTS: readonly (readonly [string, string, readonly string[]])[] = [
  ['A', '马克思主义', ['经典著作选读', '基本原理', '中国化进程', '思想史']],
  ['B', '哲学', ['中国哲学史', '伦理学', '逻辑学', '心理学']],
  ['C', '社会科学', ['研究方法', '统计学', '社会学', '调查实务']],
  ['D', '政治 法律', ['公共管理', '行政法', '机关事务管理', '基层治理', '党内法规', '政府采购法']],
  ['F', '经济', ['宏观经济', '财政学', '城市经济', '数字经济', '公共财政预算']],
  ['G', '文化 教育', ['终身学习', '档案管理', '图书馆学', '新闻传播']],
  ['I', '文学', ['散文选', '小说', '诗词鉴赏', '江南文脉']],
  ['K', '历史 地理', ['中国通史', '常州地方志', '运河文化', '近现代史']],
  ['N', '自然科学', ['科学史', '科普读本', '气候与环境']],
  ['R', '医药卫生', ['健康生活', '中医养生', '急救常识']],
  ['T', '工业技术', ['公共建筑节能', '新能源汽车', '数据治理', '人工智能', '智慧城市']],
  ['X', '环境科学', ['碳达峰碳中和', '垃圾分类', '绿色办公']],
];
const FORMS = ['概论', '研究', '实务', '十讲', '读本', '案例选编', '导论', '新论', '手册', '前沿'];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红玲飞鹏辉建国志文斌宁';
const PUBLISHERS = [
  '人民出版社',
  '中国人民大学出版社',
  '商务印书馆',
  '中华书局',
  '江苏人民出版社',
  '南京大学出版社',
  '中信出版社',
  '社会科学文献出版社',
  '科学出版社',
  '机械工业出版社',
];

export async function seedLibrary(ctx: AppContext, log: Log): Promise<void> {
  const started = Date.now();
  const db = ctx.db;
  const bureau = await db
    .selectFrom('org_unit')
    .select(['id', 'jurisdiction_id'])
    .where('name', '=', '常州市机关事务管理局')
    .executeTakeFirst();
  if (!bureau) return;
  const rng = new Rng(0x11b7a7);

  const titles = Array.from({ length: TITLES }, (_, i) => {
    const [category, field, topics] = SUBJECTS[i % SUBJECTS.length]!;
    const topic = topics[Math.floor(i / SUBJECTS.length) % topics.length]!;
    const form = FORMS[Math.floor(i / (SUBJECTS.length * topics.length)) % FORMS.length]!;
    const edition = Math.floor(i / (SUBJECTS.length * 40));
    const author = `${SURNAMES[rng.int(0, SURNAMES.length - 1)]}${GIVEN[rng.int(0, GIVEN.length - 1)]}${rng.chance(0.5) ? GIVEN[rng.int(0, GIVEN.length - 1)] : ''}`;
    return {
      jurisdiction_id: bureau.jurisdiction_id,
      unit_id: bureau.id,
      isbn: isbn13(`9787${String(100_000_00 + i * 7919).slice(0, 8)}`),
      title: `${topic}${form}${edition > 0 ? `（第${edition + 1}版）` : ''}`,
      author: rng.chance(0.2) ? `${author} 等` : author,
      publisher: rng.pick(PUBLISHERS),
      published_year: rng.int(1998, 2026),
      category,
      location: `${field} ${category}-${String(Math.floor(i / 120) + 1).padStart(2, '0')} 架`,
      summary: null,
    };
  });
  const bookIds: string[] = [];
  for (let i = 0; i < titles.length; i += 1000) {
    const rows = await db
      .insertInto('library_book')
      .values(titles.slice(i, i + 1000))
      .returning('id')
      .execute();
    bookIds.push(...rows.map((r) => r.id));
  }
  // the first 1,200 titles (the popular ones) have a second copy
  const copies = Array.from({ length: COPIES }, (_, k) => ({
    book_id: bookIds[k < TITLES ? k : k - TITLES]!,
    barcode: `CZJG-${String(k + 1).padStart(6, '0')}`,
  }));
  const copyIds: string[] = [];
  for (let i = 0; i < copies.length; i += 2000) {
    const rows = await db
      .insertInto('library_copy')
      .values(copies.slice(i, i + 2000))
      .returning('id')
      .execute();
    copyIds.push(...rows.map((r) => r.id));
  }

  const readers = await db
    .selectFrom('org_person as p')
    .innerJoin('org_unit as u', 'u.id', 'p.unit_id')
    .innerJoin('org_jurisdiction as j', 'j.id', 'u.jurisdiction_id')
    .where('j.kind', '=', 'city')
    .where('u.kind', '=', 'organ')
    .where('p.status', '=', 'active')
    .select(['p.id', 'p.unit_id', 'p.jurisdiction_id'])
    .orderBy('p.employee_no')
    .execute();
  const staff = await db
    .selectFrom('auth_account as a')
    .innerJoin('org_person as p', 'p.id', 'a.person_id')
    .where('a.username', 'in', ['staff', 'staff2'])
    .select(['p.id', 'p.unit_id', 'p.jurisdiction_id'])
    .execute();

  // loans: per copy, a timeline walking back from today; popular copies (low numbers) more often
  const now = Date.now();
  const DAY = 86_400_000;
  const loans: {
    copy_id: string;
    book_id: string;
    person_id: string;
    jurisdiction_id: string;
    unit_id: string;
    borrowed_at: Date;
    due_date: string;
    returned_at: Date | null;
    renewals: number;
  }[] = [];
  const onLoan = new Set<number>();
  const lastStart = new Map<number, number>();
  for (let tries = 0; loans.length < LOANS && tries < LOANS * 20; tries++) {
    const copy = Math.floor(Math.pow(rng.next(), 2.2) * COPIES);
    const later = lastStart.get(copy);
    // the demo's own staff get the first loans, still open (one of them due within days)
    const forStaff = loans.length < staff.length * 2;
    const days = rng.int(6, 45);
    // a copy's latest loan starts anywhere in the year; earlier ones walk back from it
    const latest = forStaff ? ([4, 12, 20, 28][loans.length] ?? 4) : rng.int(1, 365);
    const open = later === undefined && (forStaff || (latest <= 40 && rng.chance(0.6)));
    const borrowed = later === undefined ? now - latest * DAY : later - (days + rng.int(1, 20)) * DAY;
    if (borrowed < now - 365 * DAY || (forStaff && !open)) continue;
    const reader = forStaff ? staff[loans.length % staff.length]! : rng.pick(readers);
    loans.push({
      copy_id: copyIds[copy]!,
      book_id: copies[copy]!.book_id,
      person_id: reader.id,
      jurisdiction_id: reader.jurisdiction_id,
      unit_id: reader.unit_id,
      borrowed_at: new Date(borrowed),
      due_date: localDate(new Date(borrowed + 30 * DAY), ctx.config.timeZone),
      returned_at: open ? null : new Date(Math.min(borrowed + days * DAY, now - DAY)),
      renewals: 0,
    });
    lastStart.set(copy, borrowed);
    if (open) onLoan.add(copy);
  }
  for (let i = 0; i < loans.length; i += 1000)
    await db
      .insertInto('library_loan')
      .values(loans.slice(i, i + 1000))
      .execute();
  if (onLoan.size > 0)
    await db
      .updateTable('library_copy')
      .set({ status: 'on_loan' })
      .where(
        'id',
        'in',
        [...onLoan].map((c) => copyIds[c]!),
      )
      .execute();
  const open = await db
    .selectFrom('library_loan')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('returned_at', 'is', null)
    .executeTakeFirstOrThrow();
  log(
    `library: ${TITLES} titles, ${COPIES} copies, ${loans.length} loans (${open.n} open) in ${Date.now() - started} ms`,
  );
}
