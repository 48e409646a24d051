import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { UnitSelect } from '../../shared/OrgSelects.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { canteenApi, type Point, type PointInput, type RouteRow, type Slot } from './api.ts';
import { m } from './messages.ts';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The canteen office's service points, with each point's dining slots and delivery routes. */
export function PointsPage() {
  const t = useT(m);
  const { can } = useSession();
  const writable = can('canteen.manage');
  const showError = useApiError();
  const { message } = App.useApp();
  const [points, setPoints] = useState<Point[]>([]);
  const [loading, setLoading] = useState(true);
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<Point | null>(null);
  const [form] = Form.useForm<PointInput>();

  const load = useCallback(() => {
    canteenApi
      .points()
      .then(setPoints, showError)
      .finally(() => setLoading(false));
  }, [showError]);
  useEffect(load, [load]);

  const addPoint = async () => {
    const v = await form.validateFields();
    try {
      await canteenApi.addPoint({ ...v, address: v.address || null, cutoff: v.cutoff || null });
      void message.success(t('saved'));
      setAdding(false);
      form.resetFields();
      load();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <>
      <PageHeader
        title={t('points')}
        extra={
          writable && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="point-add"
            >
              {t('addPoint')}
            </Button>
          )
        }
      />
      <Table<Point>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={points}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="points-table"
        columns={[
          { title: t('point'), dataIndex: 'name' },
          { title: t('unit'), dataIndex: 'unitName' },
          { title: t('address'), dataIndex: 'address', render: (v: string | null) => v ?? '—' },
          { title: t('cutoff'), dataIndex: 'cutoff', render: (v: string | null) => v ?? '—' },
          {
            title: t('status'),
            dataIndex: 'active',
            render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{t(a ? 'active' : 'inactive')}</Tag>,
          },
          {
            key: 'op',
            render: (_: unknown, p) => (
              <a onClick={() => setOpen(p)} data-testid="point-manage">
                {t('manage')}
              </a>
            ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('addPoint')}
        onCancel={() => setAdding(false)}
        onOk={() => void addPoint()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('point')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="unitId" label={t('unit')} rules={[{ required: true }]}>
            <UnitSelect />
          </Form.Item>
          <Form.Item name="address" label={t('address')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="cutoff"
            label={t('cutoff')}
            extra={t('cutoffHint')}
            rules={[{ pattern: HHMM, message: t('hhmm') }]}
          >
            <Input placeholder="10:30" style={{ width: 120 }} />
          </Form.Item>
        </Form>
      </Modal>
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
  const [slots, setSlots] = useState<Slot[]>([]);
  const [caps, setCaps] = useState<Record<string, number | null>>({});
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ starts: string; ends: string; capacity: number }>();
  const load = useCallback(() => {
    canteenApi.slots(point.id).then((s) => {
      setSlots(s);
      setCaps({});
    }, showError);
  }, [point.id, showError]);
  useEffect(load, [load]);

  const patch = async (id: string, p: { capacity?: number; active?: boolean }) => {
    try {
      await canteenApi.patchSlot(id, p);
      void message.success(t('saved'));
      load();
    } catch (e) {
      showError(e);
    }
  };
  const add = async () => {
    const v = await form.validateFields();
    try {
      await canteenApi.addSlot(point.id, v);
      setAdding(false);
      form.resetFields();
      load();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <Card
      size="small"
      title={t('slots')}
      extra={
        writable && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="slot-add">
            {t('addSlot')}
          </Button>
        )
      }
    >
      <Alert type="info" showIcon title={t('slotTimesFixed')} style={{ marginBottom: 8 }} />
      <Table<Slot>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={slots}
        scroll={{ x: 'max-content' }}
        data-testid="slots-table"
        columns={[
          { title: t('slot'), key: 'time', render: (_: unknown, s) => `${s.starts}–${s.ends}` },
          {
            title: t('capacity'),
            dataIndex: 'capacity',
            render: (c: number, s) =>
              writable ? (
                <Space.Compact>
                  <InputNumber
                    min={0}
                    max={10000}
                    value={caps[s.id] !== undefined ? caps[s.id] : c}
                    onChange={(v) => setCaps((x) => ({ ...x, [s.id]: v }))}
                    style={{ width: 90 }}
                  />
                  <Button
                    disabled={caps[s.id] === undefined || caps[s.id] === null || caps[s.id] === c}
                    onClick={() => void patch(s.id, { capacity: caps[s.id] ?? c })}
                  >
                    {t('saveCapacity')}
                  </Button>
                </Space.Compact>
              ) : (
                c
              ),
          },
          { title: t('bookedToday'), dataIndex: 'booked', align: 'right' },
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
                    <a onClick={() => void patch(s.id, { active: !s.active })}>
                      {t(s.active ? 'deactivate' : 'activate')}
                    </a>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={adding}
        title={t('addSlot')}
        onCancel={() => setAdding(false)}
        onOk={() => void add()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Space>
            <Form.Item
              name="starts"
              label={t('starts')}
              rules={[{ required: true, pattern: HHMM, message: t('hhmm') }]}
            >
              <Input placeholder="11:30" style={{ width: 110 }} />
            </Form.Item>
            <Form.Item
              name="ends"
              label={t('ends')}
              rules={[{ required: true, pattern: HHMM, message: t('hhmm') }]}
            >
              <Input placeholder="12:00" style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="capacity" label={t('capacity')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10000} style={{ width: 110 }} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}

function RoutesCard({ point, writable }: { point: Point; writable: boolean }) {
  const t = useT(m);
  const showError = useApiError();
  const [routes, setRoutes] = useState<RouteRow[]>([]);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ name: string; buildings: string[] }>();
  const load = useCallback(() => {
    canteenApi.routes(point.id).then(setRoutes, showError);
  }, [point.id, showError]);
  useEffect(load, [load]);

  const add = async () => {
    const v = await form.validateFields();
    try {
      await canteenApi.addRoute(point.id, v);
      setAdding(false);
      form.resetFields();
      load();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <Card
      size="small"
      title={t('routes')}
      extra={
        writable && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="route-add"
          >
            {t('addRoute')}
          </Button>
        )
      }
    >
      <Table<RouteRow>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={routes}
        data-testid="routes-table"
        columns={[
          { title: t('routeName'), dataIndex: 'name' },
          {
            title: t('buildings'),
            dataIndex: 'buildings',
            render: (b: string[]) => (
              <Space size={[4, 4]} wrap>
                {b.map((x) => (
                  <Tag key={x}>{x}</Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('addRoute')}
        onCancel={() => setAdding(false)}
        onOk={() => void add()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('routeName')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="buildings"
            label={t('buildings')}
            extra={t('buildingsHint')}
            rules={[{ required: true }]}
          >
            <Select mode="tags" open={false} tokenSeparators={[',', '，']} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
