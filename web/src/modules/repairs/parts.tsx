import { useState } from 'react';
import { Select, Space, Tag } from 'antd';
import { useT } from '../../app/i18n.ts';
import { repairsApi, STATUS_COLORS, type RepairRequest } from './api.ts';
import { m } from './messages.ts';

export function RepairStatusTag({ r }: { r: Pick<RepairRequest, 'status' | 'overdue'> }) {
  const t = useT(m);
  return (
    <Space size={4}>
      <Tag color={STATUS_COLORS[r.status]} data-testid="repair-status">
        {t(`st_${r.status}`)}
      </Tag>
      {r.overdue && <Tag color="red">{t('overdue')}</Tag>}
    </Space>
  );
}

export const place = (r: Pick<RepairRequest, 'buildingName' | 'floor' | 'room'>) =>
  [r.buildingName, r.floor, r.room].filter(Boolean).join(' · ');

/** Picks a worker's account by name (server-side search): the assignee of a job or a contractor's worker. */
export function WorkerSelect({
  value,
  onChange,
  testId,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  testId?: string;
}) {
  const t = useT(m);
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  return (
    <Select
      allowClear
      value={value}
      onChange={onChange}
      showSearch={{
        filterOption: false,
        onSearch: (q) =>
          void repairsApi.workers(q).then((ws) =>
            setOptions(
              ws.map((w) => ({
                value: w.accountId,
                label: t('withNote', { a: w.name, b: [w.unitName, w.position].filter(Boolean).join(' · ') }),
              })),
            ),
          ),
      }}
      placeholder={t('workerSearch')}
      options={options}
      data-testid={testId}
    />
  );
}
