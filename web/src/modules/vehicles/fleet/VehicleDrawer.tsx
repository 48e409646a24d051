import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
} from 'antd';
import { useT } from '../../../app/i18n.ts';
import { useApiError } from '../../../shared/feedback.ts';
import { fmtYuan, nowInZone, yuanToFen } from '../../../shared/format.ts';
import { UnitSelect } from '../../../shared/OrgSelects.tsx';
import { useIsPhone } from '../../../shared/useIsPhone.ts';
import { CATEGORIES } from '../api.ts';
import { m } from '../messages.ts';
import { fleetApi, type VehicleDetail } from './api.ts';
import { mf } from './messages.ts';

const BODY_TYPES = ['sedan', 'suv', 'mpv', 'small_bus', 'medium_bus', 'large_bus', 'van'] as const;
const ENERGY_TYPES = ['petrol', 'diesel', 'hybrid', 'plugin_hybrid', 'electric'] as const;
/** the statuses a person sets; in use and sealed follow trips and sealing */
const EDITABLE_STATUSES = ['available', 'maintenance', 'retired'] as const;

interface Values {
  plate: string;
  category: string;
  bodyType: string;
  brand: string;
  model: string;
  energyType: string;
  displacementL?: number | null;
  price: string;
  seats: number;
  purchaseDate: Dayjs;
  odometerKm: number;
  unitId: string;
  status?: string;
  note?: string;
}

const toValues = (v: VehicleDetail): Values => ({
  plate: v.plate,
  category: v.category,
  bodyType: v.bodyType,
  brand: v.brand,
  model: v.model,
  energyType: v.energyType,
  displacementL: v.displacementL,
  price: fmtYuan(v.priceFen).replace(/,/g, ''),
  seats: v.seats,
  purchaseDate: dayjs(v.purchaseDate),
  odometerKm: v.odometerKm,
  unitId: v.unitId,
  status: v.status,
  note: v.note ?? undefined,
});

/**
 * Registers a vehicle or changes one. The server checks it against the configuration standard: a
 * vehicle over a limit is saved and the rules it breaks are shown here (and in the register). Mounted
 * while open (a new key per vehicle), so the form starts from the vehicle it edits.
 */
