import { useCallback, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useT, type Translate } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { canteenApi, type Point, type RouteInput, type RouteRow, type RouteStop } from './api.ts';
import { AddButton, FormDialog, ListCard, useFormDialog, useLoaded } from './manage.tsx';
import { m } from './messages.ts';

type T = Translate<keyof (typeof m)['zh-CN']>;

/** How a stop reads: "3号楼" for the whole building, "3号楼 6–12F", "3号楼 ≥6F", "3号楼 ≤5F". */
export function stopLabel(s: RouteStop, t: T) {
  const { floorFrom: from, floorTo: to } = s;
  if (from === null && to === null) return s.building;
  if (from === null) return `${s.building} ${t('floorsUpTo', { to: to! })}`;
  if (to === null) return `${s.building} ${t('floorsFrom', { from })}`;
  return `${s.building} ${t('floorsBetween', { from, to })}`;
}

/**
 * A canteen's delivery routes: add, rename, change the stops (a building or a range of its floors),
 * retire or bring back, and put in the order the runners leave. A floor belongs to one active route;
 * orders already placed keep their route whatever changes (the list says how many ride each route).
 */
export function RoutesCard({ point, writable }: { point: Point; writable: boolean }) {
  const t = useT(m);
  const showError = useApiError();
  const { message } = App.useApp();
  const [moving, setMoving] = useState(false);
  const routes = useLoaded(
    useCallback(() => canteenApi.routes(point.id), [point.id]),
    [] as RouteRow[],
  );
  const dialog = useFormDialog<RouteInput, RouteRow>(async (v, r) => {
    const body = {
      name: v.name,
      stops: v.stops.map((s) => ({
        building: s.building,
        floorFrom: s.floorFrom ?? null,
        floorTo: s.floorTo ?? null,
      })),
    };
    if (r) await canteenApi.patchRoute(r.id, body);
    else await canteenApi.addRoute(point.id, body);
  }, routes.reload);

  const setActive = async (r: RouteRow, active: boolean) => {
    try {
      const res = await canteenApi.patchRoute(r.id, { active });
      void message.success(
        active || res.upcomingOrders === 0 ? t('saved') : t('routeRetired', { n: res.upcomingOrders }),
      );
      routes.reload();
    } catch (e) {
      showError(e);
    }
  };
  const move = async (i: number, by: -1 | 1) => {
    const ids = routes.data.map((r) => r.id);
    [ids[i], ids[i + by]] = [ids[i + by]!, ids[i]!];
    setMoving(true);
    try {
      await canteenApi.orderRoutes(point.id, ids);
      routes.reload();
    } catch (e) {
      showError(e);
    } finally {
      setMoving(false);
    }
  };
  const editing = dialog.ctx ?? null;
  const last = routes.data.length - 1;

  return (
    <>
      <ListCard<RouteRow>
        title={t('routes')}
        add={
          writable && (
            <AddButton
              label={t('addRoute')}
              testId="route-add"
              onClick={() => dialog.open(null, { stops: [{ building: '', floorFrom: null, floorTo: null }] })}
            />
          )
        }
        note={
          <>
            {!point.delivery && (
              <Alert type="warning" showIcon title={t('deliveryOffHint')} style={{ marginBottom: 8 }} />
            )}
            <Alert type="info" showIcon title={t('routeRules')} style={{ marginBottom: 8 }} />
          </>
        }
        rows={routes}
        testId="routes-table"
        columns={[
          ...(writable
            ? [
                {
                  key: 'sort',
                  width: 64,
                  render: (_: unknown, r: RouteRow, i: number) => (
                    <Space size={0}>
                      <Tooltip title={t('moveUp')}>
                        <Button
                          type="text"
                          size="small"
                          icon={<ArrowUpOutlined />}
                          disabled={i === 0 || moving}
                          onClick={() => void move(i, -1)}
                          aria-label={`${t('moveUp')} ${r.name}`}
                          data-testid="route-up"
                        />
                      </Tooltip>
                      <Tooltip title={t('moveDown')}>
                        <Button
                          type="text"
                          size="small"
                          icon={<ArrowDownOutlined />}
                          disabled={i === last || moving}
                          onClick={() => void move(i, 1)}
                          aria-label={`${t('moveDown')} ${r.name}`}
                          data-testid="route-down"
                        />
                      </Tooltip>
                    </Space>
                  ),
                },
              ]
            : []),
          {
            title: `${t('route')} / ${t('stops')}`,
            key: 'route',
            render: (_: unknown, r: RouteRow) => (
              <div style={{ maxWidth: 340 }}>
                <Typography.Text
                  strong={r.active}
                  type={r.active ? undefined : 'secondary'}
                  data-testid="route-name"
                >
                  {r.name}
                </Typography.Text>
                <Space size={[4, 4]} wrap style={{ display: 'flex', marginTop: 4 }}>
                  {r.stops.map((s) => (
                    <Tag key={`${s.building}:${s.floorFrom}:${s.floorTo}`} data-testid="route-stop">
                      {stopLabel(s, t)}
                    </Tag>
                  ))}
                </Space>
              </div>
            ),
          },
          {
            title: t('upcomingOrders'),
            dataIndex: 'upcomingOrders',
            align: 'right',
          },
          {
            title: t('status'),
            dataIndex: 'active',
            render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{t(a ? 'active' : 'inactive')}</Tag>,
          },
          ...(writable
            ? [
                {
                  key: 'op',
                  render: (_: unknown, r: RouteRow) => (
                    <Space size="middle">
                      <a
                        onClick={() => dialog.open(r, { name: r.name, stops: r.stops })}
                        data-testid="route-edit"
                      >
                        {t('edit')}
                      </a>
                      {r.active ? (
                        <Popconfirm
                          title={
                            r.upcomingOrders > 0
                              ? t('confirmRetireRoute', { n: r.upcomingOrders })
                              : t('confirmRetireRouteEmpty')
                          }
                          onConfirm={() => setActive(r, false)}
                        >
                          <a data-testid="route-deactivate">{t('deactivate')}</a>
                        </Popconfirm>
                      ) : (
                        <a onClick={() => void setActive(r, true)} data-testid="route-activate">
                          {t('activate')}
                        </a>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormDialog
        dialog={dialog}
        title={editing ? `${t('editRoute')} · ${editing.name}` : t('addRoute')}
        testId="route-form"
      >
        {editing && editing.upcomingOrders > 0 && (
          <Alert
            type="info"
            showIcon
            title={t('routeHasOrders', { n: editing.upcomingOrders })}
            style={{ marginBottom: 12 }}
          />
        )}
        <Form.Item name="name" label={t('routeName')} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input data-testid="route-name-input" />
        </Form.Item>
        <Typography.Text strong>{t('stops')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('stopsHint')}
        </Typography.Paragraph>
        <Form.List name="stops">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="start" data-testid="route-stop-row">
                  <Form.Item
                    name={[field.name, 'building']}
                    rules={[{ required: true, whitespace: true, max: 40, message: t('buildingRequired') }]}
                    style={{ marginBottom: 8, flex: 1, minWidth: 0 }}
                  >
                    <Input placeholder={t('building')} data-testid="stop-building" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'floorFrom']} style={{ marginBottom: 8 }}>
                    <InputNumber
                      min={-5}
                      max={200}
                      placeholder={t('floorFromPh')}
                      style={{ width: 88 }}
                      data-testid="stop-from"
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'floorTo']} style={{ marginBottom: 8 }}>
                    <InputNumber
                      min={-5}
                      max={200}
                      placeholder={t('floorToPh')}
                      style={{ width: 88 }}
                      data-testid="stop-to"
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(field.name)}
                    disabled={fields.length === 1}
                    aria-label={`${t('removeStop')} ${i + 1}`}
                    data-testid="stop-remove"
                  />
                </Flex>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ building: '', floorFrom: null, floorTo: null })}
                disabled={fields.length >= 100}
                data-testid="stop-add"
              >
                {t('addStop')}
              </Button>
            </>
          )}
        </Form.List>
      </FormDialog>
    </>
  );
}
