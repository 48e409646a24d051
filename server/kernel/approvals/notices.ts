import type { NotificationInput } from '../notify/service.ts';
import type { MatterTypeDef } from './registry.ts';
import type { MatterStatus } from './workflow.ts';

interface MatterBrief {
  id: string;
  title: string;
}

/** Where the web app shows a matter. */
export const matterLink = (id: string) => `/approvals/matters/${id}`;

/** To approvers: a new task (待审批), or a matter withdrawn while their task was open. */
export function matterNotice(
  kind: 'task' | 'withdrawn',
  def: MatterTypeDef,
  m: MatterBrief,
): NotificationInput {
  const title =
    kind === 'task'
      ? { 'zh-CN': `待审批：${def.label['zh-CN']}`, en: `To approve: ${def.label.en}` }
      : { 'zh-CN': `已撤回：${def.label['zh-CN']}`, en: `Withdrawn: ${def.label.en}` };
  return { kind: `approvals.${kind}`, title, body: m.title, link: matterLink(m.id) };
}

const OUTCOME_TITLES: Partial<Record<MatterStatus, { 'zh-CN': string; en: string }>> = {
  approved: { 'zh-CN': '审批通过', en: 'Approved' },
  rejected: { 'zh-CN': '审批驳回', en: 'Rejected' },
  returned: { 'zh-CN': '退回修改', en: 'Returned for changes' },
};

/** To the requester: how their matter ended (or that it came back for changes), with the opinion. */
export function outcomeNotice(
  status: MatterStatus,
  def: MatterTypeDef,
  m: MatterBrief,
  opinion: string | null,
): NotificationInput {
  const head = OUTCOME_TITLES[status] ?? { 'zh-CN': status, en: status };
  return {
    kind: `approvals.${status}`,
    title: { 'zh-CN': `${head['zh-CN']}:${def.label['zh-CN']}`, en: `${head.en}: ${def.label.en}` },
    body: opinion ? `${m.title} — ${opinion}` : m.title,
    link: matterLink(m.id),
  };
}
