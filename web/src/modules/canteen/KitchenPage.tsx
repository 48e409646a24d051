import { useEffect, useState } from 'react';
import {
  Card,
  Col,
  DatePicker,
  Empty,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtYuan, nowInZone } from '../../shared/format.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { canteenApi, type Kitchen, type Meal } from './api.ts';
import { usePointChoice } from './manage.tsx';
import { m } from './messages.ts';

/** The kitchen's view of a day: how many of each dish, how full each slot, what goes on each delivery route. */
export function KitchenPage() {
  const t = useT(m);
  const showError = useApiError();
  const { points, pointId, setPointId } = usePointChoice();
  const [params] = useSearchParams();
  const [day, setDay] = useState(() => params.get('day') ?? nowInZone().format('YYYY-MM-DD'));
  const [meal, setMeal] = useState<Meal>('lunch');
  const [data, setData] = useState<Kitchen | null>(null);

  useEffect(() => {
    if (!pointId) return;
    let live = true;
    canteenApi.kitchen(pointId, day, meal).then((k) => live && setData(k), showError);
    return () => {
      live = false;
    };
  }, [pointId, day, meal, showError]);

  return (
    <>
      <PageHeader
        title={t('kitchen')}
        extra={
          <Space wrap>
            <Select
              value={pointId}
              onChange={setPointId}
              style={{ minWidth: 200 }}
              options={points.map((p) => ({ value: p.id, label: p.name }))}
              data-testid="kitchen-point"
            />
            <DatePicker
              allowClear={false}
              value={dayjs(day)}
              onChange={(d) => d && setDay(d.format('YYYY-MM-DD'))}
              data-testid="kitchen-day"
            />
            <Select<Meal>
              value={meal}
              onChange={setMeal}
              style={{ width: 90 }}
              options={(['breakfast', 'lunch', 'dinner'] as const).map((x) => ({
                value: x,
                label: t(`meal_${x}`),
              }))}
            />
          </Space>
        }
      />
      {!data ? (
        <Empty />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('orders')} value={data.orders} data-testid="kitchen-orders" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('dine_in')} value={data.dineIn} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('kitchenDelivery')} value={data.delivery} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('amount')} value={fmtYuan(data.amount)} />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('dishes')}>
                <Table
                  size="small"
                  rowKey="dishId"
                  pagination={false}
                  dataSource={data.dishes}
                  data-testid="kitchen-dishes"
                  columns={[
                    { title: t('dish'), dataIndex: 'name' },
                    {
                      title: t('category'),
                      dataIndex: 'category',
                      render: (c: Kitchen['dishes'][number]['category']) => t(`cat_${c}`),
                    },
                    {
                      title: t('qty'),
                      dataIndex: 'qty',
                      align: 'right',
                      render: (v: number) => <strong>{v}</strong>,
                    },
                    { title: t('dine_in'), dataIndex: 'dineIn', align: 'right' },
                    { title: t('kitchenDelivery'), dataIndex: 'delivery', align: 'right' },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('slots')} style={{ marginBottom: 16 }}>
                {data.slots.map((s) => (
                  <div key={s.slotId} style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
                    <span style={{ width: 100 }}>
                      {s.starts}–{s.ends}
                    </span>
                    <Progress
                      style={{ flex: 1, margin: 0 }}
                      percent={s.capacity ? Math.round((s.booked / s.capacity) * 100) : 0}
                      format={() => `${s.booked}/${s.capacity}`}
                    />
                  </div>
                ))}
              </Card>
              <Card size="small" title={t('routes')}>
                <Table
                  size="small"
                  rowKey="routeId"
                  pagination={false}
                  dataSource={data.routes}
                  columns={[
                    {
                      title: t('route'),
                      dataIndex: 'name',
                      render: (name: string, r: Kitchen['routes'][number]) => (
                        <>
                          {name}{' '}
                          {!r.active && (
                            <Tooltip title={t('routeRetiredKitchen')}>
                              <Tag>{t('inactive')}</Tag>
                            </Tooltip>
                          )}
                        </>
                      ),
                    },
                    { title: t('orders'), dataIndex: 'orders', align: 'right' },
                    {
                      title: t('stops'),
                      dataIndex: 'stops',
                      render: (stops: Kitchen['routes'][number]['stops']) => <Stops stops={stops} />,
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </Space>
      )}
    </>
  );
}

/** A route's stops grouped by building: the building's total, then portions per floor. */
function Stops({ stops }: { stops: Kitchen['routes'][number]['stops'] }) {
  const byBuilding = new Map<string, { floor: number; orders: number }[]>();
  for (const s of stops) byBuilding.set(s.building, [...(byBuilding.get(s.building) ?? []), s]);
  return (
    <>
      {[...byBuilding.entries()].map(([b, floors]) => (
        <div key={b} style={{ fontSize: 12 }}>
          <strong>
            {b} ×{floors.reduce((n, f) => n + f.orders, 0)}
          </strong>{' '}
          <span style={{ color: 'rgba(0,0,0,0.45)' }}>
            {floors.map((f) => `${f.floor}F×${f.orders}`).join(' ')}
          </span>
        </div>
      ))}
    </>
  );
}
