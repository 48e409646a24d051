import { Card, Empty, Statistic } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { m } from './messages.ts';
import { AccountStatusTag, Money, useMyAccount } from './parts.tsx';

/** "我的" page section: my card balance and the last few transactions. */
export function MineSection() {
  const t = useT(m);
  const [account] = useMyAccount();
  return (
    <Card
      size="small"
      title={t('myCard')}
      loading={account === undefined}
      extra={<Link to="/cards">{t('viewAll')}</Link>}
      data-testid="mine-card"
    >
      {account ? (
        <>
          <Statistic
            title={t('balance')}
            value={account.balance / 100}
            precision={2}
            suffix={<AccountStatusTag status={account.status} />}
          />
          <ItemList
            size="small"
            items={account.recent.slice(0, 5)}
            rowKey="id"
            renderItem={(x) => (
              <ItemRow
                extra={<Money fen={x.amount} signed />}
                title={t(`k_${x.kind}`)}
                description={fmtDateTime(x.occurredAt)}
              />
            )}
          />
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noCard')} />
      )}
    </Card>
  );
}
