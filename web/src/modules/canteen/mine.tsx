import { useEffect, useState } from 'react';
import { Card } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { canteenApi, type MyOrder } from './api.ts';
import { m } from './messages.ts';
import { OrderList } from './OrderList.tsx';

/** "我的" page section: my recent meal orders. */
export function MineSection() {
  const t = useT(m);
  const showError = useApiError();
  const [orders, setOrders] = useState<MyOrder[] | null>(null);
  useEffect(() => {
    canteenApi.mine().then((r) => setOrders(r.orders.slice(0, 5)), showError);
  }, [showError]);
  return (
    <Card
      size="small"
      title={t('myOrders')}
      loading={orders === null}
      extra={<Link to="/canteen">{t('order')}</Link>}
      data-testid="mine-canteen"
    >
      <OrderList orders={orders ?? []} compact />
    </Card>
  );
}
