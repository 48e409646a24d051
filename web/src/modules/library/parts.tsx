import { Button, Space, Tag, Typography } from 'antd';
import { useT, type Translate } from '../../app/i18n.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import type { Loan } from './api.ts';
import { m, type CategoryKey } from './messages.ts';

/** The name of a 中图法 class letter in the current language. */
export function categoryName(t: Translate<keyof (typeof m)['zh-CN']>, letter: string): string {
  const key = `cat${letter}` as CategoryKey;
  return key in m['zh-CN'] ? `${letter} ${t(key)}` : letter;
}

/** A loan's due date with an overdue / due-soon tag. */
export function DueTag({ loan }: { loan: Loan }) {
  const t = useT(m);
  if (loan.returnedAt) return <span>{loan.dueDate}</span>;
  return (
    <Space size={4}>
      <span>{loan.dueDate}</span>
      {loan.overdueDays > 0 ? (
        <Tag color="red">{t('overdue', { n: loan.overdueDays })}</Tag>
      ) : loan.daysLeft <= 3 ? (
        <Tag color="orange">{t('dueSoon')}</Tag>
      ) : null}
    </Space>
  );
}

/** My open loans, each with its due date and a renew button. */
export function LoanList({ loans, onRenew }: { loans: readonly Loan[]; onRenew?: (loan: Loan) => void }) {
  const t = useT(m);
  return (
    <ItemList
      items={loans}
      rowKey="id"
      empty={t('noLoans')}
      renderItem={(loan) => (
        <ItemRow
          testId={`loan-${loan.barcode}`}
          actions={
            onRenew
              ? [
                  <Button key="renew" size="small" disabled={!loan.canRenew} onClick={() => onRenew(loan)}>
                    {t('renew')}
                  </Button>,
                ]
              : []
          }
          title={`《${loan.title}》`}
          description={
            <Space size={12} wrap>
              <Typography.Text type="secondary">{loan.author}</Typography.Text>
              <span>
                {t('barcode')} {loan.barcode}
              </span>
              <span>
                {t('due')} <DueTag loan={loan} />
              </span>
            </Space>
          }
        />
      )}
    />
  );
}
