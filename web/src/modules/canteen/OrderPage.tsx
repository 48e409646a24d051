import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Image,
  Input,
  InputNumber,
  Radio,
  Rate,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime, fmtYuan } from '../../shared/format.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { CATEGORIES, canteenApi, photoUrl, type Mode, type Options } from './api.ts';
import { m } from './messages.ts';
import { OrderList } from './OrderList.tsx';

/** Ordering lunch, made for a phone: the day, the canteen, the dishes, dine-in slot or delivery, pay by card. */
export function OrderPage() {
  const t = useT(m);
  const { message } = App.useApp();
  const showError = useApiError();
  const [day, setDay] = useState<string | undefined>(undefined);
  const [opts, setOpts] = useState<Options | null>(null);
  const [pointId, setPointId] = useState<string | null>(null);
  const [qty, setQty] = useState<Record<string, number>>({});
  const [chosenMode, setMode] = useState<Mode>('dine_in');
  const [slotId, setSlotId] = useState<string | null>(null);
  const [building, setBuilding] = useState<string | null>(null);
  const [floor, setFloor] = useState<number | null>(null);
  const [room, setRoom] = useState('');
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    canteenApi.options(day).then((o) => {
      setOpts(o);
      setPointId((p) => (p && o.points.some((x) => x.id === p) ? p : (o.points[0]?.id ?? null)));
    }, showError);
  }, [day, tick, showError]);

  const point = opts?.points.find((p) => p.id === pointId) ?? null;
  // a canteen that does not deliver (or has no routes) takes dine-in orders only
  const delivers = !!point && point.delivery && point.routes.length > 0;
  const mode: Mode = delivers ? chosenMode : 'dine_in';
  const days = useMemo(() => {
    if (!opts) return [];
    // today up to the last day the server takes orders for (GOA_CANTEEN_ORDER_DAYS ahead)
    const n = dayjs(opts.lastDay).diff(dayjs(opts.today), 'day') + 1;
    return Array.from({ length: n }, (_, i) => dayjs(opts.today).add(i, 'day').format('YYYY-MM-DD'));
  }, [opts]);
  const total = point?.menu?.dishes.reduce((s, d) => s + (qty[d.dishId] ?? 0) * d.price, 0) ?? 0;
  const existing = opts?.mine.find((o) => o.day === opts.day && o.status === 'placed' && o.meal === 'lunch');

  const submit = async () => {
    if (!point || !opts) return;
    const items = Object.entries(qty)
      .filter(([, n]) => n > 0)
      .map(([dishId, n]) => ({ dishId, qty: n }));
    if (items.length === 0) return void message.warning(t('pickOne'));
    if (mode === 'dine_in' && !slotId) return void message.warning(t('pickSlot'));
    setBusy(true);
    try {
      const r = await canteenApi.order({
        pointId: point.id,
        day: opts.day,
        meal: 'lunch',
        mode,
        items,
        slotId: mode === 'dine_in' ? slotId : null,
        building: mode === 'delivery' ? building : null,
        floor: mode === 'delivery' ? floor : null,
        room: mode === 'delivery' ? room || null : null,
      });
      void message.success(t('ordered', { balance: fmtYuan(r.balanceAfter ?? 0) }));
      setQty({});
      setTick((n) => n + 1);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!opts) return <Spin />;
  const dayLabel = (d: string) =>
    d === opts.today
      ? t('today')
      : d === dayjs(opts.today).add(1, 'day').format('YYYY-MM-DD')
        ? t('tomorrow')
        : dayjs(d).format('M/D');

  return (
    <div style={{ maxWidth: 960 }}>
      <PageHeader title={t('order')} />
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <div style={{ overflowX: 'auto' }}>
          <Segmented
            value={opts.day}
            onChange={(v) => setDay(String(v))}
            options={days.map((d) => ({ value: d, label: dayLabel(d) }))}
            data-testid="order-day"
          />
        </div>
        {opts.points.length === 0 && <Empty description={t('noPoint')} />}
        {opts.points.length > 1 && (
          <Select
            value={pointId}
            onChange={setPointId}
            style={{ width: '100%' }}
            options={opts.points.map((p) => ({ value: p.id, label: p.name }))}
          />
        )}
        {point && (
          <Card
            size="small"
            data-testid="order-menu"
            data-day={opts.day}
            title={point.name}
            extra={
              point.open ? (
                <Tag color="blue">{t('closesAt', { time: fmtDateTime(point.closesAt) })}</Tag>
              ) : (
                <Tag>{t('closed')}</Tag>
              )
            }
          >
            {existing && (
              <Alert
                type="success"
                style={{ marginBottom: 12 }}
                title={`${t('st_placed')}: ${existing.items.map((i) => `${i.name}×${i.qty}`).join('、')}`}
              />
            )}
            {!point.menu ? (
              <Empty description={t('noMenu')} />
            ) : (
              <Row gutter={[12, 12]}>
                {[...point.menu.dishes]
                  .sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category))
                  .map((d) => (
                    <Col xs={24} sm={12} md={8} key={d.dishId}>
                      <Card
                        size="small"
                        styles={{ body: { display: 'flex', gap: 12, alignItems: 'center' } }}
                        data-testid="dish-card"
                      >
                        {d.photoFileId ? (
                          <Image
                            src={photoUrl(d.photoFileId)}
                            width={56}
                            height={56}
                            style={{ objectFit: 'cover', borderRadius: 6 }}
                          />
                        ) : (
                          <div
                            style={{
                              width: 56,
                              height: 56,
                              borderRadius: 6,
                              background: '#fff7e6',
                              color: '#d46b08',
                              display: 'grid',
                              placeItems: 'center',
                              fontSize: 22,
                            }}
                          >
                            {d.name.slice(0, 1)}
                          </div>
                        )}
                        <div style={{ flex: 1, minWidth: 0 }}>
                          <Typography.Text strong ellipsis>
                            {d.name}
                          </Typography.Text>
                          <div>
                            <Typography.Text type="danger">¥{fmtYuan(d.price)}</Typography.Text>{' '}
                            <Tag variant="filled">{t(`cat_${d.category}`)}</Tag>
                            {d.rating ? (
                              <Typography.Text type="secondary">★{d.rating}</Typography.Text>
                            ) : null}
                          </div>
                        </div>
                        <InputNumber
                          min={0}
                          max={10}
                          size="small"
                          style={{ width: 64 }}
                          value={qty[d.dishId] ?? 0}
                          disabled={!point.open}
                          onChange={(v) => setQty((q) => ({ ...q, [d.dishId]: v ?? 0 }))}
                          data-testid="dish-qty"
                        />
                      </Card>
                    </Col>
                  ))}
              </Row>
            )}
          </Card>
        )}
        {point?.menu && point.open && (
          <Card size="small" title={t('mode')}>
            <Radio.Group
              value={mode}
              onChange={(e) => setMode(e.target.value as Mode)}
              data-testid="order-mode"
            >
              <Radio.Button value="dine_in">{t('dine_in')}</Radio.Button>
              <Radio.Button value="delivery" disabled={!delivers}>
                {t('delivery')}
              </Radio.Button>
            </Radio.Group>
            <div style={{ marginTop: 12 }}>
              {mode === 'dine_in' ? (
                <Radio.Group
                  value={slotId}
                  onChange={(e) => setSlotId(e.target.value as string)}
                  data-testid="order-slot"
                >
                  <Space wrap>
                    {point.slots.map((s) => {
                      const left = s.capacity - s.booked;
                      return (
                        <Radio.Button key={s.id} value={s.id} disabled={left <= 0}>
                          {s.starts}–{s.ends}{' '}
                          <Typography.Text type="secondary">
                            {left > 0 ? t('left', { n: left }) : t('full')}
                          </Typography.Text>
                        </Radio.Button>
                      );
                    })}
                  </Space>
                </Radio.Group>
              ) : (
                <Space wrap>
                  <Select
                    placeholder={t('building')}
                    style={{ width: 140 }}
                    value={building}
                    onChange={setBuilding}
                    options={[...new Set(point.routes.flatMap((r) => r.buildings))].map((b) => ({
                      value: b,
                      label: b,
                    }))}
                    data-testid="order-building"
                  />
                  <InputNumber
                    placeholder={t('floor')}
                    min={-5}
                    max={200}
                    value={floor}
                    onChange={setFloor}
                    data-testid="order-floor"
                  />
                  <Input
                    placeholder={t('room')}
                    style={{ width: 120 }}
                    value={room}
                    onChange={(e) => setRoom(e.target.value)}
                    maxLength={20}
                  />
                </Space>
              )}
            </div>
          </Card>
        )}
        {point?.menu && point.open && (
          <div
            className="goa-page-header"
            style={{ position: 'sticky', bottom: 0, background: '#fff', padding: '12px 0', zIndex: 2 }}
          >
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="order-total">
              {t('total')} ¥{fmtYuan(total)}
            </Typography.Title>
            <Button
              type="primary"
              size="large"
              loading={busy}
              disabled={total === 0}
              onClick={() => void submit()}
              data-testid="order-submit"
            >
              {t('submit')}
            </Button>
          </div>
        )}
        <OrderList orders={opts.mine} onChanged={() => setTick((n) => n + 1)} />
      </Space>
    </div>
  );
}

export function Stars({ value }: { value: number }) {
  return <Rate disabled value={value} style={{ fontSize: 12 }} />;
}
