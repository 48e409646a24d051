import { useEffect, useMemo } from 'react';
import { App, Form, Input, InputNumber, Select, Space } from 'antd';
import { useT } from '../../app/i18n.ts';
import { FormDrawer } from './FormDrawer.tsx';
import { useMe } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { common } from '../../shared/messages.ts';
import { JurisdictionSelect, reachableJurisdictions, UnitSelect } from '../../shared/OrgSelects.tsx';
import { energyApi, INSTITUTION_KINDS, type Institution, type InstitutionInput } from './api.ts';
import { m } from './messages.ts';
import { mr } from './registry-messages.ts';

type Values = Omit<InstitutionInput, 'address' | 'demonstration'> & {
  address?: string | null;
  demonstration?: InstitutionInput['demonstration'] | 'none';
};

/** Register a public institution (`institution` is `'new'`) or change one; closed when null. */
export function InstitutionDrawer({
  institution,
  onClose,
  onSaved,
}: {
  institution: Institution | 'new' | null;
  onClose: () => void;
  onSaved: (saved: Institution) => void;
}) {
  const t = useT(m);
  const r = useT(mr);
  const c = useT(common);
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const jurisdictionId = Form.useWatch('jurisdictionId', form);
  const me = useMe();
  // a district administrator registers institutions in its own district only
  const reach = useMemo(() => reachableJurisdictions(me.roles, me.jurisdictionId), [me]);
  const existing = institution && institution !== 'new' ? institution : null;

  useEffect(() => {
    if (!institution) return;
    form.resetFields();
    form.setFieldsValue(
      existing
        ? { ...existing, demonstration: existing.demonstration ?? 'none' }
        : {
            kind: 'organ',
            occupants: 0,
            demonstration: 'none',
            unitId: null,
            jurisdictionId: reach?.size === 1 ? [...reach][0] : undefined,
          },
    );
  }, [institution, existing, form, reach]);

  const save = async () => {
    const v = await form.validateFields();
    const body: InstitutionInput = {
      code: v.code.trim(),
      name: v.name.trim(),
      jurisdictionId: v.jurisdictionId,
      unitId: v.unitId ?? null,
      kind: v.kind,
      address: v.address?.trim() || null,
      lon: v.lon ?? null,
      lat: v.lat ?? null,
      occupants: v.occupants ?? 0,
      demonstration: !v.demonstration || v.demonstration === 'none' ? null : v.demonstration,
    };
    try {
      const saved = existing
        ? await energyApi.updateInstitution(existing.id, body)
        : await energyApi.createInstitution(body);
      void message.success(c('saved'));
      onSaved(saved);
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <FormDrawer
      open={institution !== null}
      onClose={onClose}

      title={existing ? r('editInstitution') : r('newInstitution')}
      saveTestId="institution-save"
      save={save}
    >
      <Form form={form} layout="vertical" data-testid="institution-form">
        <Form.Item
          name="code"
          label={t('code')}
          rules={[{ required: true, max: 40, pattern: /^[A-Za-z0-9_.-]+$/ }]}
        >
          <Input data-testid="institution-code" />
        </Form.Item>
        <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 120 }]}>
          <Input data-testid="institution-name" />
        </Form.Item>
        <Space wrap style={{ width: '100%' }} styles={{ item: { flex: '1 1 200px' } }}>
          <Form.Item name="jurisdictionId" label={t('jurisdiction')} rules={[{ required: true }]}>
            <JurisdictionSelect
              only={reach}
              data-testid="institution-jurisdiction"
              onChange={() => form.setFieldValue('unitId', null)}
            />
          </Form.Item>
          <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
            <Select options={INSTITUTION_KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="unitId" label={t('unit')}>
          <UnitSelect jurisdictionId={jurisdictionId} selectedLabel={existing?.unitName ?? undefined} />
        </Form.Item>
        <Form.Item name="address" label={t('address')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Space wrap style={{ width: '100%' }} styles={{ item: { flex: '1 1 150px' } }}>
          <Form.Item name="lon" label={r('lon')}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="lat" label={r('lat')}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="occupants" label={t('occupants')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Space>
        <Form.Item name="demonstration" label={t('demonstration')}>
          <Select
            options={[
              { value: 'none', label: r('noDemonstration') },
              { value: 'national', label: t('demo_national') },
              { value: 'provincial', label: t('demo_provincial') },
            ]}
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
