import { useEffect, useState } from 'react';
import { App, Button, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { common } from '../../shared/messages.ts';
import { JurisdictionSelect, UnitSelect } from '../../shared/OrgSelects.tsx';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { orgApi, UNIT_KINDS, UNIT_LEVELS, type Unit, type UnitInput } from './api.ts';
import { m } from './messages.ts';

type Values = Omit<UnitInput, 'shortName' | 'address' | 'parentId'> & {
  shortName?: string;
  address?: string;
  parentId?: string | null;
};

export interface UnitDraft {
  jurisdictionId?: string;
  parent?: { id: string; name: string };
}

/** Create a unit (`unit` is a draft) or edit one. */
export function UnitDrawer({
  unit,
  onClose,
  onSaved,
}: {
  unit: Unit | UnitDraft | null;
  onClose: () => void;
  onSaved: (u: Unit) => void;
}) {
  const t = useT(m);
  const c = useT(common);
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const jurisdictionId = Form.useWatch('jurisdictionId', form);
  const [busy, setBusy] = useState(false);
  const existing = unit && 'id' in unit ? unit : null;
  const draft = unit && !('id' in unit) ? unit : null;

  useEffect(() => {
    if (!unit) return;
    form.resetFields();
    if (existing)
      form.setFieldsValue({
        ...existing,
        shortName: existing.shortName ?? '',
        address: existing.address ?? '',
      });
    else
      form.setFieldsValue({
        kind: 'organ',
        level: 'district',
        establishment: 0,
        sort: 0,
        jurisdictionId: draft?.jurisdictionId,
        parentId: draft?.parent?.id ?? null,
      });
  }, [unit, existing, draft, form]);

  const save = async () => {
    const v = await form.validateFields();
    const body: UnitInput = {
      code: v.code.trim(),
      name: v.name.trim(),
      shortName: v.shortName?.trim() || null,
      kind: v.kind,
      level: v.level,
      jurisdictionId: v.jurisdictionId,
      parentId: v.parentId ?? null,
      establishment: v.establishment ?? 0,
      address: v.address?.trim() || null,
      sort: v.sort ?? 0,
    };
    setBusy(true);
    try {
      const saved = existing ? await orgApi.updateUnit(existing.id, body) : await orgApi.createUnit(body);
      void message.success(c('saved'));
      onSaved(saved);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={unit !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 560}
      title={existing ? t('editUnit') : t('newUnit')}
      destroyOnHidden
      footer={
        <Space>
          <Button
            type="primary"
            loading={busy}
            onClick={() => void save().catch(() => undefined)}
            data-testid="unit-save"
          >
            {c('save')}
          </Button>
          <Button onClick={onClose}>{c('cancel')}</Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="code"
          label={t('code')}
          rules={[{ required: true, max: 40, pattern: /^[A-Za-z0-9_.-]+$/ }]}
        >
          <Input data-testid="unit-code" />
        </Form.Item>
        <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="unit-name" />
        </Form.Item>
        <Form.Item name="shortName" label={t('shortName')} rules={[{ max: 50 }]}>
          <Input />
        </Form.Item>
        <Space wrap style={{ width: '100%' }} styles={{ item: { flex: '1 1 200px' } }}>
          <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
            <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }))} />
          </Form.Item>
          <Form.Item name="level" label={t('level')} rules={[{ required: true }]}>
            <Select options={UNIT_LEVELS.map((l) => ({ value: l, label: t(`level_${l}`) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="jurisdictionId" label={t('jurisdiction')} rules={[{ required: true }]}>
          <JurisdictionSelect onChange={() => form.setFieldValue('parentId', null)} />
        </Form.Item>
        <Form.Item name="parentId" label={t('parent')}>
          <UnitSelect
            jurisdictionId={jurisdictionId}
            selectedLabel={existing?.parentName ?? draft?.parent?.name}
          />
        </Form.Item>
        <Space wrap style={{ width: '100%' }} styles={{ item: { flex: '1 1 200px' } }}>
          <Form.Item name="establishment" label={t('establishment')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="sort" label={t('sort')}>
            <InputNumber precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Space>
        <Form.Item name="address" label={t('address')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
