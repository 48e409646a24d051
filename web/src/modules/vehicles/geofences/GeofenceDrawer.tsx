import { useMemo, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, Select, Space, Switch } from 'antd';
import { useT } from '../../../app/i18n.ts';
import { useSession } from '../../../app/session.tsx';
import { ApiError } from '../../../shared/api.ts';
import { useApiError } from '../../../shared/feedback.ts';
import { JurisdictionSelect, useJurisdictions } from '../../../shared/OrgSelects.tsx';
import { vehiclesApi } from '../api.ts';
import { CATEGORIES, geofenceApi, type Category, type Geofence, type Vertex } from './api.ts';
import { FenceEditor } from './FenceEditor.tsx';
import { m } from '../messages.ts';
import { mg } from './messages.ts';

interface Values {
  name: string;
  jurisdictionId: string;
  pools: string[];
  categories: Category[];
  vehicleIds: string[];
  active: boolean;
}

/** Picks vehicles of the chosen pools by plate (server-side search). */
function VehiclePicker({
  pools,
  selected,
  value,
  onChange,
}: {
  pools: string[];
  selected: { id: string; plate: string }[];
  value?: string[];
  onChange?: (v: string[]) => void;
}) {
  const t = useT(mg);
  const [options, setOptions] = useState(selected.map((v) => ({ value: v.id, label: v.plate })));
  const search = (q: string) => {
    void Promise.all(
      (pools.length ? pools : [undefined]).map((jurisdictionId) =>
        vehiclesApi.vehicles({ q, jurisdictionId, pageSize: 20 }),
      ),
    ).then(
      (pages) => {
        const found = pages.flatMap((p) => p.items).map((v) => ({ value: v.id, label: v.plate }));
        setOptions((old) => {
          const keep = old.filter((o) => value?.includes(o.value));
          return [...keep, ...found.filter((f) => !keep.some((k) => k.value === f.value))];
        });
      },
      () => undefined,
    );
  };
  return (
    <Select<string[]>
      mode="multiple"
      allowClear
      value={value ?? []}
      onChange={(v) => onChange?.(v)}
      options={options}
      placeholder={t('vehiclesAll')}
      showSearch={{ filterOption: false, onSearch: search }}
      onFocus={() => search('')}
      data-testid="veh-fence-vehicles"
    />
  );
}

/** The drawer's content, mounted afresh each time it opens (its state starts from the fence). */
function FenceForm({
  fence,
  all,
  onClose,
  onSaved,
}: {
  fence: Geofence | null;
  all: Geofence[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT(mg);
  const tv = useT(m);
  const { me } = useSession();
  const { message } = App.useApp();
  const onError = useApiError();
  const jurisdictions = useJurisdictions();
  const [form] = Form.useForm<Values>();
  const [ring, setRing] = useState<Vertex[]>(fence?.ring ?? []);
  const [ringError, setRingError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const owner = Form.useWatch('jurisdictionId', form);
  const pools = Form.useWatch('pools', form) ?? [];
  const initial: Partial<Values> = fence
    ? {
        name: fence.name,
        jurisdictionId: fence.jurisdictionId,
        pools: fence.pools.map((p) => p.id),
        categories: fence.categories,
        vehicleIds: fence.vehicles.map((v) => v.id),
        active: fence.active,
      }
    : {
        name: '',
        ...(me?.jurisdictionId && { jurisdictionId: me.jurisdictionId, pools: [me.jurisdictionId] }),
        categories: [],
        vehicleIds: [],
        active: true,
      };

  const ownerKind = jurisdictions.find((j) => j.id === owner)?.kind;
  const poolOptions = jurisdictions
    .filter((j) => j.id === owner || ownerKind === 'city')
    .map((j) => ({ value: j.id, label: j.name }));
  const others = useMemo(
    () => all.filter((f) => f.id !== fence?.id && (!owner || f.jurisdictionId === owner)),
    [all, fence, owner],
  );

  const save = async (v: Values) => {
    if (ring.length < 3) {
      setRingError(t('needThree'));
      return;
    }
    setBusy(true);
    try {
      const body = {
        name: v.name.trim(),
        ring,
        active: v.active,
        pools: v.pools?.length ? v.pools : [v.jurisdictionId],
        categories: v.categories ?? [],
        vehicleIds: v.vehicleIds ?? [],
      };
      if (fence) await geofenceApi.update(fence.id, body);
      else await geofenceApi.create({ ...body, jurisdictionId: v.jurisdictionId });
      message.success(t('saved'));
      onSaved();
    } catch (e) {
      const onRing =
        e instanceof ApiError && e.details.some((d) => d.field === 'ring' || !!d.field?.startsWith('ring.'));
      if (onRing) setRingError(e.message);
      onError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void save(v)}
        className="veh-fence-form"
      >
        <Space wrap align="start" size={16}>
          <Form.Item
            name="name"
            label={t('name')}
            rules={[{ required: true, whitespace: true, message: t('nameRequired') }]}
          >
            <Input maxLength={60} style={{ width: 240 }} data-testid="veh-fence-name" />
          </Form.Item>
          <Form.Item
            name="jurisdictionId"
            label={t('jurisdiction')}
            rules={[{ required: true, message: t('jurisdictionRequired') }]}
          >
            <JurisdictionSelect
              disabled={!!fence}
              style={{ width: 160 }}
              onChange={(j?: string) => form.setFieldsValue({ pools: j ? [j] : [], vehicleIds: [] })}
            />
          </Form.Item>
          <Form.Item name="active" label={t('status')} valuePropName="checked">
            <Switch checkedChildren={t('active')} unCheckedChildren={t('inactive')} />
          </Form.Item>
        </Space>
        <Space wrap align="start" size={16}>
          <Form.Item name="pools" label={t('pools')} tooltip={t('poolsHint')}>
            <Select
              mode="multiple"
              options={poolOptions}
              style={{ width: 280 }}
              data-testid="veh-fence-pools"
            />
          </Form.Item>
          <Form.Item name="categories" label={t('categories')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('categoriesAll')}
              options={CATEGORIES.map((c) => ({ value: c, label: tv(`cat_${c}`) }))}
              style={{ width: 280 }}
            />
          </Form.Item>
          <Form.Item name="vehicleIds" label={t('vehicles')} style={{ minWidth: 280 }}>
            <VehiclePicker pools={pools} selected={fence?.vehicles ?? []} />
          </Form.Item>
        </Space>
      </Form>
      {ringError && (
        <Alert
          type="error"
          showIcon
          message={ringError}
          style={{ marginBottom: 8 }}
          data-testid="veh-fence-ring-error"
        />
      )}
      <FenceEditor
        value={ring}
        onChange={(r) => {
          setRing(r);
          setRingError(null);
        }}
        others={others}
        invalid={!!ringError}
      />
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="veh-fence-save">
          {t('save')}
        </Button>
        <Button onClick={onClose}>{t('cancel')}</Button>
      </Space>
    </>
  );
}

/**
 * Creates or edits one geofence: name, jurisdiction, what it watches (pools, categories, named
 * vehicles), active, and the polygon drawn on the map. Bad polygons come back from the server as a
 * field error on `ring`, shown above the map.
 */
export function GeofenceDrawer({
  open,
  fence,
  all,
  onClose,
  onSaved,
}: {
  open: boolean;
  fence: Geofence | null;
  all: Geofence[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT(mg);
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={fence ? t('edit') : t('add')}
      size={980}
      destroyOnHidden
      data-testid="veh-fence-drawer"
    >
      {open && <FenceForm fence={fence} all={all} onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  );
}
