import { useEffect, useState } from 'react';
import { Button, Card, DatePicker, Descriptions, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { nowInZone } from '../../shared/format.ts';
import type { Statement, Txn } from './api.ts';
import { m } from './messages.ts';
import { Money, TxnTable } from './parts.tsx';

/**
 * A month picker and the month's statement; `onExport` offers the Excel file when given, `onRefund`
 * a refund of each spend (resolving true once refunded, when the statement loads again).
 */
export function StatementView({
  load,
  onExport,
  onRefund,
}: {
  load: (month: string) => Promise<Statement>;
  onExport?: (month: string) => Promise<void>;
  onRefund?: (txn: Txn) => Promise<boolean>;
}) {
  const t = useT(m);
  const showError = useApiError();
  const [month, setMonth] = useState(() => nowInZone().format('YYYY-MM'));
  const [st, setSt] = useState<Statement | null>(null);
  const [doneKey, setDoneKey] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const loading = doneKey !== `${month}#${version}`;
  useEffect(() => {
    let live = true;
    load(month)
      .then((s) => live && setSt(s), showError)
      .finally(() => live && setDoneKey(`${month}#${version}`));
    return () => {
      live = false;
    };
  }, [load, month, version, showError]);
  const refund = onRefund && ((x: Txn) => void onRefund(x).then((done) => done && setVersion((v) => v + 1)));
  return (
    <Card
      size="small"
      title={t('statement')}
      extra={
        <Space wrap>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            data-testid="statement-month"
          />
          {onExport && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => onExport(month).catch(showError)}
              data-testid="statement-export"
            >
              {t('exportXlsx')}
            </Button>
          )}
        </Space>
      }
    >
      {st && (
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('opening')}>
            <Money fen={st.opening} />
          </Descriptions.Item>
          <Descriptions.Item label={t('closing')}>
            <Money fen={st.closing} />
          </Descriptions.Item>
          <Descriptions.Item label={t('k_topup')}>
            <Money fen={st.totals.topup ?? 0} signed />
          </Descriptions.Item>
          <Descriptions.Item label={t('k_spend')}>
            <Money fen={st.totals.spend ?? 0} signed />
          </Descriptions.Item>
          {/* refunds, adjustments and pay-outs when the month has any: opening + all = closing */}
          {(['refund', 'adjustment', 'withdrawal'] as const)
            .filter((k) => (st.totals[k] ?? 0) !== 0)
            .map((k) => (
              <Descriptions.Item key={k} label={t(`k_${k}`)}>
                <span data-testid={`statement-total-${k}`}>
                  <Money fen={st.totals[k] ?? 0} signed />
                </span>
              </Descriptions.Item>
            ))}
        </Descriptions>
      )}
      <TxnTable items={st ? [...st.items].reverse() : []} loading={loading} onRefund={refund} />
    </Card>
  );
}
