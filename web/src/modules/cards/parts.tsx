import { useEffect, useState } from 'react';
import { Button, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useT } from '../../app/i18n.ts';
import { fmtDateTime, fmtYuan } from '../../shared/format.ts';
import { useApiError } from '../../shared/feedback.ts';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { cardsApi, type AccountDetail, type AccountStatus, type Txn } from './api.ts';
import { m } from './messages.ts';

const STATUS_COLORS: Record<AccountStatus, string> = {
  active: 'green',
  frozen: 'blue',
  lost: 'orange',
  closed: 'default',
};

/** The signed-in person's card account: undefined while loading, null without a card. */
export function useMyAccount() {
  const showError = useApiError();
  const [account, setAccount] = useState<AccountDetail | null | undefined>(undefined);
  useEffect(() => {
    cardsApi.mine().then((r) => setAccount(r.account), showError);
  }, [showError]);
  return [account, setAccount] as const;
}

export function AccountStatusTag({ status }: { status: AccountStatus }) {
  const t = useT(m);
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="card-status">
      {t(`st_${status}`)}
    </Tag>
  );
}

export function Money({ fen, signed }: { fen: number; signed?: boolean }) {
  const color = signed ? (fen < 0 ? '#cf1322' : '#389e0d') : undefined;
  return (
    <span
      style={{ color, fontVariantNumeric: 'tabular-nums' }}
    >{`${signed && fen > 0 ? '+' : ''}${fmtYuan(fen)}`}</span>
  );
}

/** A spend's refund: a button for the card office (`onRefund`), a tag once refunded. */
function RefundCell({ txn, onRefund }: { txn: Txn; onRefund?: ((txn: Txn) => void) | undefined }) {
  const t = useT(m);
  if (txn.kind !== 'spend') return null;
  if (txn.refunded) return <Tag data-testid="txn-refunded">{t('refunded')}</Tag>;
  if (!onRefund) return null;
  return (
    <Button size="small" onClick={() => onRefund(txn)} data-testid="txn-refund">
      {t('refundAction')}
    </Button>
  );
}

/**
 * A list of transactions: a table on a desk, a compact list on a phone. Spends show whether they were
 * refunded, and offer a refund when `onRefund` is given (the card office).
 */
export function TxnTable({
  items,
  loading,
  onRefund,
}: {
  items: Txn[];
  loading?: boolean;
  onRefund?: ((txn: Txn) => void) | undefined;
}) {
  const t = useT(m);
  const isPhone = useIsPhone();
  if (isPhone) {
    return (
      <ItemList
        size="small"
        loading={loading}
        items={items}
        rowKey="id"
        renderItem={(x) => (
          <ItemRow
            extra={<Money fen={x.amount} signed />}
            actions={
              x.kind === 'spend' && (x.refunded || onRefund)
                ? [<RefundCell key="refund" txn={x} onRefund={onRefund} />]
                : undefined
            }
            title={`${t(`k_${x.kind}`)}${x.memo ? ` · ${x.memo}` : ''}`}
            description={`${fmtDateTime(x.occurredAt)} · ${t('balanceAfter')} ${fmtYuan(x.balanceAfter)}`}
          />
        )}
      />
    );
  }
  const columns: TableColumnsType<Txn> = [
    { title: t('time'), dataIndex: 'occurredAt', width: 150, render: (v: string) => fmtDateTime(v) },
    { title: t('kind'), dataIndex: 'kind', width: 90, render: (v: Txn['kind']) => t(`k_${v}`) },
    {
      title: t('amount'),
      dataIndex: 'amount',
      align: 'right',
      width: 110,
      render: (v: number) => <Money fen={v} signed />,
    },
    {
      title: t('balanceAfter'),
      dataIndex: 'balanceAfter',
      align: 'right',
      width: 110,
      render: (v: number) => <Money fen={v} />,
    },
    {
      title: t('memo'),
      dataIndex: 'memo',
      render: (v: string | null) => <Typography.Text type="secondary">{v}</Typography.Text>,
    },
    {
      key: 'refund',
      width: 90,
      align: 'right',
      render: (_: unknown, x: Txn) => <RefundCell txn={x} onRefund={onRefund} />,
    },
  ];
  return (
    <Table<Txn>
      size="small"
      rowKey="id"
      loading={loading}
      columns={columns}
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
    />
  );
}
