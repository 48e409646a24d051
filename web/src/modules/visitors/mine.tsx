import { useEffect, useState } from 'react';
import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { fmtDateTime } from '../../shared/format.ts';
import { visitorsApi, type Visit } from './api.ts';
import { m } from './messages.ts';
import { StatusTag } from './VisitsPage.tsx';

/** "我的" page: the caller's visitors as a host, recent and upcoming. */
export function MineSection() {
  const t = useT(m);
  const [rows, setRows] = useState<Visit[] | null>(null);
  useEffect(() => {
    visitorsApi.mine().then(setRows, () => setRows([]));
  }, []);
  return (
    <Card
      size="small"
      title={t('mineTitle')}
      extra={<Link to="/visitors/visits">{t('appointments')}</Link>}
      data-testid="mine-visitors"
    >
      <ItemList<Visit>
        size="small"
        loading={rows === null}
        items={(rows ?? []).slice(0, 5)}
        rowKey="id"
        empty={t('mineEmpty')}
        renderItem={(v) => (
          <ItemRow extra={<StatusTag v={v} />}>
            <Link to={`/visitors/visits/${v.id}`}>{v.visitorName}</Link>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {fmtDateTime(v.startsAt)}
            </Typography.Text>
          </ItemRow>
        )}
      />
    </Card>
  );
}
