import { useCallback, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Drawer,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { UnitSelect } from '../../shared/OrgSelects.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { canteenApi, type Point, type PointInput, type Slot, type SlotInput } from './api.ts';
import { RoutesCard } from './RoutesCard.tsx';
import { AddButton, FormDialog, ListCard, useFormDialog, useLoaded } from './manage.tsx';
import { m } from './messages.ts';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const orNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** The canteen office's service points: open, edit, deactivate; each point's dining slots and delivery routes. */
export function PointsPage() {
  const t = useT(m);
  const { can, me } = useSession();
  const writable = can('canteen.manage');
  // the unit picker searches the organisation (org.read); a unit's canteen staff pick among their own units
  const orgReader = can('org.read');
  const points = useLoaded(canteenApi.points, [] as Point[]);
  const ownUnits = useMemo(
    () =>
      [
        ...new Set((me?.roles ?? []).flatMap((r) => (r.scopeKind === 'unit' && r.unitId ? [r.unitId] : []))),
      ].map((id) => ({
        value: id,
        label: points.data.find((p) => p.unitId === id)?.unitName ?? (id === me?.unitId ? t('ownUnit') : id),
      })),
    [me, points.data, t],
  );
  const showError = useApiError();
  const { message } = App.useApp();
  const [open, setOpen] = useState<Point | null>(null);
  const dialog = useFormDialog<PointInput, Point>(async (v, p) => {
    const fields = {
      name: v.name,
      location: orNull(v.location),
      address: orNull(v.address),
      cutoff: orNull(v.cutoff),
      delivery: v.delivery ?? true,
    };
    if (p) await canteenApi.updatePoint(p.id, fields);
    else await canteenApi.addPoint({ ...fields, unitId: v.unitId });
  }, points.reload);

  const setActive = async (p: Point, active: boolean) => {
    try {
      const res = await canteenApi.updatePoint(p.id, { active });
      void message.success(active ? t('saved') : t('pointDeactivated', { n: res.upcomingOrders }));
      points.reload();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <>
      <PageHeader
        title={t('points')}
        extra={
          writable && (
            <AddButton
              primary
              label={t('addPoint')}
              testId="point-add"
              onClick={() =>
                dialog.open(null, {
                  delivery: true,
                  ...(!orgReader && ownUnits.length === 1 ? { unitId: ownUnits[0]!.value } : {}),
                })
              }
            />
          )
        }
      />
      <Table<Point>
        rowKey="id"
        size="small"
        loading={points.loading}
        dataSource={points.data}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="points-table"
        columns={[
          { title: t('point'), dataIndex: 'name' },
          // on a phone the name, cut-off, state and actions fit; the rest is in the edit form
          { title: t('unit'), dataIndex: 'unitName', responsive: ['md'] },
          {
            title: t('location'),
            dataIndex: 'location',
            responsive: ['md'],
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('address'),
            dataIndex: 'address',
            responsive: ['lg'],
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('cutoff'),
            dataIndex: 'cutoff',
            render: (v: string | null) =>
              v ?? <Typography.Text type="secondary">{t('byDefault')}</Typography.Text>,
          },
          {
            title: t('deliveryService'),
            dataIndex: 'delivery',
            render: (d: boolean) => (
              <Tag color={d ? 'blue' : 'default'}>{t(d ? 'deliveryOn' : 'deliveryOff')}</Tag>
            ),
          },
          {
            title: t('status'),
            dataIndex: 'active',
            render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{t(a ? 'active' : 'inactive')}</Tag>,
          },
          {
            key: 'op',
            render: (_: unknown, p) => (
              <Space size="middle">
                {writable && (
                  <a
                    onClick={() => dialog.open(p, { ...p, cutoff: p.cutoff ?? undefined })}
                    data-testid="point-edit"
                  >
                    {t('edit')}
                  </a>
                )}
                <a onClick={() => setOpen(p)} data-testid="point-manage">
                  {t('manage')}
                </a>
                {writable &&
                  (p.active ? (
                    <Popconfirm title={t('confirmDeactivatePoint')} onConfirm={() => setActive(p, false)}>
                      <a data-testid="point-deactivate">{t('deactivate')}</a>
                    </Popconfirm>
                  ) : (
                    <a onClick={() => void setActive(p, true)} data-testid="point-activate">
                      {t('activate')}
                    </a>
                  ))}
              </Space>
            ),
          },
        ]}
      />
      <FormDialog
        dialog={dialog}
        title={dialog.ctx ? `${t('editPoint')} · ${dialog.ctx.name}` : t('addPoint')}
        testId="point-form"
      >
        <Form.Item name="name" label={t('point')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="point-name" />
        </Form.Item>
        {!dialog.ctx && (
          <Form.Item name="unitId" label={t('unit')} rules={[{ required: true }]}>
            {orgReader ? <UnitSelect /> : <Select options={ownUnits} data-testid="point-unit" />}
          </Form.Item>
        )}
        <Form.Item name="location" label={t('location')} extra={t('locationHint')} rules={[{ max: 100 }]}>
          <Input data-testid="point-location" />
        </Form.Item>
        <Form.Item name="address" label={t('address')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Space size="large" align="start">
          <Form.Item
            name="cutoff"
            label={t('cutoff')}
            extra={t('cutoffHint')}
            rules={[{ pattern: HHMM, message: t('hhmm') }]}
          >
            <Input placeholder="10:30" style={{ width: 120 }} data-testid="point-cutoff" />
          </Form.Item>
          <Form.Item name="delivery" label={t('deliveryService')} valuePropName="checked">
            <Switch data-testid="point-delivery" />
          </Form.Item>
        </Space>
      </FormDialog>
      <Drawer
        open={open !== null}
        title={open ? `${open.name} · ${t('manage')}` : ''}
        size="large"
        onClose={() => setOpen(null)}
        destroyOnHidden
      >
        {open && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <SlotsCard point={open} writable={writable} />
            <RoutesCard point={open} writable={writable} />
          </Space>
        )}
      </Drawer>
    </>
  );
}

function SlotsCard({ point, writable }: { point: Point; writable: boolean }) {
  const t = useT(m);
  const showError = useApiError();
  const { message } = App.useApp();
  const slots = useLoaded(
    useCallback(() => canteenApi.slots(point.id), [point.id]),
    [] as Slot[],
  );
  const dialog = useFormDialog<SlotInput, Slot>(
    (v, s) => (s ? canteenApi.patchSlot(s.id, v) : canteenApi.addSlot(point.id, v)),
    slots.reload,
  );
  const editing = dialog.ctx ?? null;
  const booked = editing?.maxBooked ?? 0;

  const setActive = async (s: Slot, active: boolean) => {
    try {
      await canteenApi.patchSlot(s.id, { active });
      void message.success(t('saved'));
      slots.reload();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <>
      <ListCard<Slot>
        title={t('slots')}
        add={
          writable && <AddButton label={t('addSlot')} testId="slot-add" onClick={() => dialog.open(null)} />
        }
        note={<Alert type="info" showIcon title={t('slotRules')} style={{ marginBottom: 8 }} />}
        rows={slots}
        testId="slots-table"
        columns={[
          { title: t('slot'), key: 'time', render: (_: unknown, s) => `${s.starts}–${s.ends}` },
          { title: t('capacity'), dataIndex: 'capacity', align: 'right' },
          { title: t('bookedToday'), dataIndex: 'booked', align: 'right' },
          { title: t('maxBooked'), dataIndex: 'maxBooked', align: 'right' },
          {
            title: t('status'),
            dataIndex: 'active',
            render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{t(a ? 'active' : 'inactive')}</Tag>,
          },
          ...(writable
            ? [
                {
                  key: 'op',
                  render: (_: unknown, s: Slot) => (
                    <Space size="middle">
                      <a onClick={() => dialog.open(s, s)} data-testid="slot-edit">
                        {t('edit')}
                      </a>
                      {s.active ? (
                        <Popconfirm title={t('confirmDeactivateSlot')} onConfirm={() => setActive(s, false)}>
                          <a data-testid="slot-deactivate">{t('deactivate')}</a>
                        </Popconfirm>
                      ) : (
                        <a onClick={() => void setActive(s, true)}>{t('activate')}</a>
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
        title={editing ? `${t('editSlot')} ${editing.starts}–${editing.ends}` : t('addSlot')}
        testId="slot-form"
      >
        {booked > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('slotBooked', { n: booked })}
            style={{ marginBottom: 12 }}
          />
        )}
        <Space align="start">
          {(['starts', 'ends'] as const).map((f) => (
            <Form.Item
              key={f}
              name={f}
              label={t(f)}
              rules={[{ required: true, pattern: HHMM, message: t('hhmm') }]}
            >
              <Input
                placeholder={f === 'starts' ? '11:30' : '12:00'}
                style={{ width: 110 }}
                disabled={booked > 0}
                data-testid={`slot-${f}`}
              />
            </Form.Item>
          ))}
          <Form.Item name="capacity" label={t('capacity')} rules={[{ required: true }]}>
            <InputNumber
              min={Math.max(1, booked)}
              max={10000}
              style={{ width: 110 }}
              data-testid="slot-capacity"
            />
          </Form.Item>
        </Space>
      </FormDialog>
    </>
  );
}
