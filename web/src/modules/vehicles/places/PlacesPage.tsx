import { useEffect, useState } from 'react';
import {
  App,
  Button,
  Drawer,
  Empty,
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
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../app/i18n.ts';
import { useSession } from '../../../app/session.tsx';
import { useApiError } from '../../../shared/feedback.ts';
import { JurisdictionSelect, useJurisdictions } from '../../../shared/OrgSelects.tsx';
import { PageHeader } from '../../../shared/Page.tsx';
import { PLACE_KINDS, placeApi, type PlaceBody, type PlaceRow } from './api.ts';
import { mp } from './messages.ts';
import './places.css';

/** Add or change one place; coordinates checked here and by the server (its field errors shown). */
function PlaceDrawer({
  place,
  open,
  onClose,
  onSaved,
}: {
  place: PlaceRow | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT(mp);
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<PlaceBody>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(place ?? { kind: 'other', active: true });
  }, [open, place, form]);

  const save = async (v: PlaceBody) => {
    setBusy(true);
    try {
      const body = { ...v, address: v.address || null, jurisdictionId: v.jurisdictionId ?? null };
      if (place) await placeApi.update(place.id, body);
      else await placeApi.create(body);
      message.success(t('saved'));
      onSaved();
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={place ? t('edit') : t('add')}
      size={420}
      destroyOnHidden
      data-testid="veh-place-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="veh-place-save">
            {t('save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="veh-place-form">
        <Form.Item
          name="name"
          label={t('name')}
          rules={[{ required: true, whitespace: true, message: t('nameRequired') }]}
        >
          <Input maxLength={60} data-testid="veh-place-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('kind')}>
          <Select
            options={PLACE_KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }))}
            data-testid="veh-place-kind"
          />
        </Form.Item>
        <Form.Item name="address" label={t('address')}>
          <Input maxLength={200} data-testid="veh-place-address" />
        </Form.Item>
        <div className="veh-place-coords">
          <Form.Item
            name="lon"
            label={t('lon')}
            style={{ flex: 1 }}
            rules={[
              { required: true, message: t('lonRequired') },
              { type: 'number', min: 73, max: 136, message: t('lonRange') },
            ]}
          >
            <InputNumber
              style={{ width: '100%' }}
              step={0.000001}
              precision={6}
              data-testid="veh-place-lon"
            />
          </Form.Item>
          <Form.Item
            name="lat"
            label={t('lat')}
            style={{ flex: 1 }}
            rules={[
              { required: true, message: t('latRequired') },
              { type: 'number', min: 3, max: 54, message: t('latRange') },
            ]}
          >
            <InputNumber
              style={{ width: '100%' }}
              step={0.000001}
              precision={6}
              data-testid="veh-place-lat"
            />
          </Form.Item>
        </div>
        <Form.Item name="jurisdictionId" label={t('jurisdiction')}>
          <JurisdictionSelect placeholder={t('jurisdictionNone')} data-testid="veh-place-jurisdiction" />
        </Form.Item>
        <Form.Item name="active" label={t('status')} valuePropName="checked">
          <Switch
            checkedChildren={t('active')}
            unCheckedChildren={t('inactive')}
            data-testid="veh-place-active"
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** 地点: the named places of the city; search, page, add, edit, (de)activate and delete unused ones. */
export default function PlacesPage() {
  const t = useT(mp);
  const { can } = useSession();
  const { message } = App.useApp();
  const onError = useApiError();
  const jurisdictions = useJurisdictions();
  const canEdit = can('vehicles.fleet.write');
  const [q, setQ] = useState('');
  const [all, setAll] = useState(false);
  const [tick, setTick] = useState(0);
  const key = `${q}#${all}#${tick}`;
  const [result, setResult] = useState<{ key: string; rows: PlaceRow[] } | null>(null);
  const rows = result?.rows ?? [];
  const loading = result?.key !== key;
  const load = () => setTick((n) => n + 1);
  useEffect(() => {
    let live = true;
    placeApi.list({ q: q || undefined, all: all ? 'true' : undefined }).then(
      (list) => live && setResult({ key, rows: list }),
      (e: unknown) => {
        if (!live) return;
        setResult((r) => ({ key, rows: r?.rows ?? [] }));
        onError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [key, q, all, onError]);
  const [editing, setEditing] = useState<PlaceRow | 'new' | null>(null);

  const remove = async (p: PlaceRow) => {
    try {
      await placeApi.remove(p.id);
      message.success(t('deleted'));
      load();
    } catch (e) {
      onError(e);
    }
  };
  const jName = (id: string | null) =>
    id ? (jurisdictions.find((j) => j.id === id)?.name ?? '…') : t('jurisdictionNone');

  const allColumns: TableColumnsType<PlaceRow> = [
    {
      title: t('name'),
      dataIndex: 'name',
      width: 200,
      render: (n: string, p) => (
        <>
          <Space size={4} wrap>
            <span data-testid="veh-place-row-name">{n}</span>
            <Tag>{t(`kind_${p.kind}`)}</Tag>
            {!p.active && <Tag color="default">{t('inactive')}</Tag>}
          </Space>
          <Typography.Text type="secondary" className="veh-place-phone-line">
            {p.address ? `${p.address} · ` : ''}
            {p.lon.toFixed(5)}, {p.lat.toFixed(5)}
          </Typography.Text>
        </>
      ),
    },
    { title: t('address'), dataIndex: 'address', responsive: ['md'], render: (a: string | null) => a ?? '—' },
    {
      title: t('coords'),
      key: 'coords',
      width: 170,
      responsive: ['md'],
      render: (_: unknown, p) => (
        <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>
          {p.lon.toFixed(6)}, {p.lat.toFixed(6)}
        </Typography.Text>
      ),
    },
    { title: t('jurisdiction'), dataIndex: 'jurisdictionId', width: 110, responsive: ['md'], render: jName },
    {
      title: t('actions'),
      key: 'act',
      width: 110,
      render: (_: unknown, p) =>
        canEdit && (
          <Space size={8}>
            <a onClick={() => setEditing(p)} data-testid="veh-place-edit">
              {t('editShort')}
            </a>
            <Popconfirm title={t('deleteConfirm', { name: p.name })} onConfirm={() => remove(p)}>
              <a data-testid="veh-place-delete">{t('delete')}</a>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('title')}
        sub={t('sub')}
        extra={
          canEdit && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="veh-place-new"
            >
              {t('add')}
            </Button>
          )
        }
      />
      <div className="goa-filters">
        <Input.Search
          allowClear
          placeholder={t('search')}
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 240, maxWidth: '100%' }}
          data-testid="veh-place-search"
        />
        <Space size={6}>
          <Switch size="small" checked={all} onChange={setAll} data-testid="veh-place-show-inactive" />
          {t('showInactive')}
        </Space>
      </div>
      <Table<PlaceRow>
        rowKey="id"
        size="middle"
        columns={canEdit ? allColumns : allColumns.filter((c) => c.key !== 'act')}
        dataSource={rows}
        loading={loading}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          showTotal: (n) => t('total', { n }),
          size: 'small',
        }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('none')} /> }}
        data-testid="veh-places-table"
      />
      <PlaceDrawer
        open={editing !== null}
        place={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          load();
        }}
      />
    </>
  );
}
