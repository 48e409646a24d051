import { useState } from 'react';
import { App, Button, Card, Input, Modal, Rate, Space, Tag, Typography } from 'antd';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtYuan } from '../../shared/format.ts';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { canteenApi, type MyOrder } from './api.ts';
import { m } from './messages.ts';

/** My orders with cancel (before the cut-off) and ratings (from the meal's day), offered as the server says. */
export function OrderList({
  orders,
  onChanged,
  compact,
}: {
  orders: MyOrder[];
  onChanged?: () => void;
  compact?: boolean;
}) {
  const t = useT(m);
  const phone = useIsPhone();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [rating, setRating] = useState<MyOrder | null>(null);
  const [stars, setStars] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');

  const cancel = (o: MyOrder) =>
    modal.confirm({
      title: t('cancel'),
      content: t('confirmCancel'),
      onOk: () =>
        canteenApi.cancel(o.id).then((r) => {
          void message.success(
            r.refunded > 0 ? t('cancelled', { amount: fmtYuan(r.refunded) }) : t('cancelledRefundedBefore'),
          );
          onChanged?.();
        }, showError),
    });

  const saveRating = async () => {
    if (!rating) return;
    const list = Object.entries(stars).map(([dishId, s]) => ({ dishId, stars: s, comment: comment || null }));
    if (list.length === 0) return setRating(null);
    try {
      await canteenApi.rate(rating.id, list);
      void message.success(t('rated'));
      setRating(null);
      onChanged?.();
    } catch (e) {
      showError(e);
    }
  };

  const buttons = (o: MyOrder) =>
    compact
      ? []
      : [
          o.canCancel && (
            <Button key="c" size="small" onClick={() => cancel(o)} data-testid="order-cancel">
              {t('cancel')}
            </Button>
          ),
          o.canRate && (
            <Button
              key="r"
              size="small"
              onClick={() => {
                setStars(
                  Object.fromEntries(o.items.filter((i) => i.stars).map((i) => [i.dishId, i.stars ?? 0])),
                );
                setComment('');
                setRating(o);
              }}
            >
              {t('rate')}
            </Button>
          ),
        ].filter(Boolean);
  const body = (
    <ItemList
      size="small"
      items={orders}
      rowKey="id"
      empty={t('noOrders')}
      renderItem={(o) => (
        <ItemRow
          testId="my-order"
          actions={phone ? undefined : buttons(o)}
          title={
            <Space wrap size={4}>
              <span>
                {o.day} {t(`meal_${o.meal}`)}
              </span>
              <Tag color={o.status === 'placed' ? 'green' : 'default'}>{t(`st_${o.status}`)}</Tag>
              <Typography.Text strong>¥{fmtYuan(o.total)}</Typography.Text>
              <Tag>
                {o.mode === 'dine_in'
                  ? `${t('dine_in')} ${o.slot ?? ''}`
                  : `${t('delivery')} ${o.building ?? ''}${o.floor ?? ''}F`}
              </Tag>
            </Space>
          }
          description={
            <>
              {`${o.pointName} · ${o.items.map((i) => `${i.name}×${i.qty}`).join('、')}`}
              {/* on a phone the buttons go under the order, so the text keeps the row's width */}
              {phone && buttons(o).length > 0 && (
                <div style={{ marginTop: 8 }}>
                  <Space>{buttons(o)}</Space>
                </div>
              )}
            </>
          }
        />
      )}
    />
  );
  return (
    <>
      {compact ? (
        body
      ) : (
        <Card size="small" title={t('myOrders')}>
          {body}
        </Card>
      )}
      <Modal
        open={rating !== null}
        title={t('rate')}
        onCancel={() => setRating(null)}
        onOk={() => void saveRating()}
        destroyOnHidden
      >
        {rating?.items.map((i) => (
          <div key={i.dishId} style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }}>
            <span>{i.name}</span>
            <Rate value={stars[i.dishId] ?? 0} onChange={(v) => setStars((s) => ({ ...s, [i.dishId]: v }))} />
          </div>
        ))}
        <Input.TextArea
          placeholder={t('comment')}
          maxLength={300}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </Modal>
    </>
  );
}
