import { useEffect, useState } from 'react';
import { Card, Segmented, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { ItemList } from '../../shared/ItemList.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { repairsApi, type RepairRequest } from './api.ts';
import { m } from './messages.ts';
import { place, RepairStatusTag } from './parts.tsx';

/** The worker's phone page: open jobs first by deadline; each opens the step buttons. */
export function TasksPage() {
  const t = useT(m);
  const showError = useApiError();
  const [all, setAll] = useState(false);
  const [rows, setRows] = useState<RepairRequest[] | null>(null);
  useEffect(() => {
    repairsApi.tasks(all).then(setRows, showError);
  }, [all, showError]);
  return (
    <div style={{ maxWidth: 640 }}>
      <PageHeader title={t('tasks')} />
      <Segmented
        block
        value={all ? 'all' : 'open'}
        onChange={(v) => setAll(v === 'all')}
        options={[
          { value: 'open', label: t('st_open') },
          { value: 'all', label: t('all') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <ItemList
        loading={rows === null}
        items={rows}
        rowKey="id"
        size="bare"
        empty={t('noTasks')}
        renderItem={(r) => (
          <Card size="small" style={{ marginBottom: 10 }} data-testid="task-card">
            <Link to={`/repairs/tasks/${r.id}`} data-testid="task-open">
              <Typography.Text strong>{r.description}</Typography.Text>
            </Link>
            <div style={{ margin: '4px 0' }}>
              <RepairStatusTag r={r} />
            </div>
            <Typography.Text type="secondary">
              {place(r)} · {r.categoryName}
              <br />
              {t('dueAt')} {fmtDateTime(r.dueAt)} · {r.no}
            </Typography.Text>
          </Card>
        )}
      />
    </div>
  );
}