export function VehicleDrawer({
  vehicle,
  onClose,
  onSaved,
}: {
  /** the vehicle to change, or null to register a new one */
  vehicle: VehicleDetail | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT(mf);
  const tv = useT(m);
  const { message } = App.useApp();
  const onError = useApiError();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<VehicleDetail | null>(vehicle);
  const energy = Form.useWatch('energyType', form);

  const save = async (v: Values) => {
    const body = {
      plate: v.plate,
      category: v.category,
      bodyType: v.bodyType,
      brand: v.brand,
      model: v.model,
      energyType: v.energyType,
      displacementL: v.energyType === 'electric' ? null : (v.displacementL ?? null),
      priceFen: yuanToFen(v.price),
      seats: v.seats,
      purchaseDate: v.purchaseDate.format('YYYY-MM-DD'),
      odometerKm: v.odometerKm,
      unitId: v.unitId,
      note: v.note?.trim() || null,
      ...(saved
        ? {
            version: saved.version,
            ...(v.status && v.status !== saved.status ? { status: v.status } : {}),
          }
        : {}),
    };
    setBusy(true);
    try {
      // once saved (a new vehicle kept open to show its violations), saving again changes it
      const out = saved ? await fleetApi.update(saved.id, body) : await fleetApi.create(body);
      setSaved(out);
      if (out.violations.length > 0) void message.warning(t('savedWithViolations'));
      else void message.success(t('saved'));
      onSaved();
      if (out.violations.length === 0) onClose();
    } catch (e) {
      onError(e, form, { rename: { priceFen: 'price' } });
    } finally {
      setBusy(false);
    }
  };

  const editable = vehicle === null || (EDITABLE_STATUSES as readonly string[]).includes(vehicle.status);
  return (
    <Drawer
      open
      onClose={onClose}
      size={isPhone ? '100%' : 560}
      title={saved ? t('editVehicle', { plate: saved.plate }) : t('newVehicle')}
      data-testid="veh-vehicle-drawer"
    >
      {saved && saved.violations.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('violationsTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="veh-vehicle-violations">
              {saved.violations.map((x) => (
                <li key={x.rule + x.kind}>{x.message}</li>
              ))}
            </ul>
          }
        />
      )}
      {saved?.replacement.eligible && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('replaceableBecause', {
            reason: t(`reason_${saved.replacement.reason ?? 'age'}` as 'reason_age'),
          })}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          vehicle
            ? toValues(vehicle)
            : { bodyType: 'sedan', energyType: 'petrol', seats: 5, odometerKm: 0, purchaseDate: nowInZone() }
        }
        onFinish={(v) => void save(v)}
        requiredMark="optional"
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="plate"
              label={t('plate')}
              rules={[{ required: true, whitespace: true, message: t('required') }]}
            >
              <Input maxLength={10} placeholder={t('platePlaceholder')} data-testid="veh-vehicle-plate" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="category"
              label={t('category')}
              rules={[{ required: true, message: t('required') }]}
            >
              <Select
                data-testid="veh-vehicle-category"
                options={CATEGORIES.map((c) => ({ value: c, label: tv(`cat_${c}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={12}>
            <Form.Item
              name="brand"
              label={t('brand')}
              rules={[{ required: true, whitespace: true, message: t('required') }]}
            >
              <Input maxLength={40} data-testid="veh-vehicle-brand" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={12}>
            <Form.Item
              name="model"
              label={t('model')}
              rules={[{ required: true, whitespace: true, message: t('required') }]}
            >
              <Input maxLength={60} data-testid="veh-vehicle-model" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={12}>
            <Form.Item name="bodyType" label={t('bodyType')} rules={[{ required: true }]}>
              <Select options={BODY_TYPES.map((b) => ({ value: b, label: t(`bt_${b}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={12}>
            <Form.Item name="energyType" label={t('energyType')} rules={[{ required: true }]}>
              <Select options={ENERGY_TYPES.map((e) => ({ value: e, label: t(`et_${e}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={12}>
            <Form.Item name="displacementL" label={t('displacementL')}>
              <InputNumber
                min={0.5}
                max={9.9}
                step={0.1}
                precision={1}
                disabled={energy === 'electric'}
                style={{ width: '100%' }}
                data-testid="veh-vehicle-displacement"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={12}>
            <Form.Item
              name="price"
              label={t('price')}
              rules={[
                { required: true, message: t('required') },
                {
                  validator: async (_, v: string) =>
                    yuanToFen(v) === null ? Promise.reject(new Error(t('badAmount'))) : undefined,
                },
              ]}
            >
              <Input inputMode="decimal" data-testid="veh-vehicle-price" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={12}>
            <Form.Item name="seats" label={t('seats')} rules={[{ required: true, message: t('required') }]}>
              <InputNumber
                min={2}
                max={60}
                precision={0}
                style={{ width: '100%' }}
                data-testid="veh-vehicle-seats"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={12}>
            <Form.Item
              name="purchaseDate"
              label={t('purchaseDate')}
              rules={[{ required: true, message: t('required') }]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(nowInZone(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={12}>
            <Form.Item
              name="odometerKm"
              label={t('odometerKm')}
              rules={[{ required: true, message: t('required') }]}
            >
              <InputNumber min={0} max={2_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={12}>
            {vehicle && (
              <Form.Item name="status" label={t('status')}>
                <Select
                  disabled={!editable}
                  options={(editable ? EDITABLE_STATUSES : [vehicle.status]).map((s) => ({
                    value: s,
                    label: tv(`vs_${s}` as 'vs_available'),
                  }))}
                />
              </Form.Item>
            )}
          </Col>
          <Col span={24}>
            <Form.Item name="unitId" label={t('unit')} rules={[{ required: true, message: t('required') }]}>
              <UnitSelect selectedLabel={vehicle?.unitName} data-testid="veh-vehicle-unit" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t('note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="veh-vehicle-save">
            {t('save')}
          </Button>
          <Button onClick={onClose}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
