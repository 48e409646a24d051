import { useEffect, useRef, useState } from 'react';
import * as L from 'leaflet';
import { App, Button, Empty, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../app/i18n.ts';
import { useSession } from '../../../app/session.tsx';
import { useApiError } from '../../../shared/feedback.ts';
import { fmtDateTime } from '../../../shared/format.ts';
import { JurisdictionSelect } from '../../../shared/OrgSelects.tsx';
import { PageHeader } from '../../../shared/Page.tsx';
import { BaseMap, esc, type MapHandle } from '../map/BaseMap.tsx';
import { geofenceApi, type Geofence } from './api.ts';
import { GeofenceDrawer } from './GeofenceDrawer.tsx';
import { m } from '../messages.ts';
import { mg } from './messages.ts';
import './geofences.css';

/** What a fence watches, in one cell: pools, then categories, then named vehicles. */
function AppliesTo({ f }: { f: Geofence }) {
  const t = useT(mg);
  const tv = useT(m);
  const plates = f.vehicles.map((v) => v.plate);
  return (
    <Space size={[4, 4]} wrap data-testid="veh-fence-applies">
      {f.pools.map((p) => (
        <Tag key={p.id} color="blue">
          {p.name}
        </Tag>
      ))}
      {f.categories.length ? (
        f.categories.map((c) => (
          <Tag key={c} color="purple">
            {tv(`cat_${c}`)}
          </Tag>
        ))
      ) : (
        <Tag>{t('categoriesAll')}</Tag>
      )}
      {plates.length ? (
        <Tag color="orange">
          {plates.slice(0, 3).join('、')}
          {plates.length > 3 && ` ${t('vehiclesMore', { n: plates.length })}`}
        </Tag>
      ) : (
        <Tag>{t('vehiclesAll')}</Tag>
      )}
    </Space>
  );
}

/** Every fence of the list on the base map; the selected one highlighted and in view. */
function FencesMap({
  fences,
  selected,
  onPick,
}: {
  fences: Geofence[];
  selected: string | null;
  onPick: (id: string) => void;
}) {
  const [handle, setHandle] = useState<MapHandle | null>(null);
  const fittedAll = useRef(false);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  });
  useEffect(() => {
    if (!handle) return;
    const group = L.layerGroup().addTo(handle.map);
    let focus: L.LatLngBounds | null = null;
    const everything = L.latLngBounds([]);
    for (const f of fences) {
      const on = f.id === selected;
      const poly = L.polygon(
        f.ring.map(([lon, lat]) => handle.latLng({ lon, lat })),
        on
          ? { color: '#fa541c', weight: 3, fillOpacity: 0.2 }
          : f.active
            ? { color: '#1677ff', weight: 2, fillOpacity: 0.08 }
            : { color: '#8c8c8c', weight: 1.5, dashArray: '5 5', fillOpacity: 0.03 },
      )
        .bindTooltip(esc(f.name), { sticky: true })
        .on('click', () => pick.current(f.id))
        .addTo(group);
      if (on) focus = poly.getBounds();
      everything.extend(poly.getBounds());
    }
    if (focus) handle.map.fitBounds(focus, { padding: [30, 30], maxZoom: 13, animate: false });
    else if (!fittedAll.current && everything.isValid()) {
      fittedAll.current = true;
      handle.map.fitBounds(everything, { padding: [20, 20], animate: false });
    }
    return () => {
      group.remove();
    };
  }, [handle, fences, selected]);
  return <BaseMap onReady={setHandle} style={{ height: 560 }} testId="veh-fences-map" />;
}

