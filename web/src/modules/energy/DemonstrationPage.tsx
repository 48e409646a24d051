import { useEffect, useState } from 'react';
import { Card, Col, Row, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { QUOTA_COLOURS } from './charts.ts';
import { insightApi, lastMonth, num, pct, type Overview, type RankingRow } from './insight-api.ts';
import { mi } from './insight-messages.ts';
import { m } from './messages.ts';

/** 节约型机关与示范单位: the national and provincial demonstration units and how they perform. */
export function DemonstrationPage() {
  const t = useT(mi);
  const tm = useT(m);
  const showError = useApiError();
  const [o, setO] = useState<Overview | null>(null);
  const month = lastMonth();
  useEffect(() => {
    insightApi.overview({ month, demonstration: 'any' }).then(setO, showError);
  }, [month, showError]);
  const table = (level: 'national' | 'provincial') => {
    const rows = (o?.ranking ?? []).filter((r) => r.demonstration === level);
    return (
      <Card
        size="small"
        title={`${t(level)} · ${t('demoCount', { n: rows.length })}`}
        data-testid={`demo-${level}`}
      >
        <Table<RankingRow>
          rowKey="id"
          size="small"
          pagination={false}
          loading={!o}
          dataSource={rows}
          scroll={{ x: 560 }}
          columns={[
            {
              title: t('name'),
              dataIndex: 'name',
              render: (v: string, r) => <Link to={`/energy/institutions/${r.id}`}>{v}</Link>,
            },
            { title: t('jurisdiction'), dataIndex: 'jurisdictionName', width: 80 },
            {
              title: 'kgce/m²',
              dataIndex: 'perM2',
              align: 'right',
              width: 90,
              render: (v: number | null) => num(v, 3),
            },
            {
              title: t('yoy'),
              dataIndex: 'yoy',
              align: 'right',
              width: 80,
              render: (v: number | null) => pct(v, true),
            },
            {
              title: t('quota'),
              dataIndex: 'quotaColour',
              width: 90,
              render: (c: RankingRow['quotaColour']) => <Tag color={QUOTA_COLOURS[c]}>{t(`quota_${c}`)}</Tag>,
            },
          ]}
        />
      </Card>
    );
  };
  return (
    <>
      <PageHeader title={tm('demonstrationTitle')} sub={`${t('demoIntro')} · ${month}`} />
      <Row gutter={[12, 12]}>
        {/* side by side only where both tables fit without a horizontal scroll */}
        <Col xs={24} xxl={12}>
          {table('national')}
        </Col>
        <Col xs={24} xxl={12}>
          {table('provincial')}
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
        {t('perM2')}: kgce/m²
      </Typography.Text>
    </>
  );
}
