import { useEffect } from 'react';
import { App, Form, Input, InputNumber, Space } from 'antd';
import { useT } from '../../app/i18n.ts';
import { FormDrawer } from './FormDrawer.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { common } from '../../shared/messages.ts';
import { energyApi, type Building, type BuildingInput } from './api.ts';
import { m } from './messages.ts';
import { mr } from './registry-messages.ts';

/** Add a building to an institution (`building` is `'new'`) or change one; closed when null. */
export function BuildingDrawer({
  institutionId,
  building,
  onClose,
  onSaved,
}: {
  institutionId: string;
  building: Building | 'new' | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT(m);
  const r = useT(mr);
  const c = useT(common);
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<BuildingInput>();
  const existing = building && building !== 'new' ? building : null;

  useEffect(() => {
    if (!building) return;
    form.resetFields();
    form.setFieldsValue(existing ?? { occupants: 0, builtYear: null });
  }, [building, existing, form]);

  const save = async () => {
    const v = await form.validateFields();
    const body: BuildingInput = {
      name: v.name.trim(),
      floorArea: v.floorArea,
      occupants: v.occupants ?? 0,
      builtYear: v.builtYear ?? null,
    };
    try {
      if (existing) await energyApi.updateBuilding(existing.id, body);
      else await energyApi.createBuilding(institutionId, body);
      void message.success(c('saved'));
      onSaved();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <FormDrawer
      open={building !== null}
      onClose={onClose}
      width={440}
      title={existing ? r('editBuilding') : r('newBuilding')}
      saveTestId="building-save"
      save={save}
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="name"
          label={t('buildingName')}
          rules={[{ required: true, whitespace: true, max: 120 }]}
        >
          <Input data-testid="building-name" />
        </Form.Item>
        <Form.Item name="floorArea" label={t('floorArea')} rules={[{ required: true }]}>
          <InputNumber min={0.01} max={10_000_000} style={{ width: '100%' }} data-testid="building-area" />
        </Form.Item>
        <Space wrap style={{ width: '100%' }} styles={{ item: { flex: '1 1 150px' } }}>
          <Form.Item name="occupants" label={t('occupants')}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="builtYear" label={t('builtYear')}>
            <InputNumber min={1900} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Space>
      </Form>
    </FormDrawer>
  );
}
