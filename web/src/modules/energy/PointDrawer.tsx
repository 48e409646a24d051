import { useEffect } from 'react';
import { App, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useT } from '../../app/i18n.ts';
import { FormDrawer } from './FormDrawer.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { common } from '../../shared/messages.ts';
import {
  energyApi,
  ENERGY_TYPES,
  INTERVALS,
  POINT_KINDS,
  SUB_ITEMS,
  type Building,
  type Point,
  type PointInput,
} from './api.ts';
import { m } from './messages.ts';
import { mr } from './registry-messages.ts';

/**
 * Register a metering point of an institution (`point` is `'new'`) or change one — a metered point, a
 * virtual meter by formula over other points' codes, or an offline point entered monthly; closed when
 * null. `points` are the institution's points (the main meters a sub-meter can hang under).
 */
export function PointDrawer({
  institutionId,
  point,
  points,
  buildings,
  onClose,
  onSaved,
}: {
  institutionId: string;
  point: Point | 'new' | null;
  points: readonly Point[];
  buildings: readonly Building[];
  onClose: () => void;
  onSaved: (saved: Point) => void;
}) {
  const t = useT(m);
  const r = useT(mr);
  const c = useT(common);
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<PointInput>();
  const kind = Form.useWatch('kind', form);
  const energyType = Form.useWatch('energyType', form);
  const existing = point && point !== 'new' ? point : null;

  useEffect(() => {
    if (!point) return;
    form.resetFields();
    form.setFieldsValue(
      existing ?? {
        energyType: 'electricity',
        kind: 'metered',
        subItem: null,
        parentId: null,
        buildingId: null,
        formula: null,
        multiplier: 1,
        registerMax: null,
        intervalMinutes: 15,
        active: true,
      },
    );
  }, [point, existing, form]);

  const save = async () => {
    const v = await form.validateFields();
    const body: PointInput = {
      code: v.code.trim(),
      name: v.name.trim(),
      buildingId: v.buildingId ?? null,
      energyType: v.energyType,
      subItem: v.energyType === 'electricity' ? (v.subItem ?? null) : null,
      parentId: v.kind === 'virtual' ? null : (v.parentId ?? null),
      kind: v.kind,
      formula: v.kind === 'virtual' ? (v.formula?.trim() ?? null) : null,
      multiplier: v.multiplier ?? 1,
      registerMax: v.kind === 'metered' ? (v.registerMax ?? null) : null,
      intervalMinutes: v.intervalMinutes ?? 15,
      active: v.active ?? true,
    };
    try {
      const saved = existing
        ? await energyApi.updatePoint(existing.id, body)
        : await energyApi.createPoint(institutionId, body);
      void message.success(c('saved'));
      onSaved(saved);
    } catch (e) {
      showError(e, form);
    }
  };

  const parents = points.filter(
    (p) => p.id !== existing?.id && p.kind !== 'virtual' && p.energyType === energyType,
  );
  return (
    <FormDrawer
      open={point !== null}
      onClose={onClose}

      title={existing ? r('editPoint') : r('newPoint')}
      saveTestId="point-save"
      save={save}
    >
      <Form form={form} layout="vertical" data-testid="point-form">
        <Space wrap style={{ width: '100%' }} styles={{ item: { flex: '1 1 200px' } }}>
          <Form.Item
            name="code"
            label={t('code')}
            rules={[{ required: true, max: 64, pattern: /^[A-Za-z0-9_.-]+$/ }]}
          >
            <Input data-testid="point-code" />
          </Form.Item>
          <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 120 }]}>
            <Input data-testid="point-name" />
          </Form.Item>
        </Space>
        <Space wrap style={{ width: '100%' }} styles={{ item: { flex: '1 1 150px' } }}>
          <Form.Item name="kind" label={r('pointKind')} rules={[{ required: true }]}>
            <Select
              data-testid="point-kind"
              options={POINT_KINDS.map((k) => ({ value: k, label: t(`pointKind_${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="energyType" label={r('energyType')} rules={[{ required: true }]}>
            <Select
              options={ENERGY_TYPES.map((e) => ({ value: e, label: t(`energy_${e}`) }))}
              onChange={() => form.setFieldsValue({ parentId: null, subItem: null })}
            />
          </Form.Item>
          {energyType === 'electricity' && (
            <Form.Item name="subItem" label={r('subItem')}>
              <Select
                allowClear
                placeholder={t('sub_none')}
                options={SUB_ITEMS.map((s) => ({ value: s, label: t(`sub_${s}`) }))}
              />
            </Form.Item>
          )}
        </Space>
        {kind === 'virtual' ? (
          <Form.Item
            name="formula"
            label={t('formula')}
            extra={r('formulaHint')}
            rules={[{ required: true, whitespace: true, max: 500 }]}
          >
            <Input data-testid="point-formula" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        ) : (
          <Form.Item name="parentId" label={r('parent')} extra={r('parentHint')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={parents.map((p) => ({ value: p.id, label: `${p.name} (${p.code})` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="buildingId" label={t('buildingName')}>
          <Select allowClear options={buildings.map((b) => ({ value: b.id, label: b.name }))} />
        </Form.Item>
        {kind === 'metered' && (
          <Space wrap style={{ width: '100%' }} styles={{ item: { flex: '1 1 150px' } }}>
            <Form.Item name="intervalMinutes" label={t('interval')}>
              <Select options={INTERVALS.map((n) => ({ value: n, label: t('minutes', { n }) }))} />
            </Form.Item>
            <Form.Item name="multiplier" label={r('multiplier')}>
              <InputNumber min={0.0001} max={100_000} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="registerMax" label={r('registerMax')}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="active" label={r('active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
