import { demoUser } from '../demo/principal.ts';
import type { AppContext, Log } from '../module.ts';
import { createMatter, decideMatter } from './service.ts';
import { generalRequest } from './general.ts';

type Decision = { by: string; decision: 'approve' | 'reject' | 'return'; opinion: string };

/**
 * General requests in every state a user meets, so that a fresh demo's queues are not empty: a district
 * unit's request waiting for its district (或签), a large one the district passed on to the bureau, a city
 * organ's request at the bureau, one returned for changes, one approved, and one waiting for its unit's
 * co-sign (会签) before it goes up to the district.
 */
const REQUESTS: {
  by: string;
  title: string;
  body: string;
  amountFen?: number;
  coSign?: boolean;
  decisions: Decision[];
}[] = [
  {
    by: 'wujin_unit',
    title: '关于召开年度安全生产工作会议借用区行政中心报告厅的请示',
    body: '我单位拟于12月上旬召开年度安全生产工作会议，参会约120人，请批准借用区行政中心报告厅半天。',
    decisions: [],
  },
  {
    by: 'wujin_unit',
    title: '关于更换办公楼老旧电梯的请示',
    body: '我单位办公楼两部电梯已使用十八年，年检多次整改，拟整体更换，经询价预算38万元，请审批。',
    amountFen: 38_000_000,
    decisions: [{ by: 'wujin_admin', decision: 'approve', opinion: '情况属实，同意更换，报局审批。' }],
  },
  {
    by: 'staff',
    title: '关于购置会议室桌椅的请示',
    body: '三楼小会议室桌椅破损严重，拟购置会议桌1张、座椅12把，预算1.2万元，请审批。',
    amountFen: 1_200_000,
    decisions: [],
  },
  {
    by: 'staff',
    title: '关于调整办公用房的请示',
    body: '因新增内设机构，拟将四楼两间档案室调整为办公室使用，请审批。',
    decisions: [{ by: 'admin', decision: 'return', opinion: '请补充调整后的人均办公面积测算，再行报送。' }],
  },
  {
    by: 'wujin_staff',
    title: '关于申请办公电脑维修经费的请示',
    body: '科室两台电脑主板故障，维修费用共计1800元，请审批。',
    amountFen: 180_000,
    decisions: [{ by: 'wujin_admin', decision: 'approve', opinion: '同意。' }],
  },
  {
    by: 'wujin_staff',
    title: '关于调整内科夜间值班人员配置的请示',
    body: '因冬季呼吸道疾病高发，内科夜间急诊量明显增加，拟自12月起夜间值班由2人调整为3人，请院领导会签后报区局审批。',
    coSign: true,
    decisions: [],
  },
];

/** Seeds the demo's general requests through the workflow itself (its events, notifications and audit). */
export async function seedApprovalsDemo(ctx: AppContext, log: Log): Promise<void> {
  const users = new Map<string, Awaited<ReturnType<typeof demoUser>>>();
  const user = async (name: string) => {
    if (!users.has(name)) users.set(name, await demoUser(ctx.db, name));
    return users.get(name) ?? null;
  };
  let made = 0;
  for (const r of REQUESTS) {
    const requester = await user(r.by);
    if (!requester) continue;
    const payload = {
      body: r.body,
      ...(r.amountFen === undefined ? {} : { amountFen: r.amountFen }),
      ...(r.coSign ? { coSign: true } : {}),
    };
    const id = await createMatter(
      ctx.db,
      requester.p,
      { type: generalRequest.type, title: r.title, payload, submit: true },
      requester.actor,
    );
    for (const d of r.decisions) {
      const approver = await user(d.by);
      if (!approver) break;
      await decideMatter(
        ctx.db,
        approver.p,
        id,
        { decision: d.decision, opinion: d.opinion },
        approver.actor,
      );
    }
    made++;
  }
  log(`seeding demo city: approvals — ${made} general requests in the queues`);
}
