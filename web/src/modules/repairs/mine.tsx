import { useEffect, useState } from 'react';
import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { fmtDate } from '../../shared/format.ts';
import { repairsApi, type RepairRequest } from './api.ts';
import { m } from './messages.ts';
import { RepairStatusTag } from './parts.tsx';

/** "我的" page: the caller's repair requests. */
export function MineSection() {
  const t = useT(m);
  const [rows, setRows] = useState<RepairRequest[] | null>(null);
  useEffect(() => {
    repairsApi.mine().then(setRows, () => setRows([]));
  }, []);
  return (
    <Card
      size="small"
      title={t('mineTitle')}
      extra={<Link to="/repairs/new">{t('report')}</Link>}
      data-testid="mine-repairs"
    >
      <ItemList<RepairRequest>
        size="small"
        loading={rows === null}
        items={(rows ?? []).slice(0, 5)}
        rowKey="id"
        empty={t('mineEmpty')}
        renderItem={(r) => (
          <ItemRow extra={<RepairStatusTag r={r} />}>
            <Link to={`/repairs/requests/${r.id}`}>{r.description}</Link>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {fmtDate(r.reportedAt)}
            </Typography.Text>
          </ItemRow>
        )}
      />
    </Card>
  );
}