/** 电子围栏: the geofences in scope, what each watches, drawn on the map; create, edit, (de)activate, delete. */
export default function GeofencesPage() {
  const t = useT(mg);
  const { can } = useSession();
  const { message } = App.useApp();
  const onError = useApiError();
  const [filters, setFilters] = useState<{
    jurisdictionId?: string | undefined;
    active?: string | undefined;
  }>({});
  const [tick, setTick] = useState(0);
  const key = `${JSON.stringify(filters)}#${tick}`;
  const [result, setResult] = useState<{ key: string; fences: Geofence[] } | null>(null);
  const fences = result?.fences ?? [];
  const loading = result?.key !== key;
  const load = () => setTick((n) => n + 1);
  useEffect(() => {
    let live = true;
    geofenceApi.list(filters).then(
      (list) => live && setResult({ key, fences: list }),
      (e: unknown) => {
        if (!live) return;
        setResult((r) => ({ key, fences: r?.fences ?? [] }));
        onError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [key, filters, onError]);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Geofence | 'new' | null>(null);
  const canEdit = can('vehicles.supervise');

  const toggle = async (f: Geofence, active: boolean) => {
    try {
      await geofenceApi.update(f.id, { active });
      message.success(t(active ? 'activated' : 'deactivated'));
      load();
    } catch (e) {
      onError(e);
    }
  };
  const remove = async (f: Geofence) => {
    try {
      await geofenceApi.remove(f.id);
      message.success(t('deleted'));
      if (selected === f.id) setSelected(null);
      load();
    } catch (e) {
      onError(e);
    }
  };

  const columns: TableColumnsType<Geofence> = [
    {
      title: t('name'),
      dataIndex: 'name',
      width: 210,
      render: (n: string, f) => (
        <>
          <a onClick={() => setSelected(f.id)} data-testid="veh-fence-row-name">
            {n}
          </a>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {f.jurisdiction} · {t('nVertices', { n: f.ring.length })} · {fmtDateTime(f.updatedAt)}
          </Typography.Text>
        </>
      ),
    },
    { title: t('appliesTo'), key: 'applies', render: (_: unknown, f) => <AppliesTo f={f} /> },
    {
      title: t('status'),
      dataIndex: 'active',
      width: 90,
      render: (a: boolean, f) => (
        <Switch
          size="small"
          checked={a}
          disabled={!canEdit}
          onChange={(v) => void toggle(f, v)}
          checkedChildren={t('active')}
          unCheckedChildren={t('inactive')}
          data-testid="veh-fence-active"
        />
      ),
    },
    {
      title: t('actions'),
      key: 'act',
      width: 110,
      render: (_: unknown, f) =>
        canEdit && (
          <Space size={8}>
            <a onClick={() => setEditing(f)} data-testid="veh-fence-edit">
              {t('editShort')}
            </a>
            <Popconfirm title={t('deleteConfirm', { name: f.name })} onConfirm={() => void remove(f)}>
              <a data-testid="veh-fence-delete">{t('delete')}</a>
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
              data-testid="veh-fence-new"
            >
              {t('add')}
            </Button>
          )
        }
      />
      <div className="goa-filters">
        <JurisdictionSelect
          placeholder={t('jurisdiction')}
          onChange={(jurisdictionId?: string) => setFilters((f) => ({ ...f, jurisdictionId }))}
          style={{ width: 140 }}
        />
        <Select
          allowClear
          placeholder={t('filterActive')}
          options={[
            { value: 'true', label: t('active') },
            { value: 'false', label: t('inactive') },
          ]}
          onChange={(active?: string) => setFilters((f) => ({ ...f, active }))}
          style={{ width: 110 }}
        />
      </div>
      <div className="veh-fence-layout">
        <Table<Geofence>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={fences}
          loading={loading}
          pagination={false}
          scroll={{ x: 640 }}
          rowClassName={(f) => (f.id === selected ? 'ant-table-row-selected' : '')}
          locale={{ emptyText: <Empty description={t('none')} /> }}
          data-testid="veh-fences-table"
        />
        <div>
          <FencesMap fences={fences} selected={selected} onPick={setSelected} />
          {selected && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {fences.find((f) => f.id === selected)?.name}
            </Typography.Text>
          )}
        </div>
      </div>
      <GeofenceDrawer
        open={editing !== null}
        fence={editing === 'new' ? null : editing}
        all={fences}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          load();
        }}
      />
    </>
  );
}
