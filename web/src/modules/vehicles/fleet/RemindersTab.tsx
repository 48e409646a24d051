import { useState } from 'react';
import { Segmented, Space, Table, Tag } from 'antd';
import { SearchInput } from '../../../shared/SearchInput.tsx';
import { useT } from '../../../app/i18n.ts';
import type { Reminder } from './api.ts';
import { mf } from './messages.ts';
import { KIND_COLOUR } from './RecordsDrawer.tsx';

/** What falls due soon: vehicle records' next dates, drivers' licences and contracts (overdue first). */
export function RemindersTab({ rows }: { rows: Reminder[] }) {
  const t = useT(mf);
  const [q, setQ] = useState<string>();
  const [what, setWhat] = useState<'all' | 'vehicles' | 'drivers'>('all');
  const shown = rows.filter(
    (r) =>
      (!q || r.subject.includes(q.toUpperCase()) || r.subject.includes(q)) &&
      (what === 'all' || (what === 'drivers') === (r.kind === 'licence' || r.kind === 'contract')),
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchInput
          placeholder={t('searchSubject')}
          onSearch={setQ}
          style={{ width: 200 }}
          testId="veh-reminders-search"
        />
        <Segmented
          value={what}
          onChange={setWhat}
          options={[
            { value: 'all', label: t('remindAll') },
            { value: 'vehicles', label: t('remindVehicles') },
            { value: 'drivers', label: t('remindDrivers') },
          ]}
        />
      </Space>
      <Table<Reminder>
        rowKey={(r) => `${r.kind}-${r.subjectId}`}
        size="small"
        dataSource={shown}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: t('noReminders') }}
        data-testid="veh-reminders"
        columns={[
          {
            title: t('remindKind'),
            dataIndex: 'kind',
            render: (k: Reminder['kind']) => <Tag color={KIND_COLOUR[k]}>{t(`rm_${k}`)}</Tag>,
          },
          { title: t('subject'), dataIndex: 'subject' },
          { title: t('dueOn'), dataIndex: 'dueOn' },
          {
            title: t('daysLeft'),
            dataIndex: 'daysLeft',
            render: (n: number) =>
              n < 0 ? (
                <Tag color="red">{t('overdueDays', { n: -n })}</Tag>
              ) : (
                <span style={n <= 7 ? { color: '#d46b08' } : undefined}>{t('inDays', { n })}</span>
              ),
          },
        ]}
      />
    </>
  );
}
