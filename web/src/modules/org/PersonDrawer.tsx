import { useEffect, useState } from 'react';
import { App, Button, Drawer, Form, Input, Popconfirm, Radio, Select, Space } from 'antd';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { common } from '../../shared/messages.ts';
import { UnitSelect } from '../../shared/OrgSelects.tsx';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { orgApi, PERSON_STATUSES, type Department, type Person, type PersonInput, type Rank } from './api.ts';
import { m } from './messages.ts';

type Values = Omit<PersonInput, 'departmentId' | 'gender' | 'position' | 'phone' | 'email'> & {
  departmentId?: string | null;
  gender?: 'male' | 'female' | null;
  position?: string;
  phone?: string;
  email?: string;
};

/** Create a person (`person === 'new'`) or edit one; also deletes. */
export function PersonDrawer({
  person,
  ranks,
  defaultUnit,
  writable,
  onClose,
  onSaved,
}: {
  person: Person | 'new' | null;
  ranks: Rank[];
  defaultUnit?: { id: string; name: string } | undefined;
  writable: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT(m);
  const c = useT(common);
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const unitId = Form.useWatch('unitId', form);
  const [loadedDepartments, setDepartments] = useState<{ unitId: string; list: Department[] } | null>(null);
  const departments = unitId && loadedDepartments?.unitId === unitId ? loadedDepartments.list : [];
  const [busy, setBusy] = useState(false);
  const isNew = person === 'new';
  const existing = person && person !== 'new' ? person : null;

  useEffect(() => {
    if (!person) return;
    form.resetFields();
    if (existing)
      form.setFieldsValue({
        ...existing,
        position: existing.position ?? '',
        phone: existing.phone ?? '',
        email: existing.email ?? '',
      });
    else form.setFieldsValue({ status: 'active', unitId: defaultUnit?.id });
  }, [person, existing, defaultUnit, form]);

  useEffect(() => {
    if (!unitId) return;
    let live = true;
    orgApi
      .departments(unitId)
      .then((list) => live && setDepartments({ unitId, list }))
      .catch(() => live && setDepartments({ unitId, list: [] }));
    return () => {
      live = false;
    };
  }, [unitId]);

  const save = async () => {
    const v = await form.validateFields();
    const body: PersonInput = {
      unitId: v.unitId,
      departmentId: v.departmentId ?? null,
      employeeNo: v.employeeNo.trim(),
      name: v.name.trim(),
      gender: v.gender ?? null,
      rank: v.rank,
      position: v.position?.trim() || null,
      phone: v.phone?.trim() || null,
      email: v.email?.trim() || null,
      status: v.status ?? 'active',
    };
    setBusy(true);
    try {
      if (existing) await orgApi.updatePerson(existing.id, body);
      else await orgApi.createPerson(body);
      void message.success(c('saved'));
      onSaved();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!existing) return;
    try {
      await orgApi.deletePerson(existing.id);
      void message.success(c('deleted'));
      onSaved();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Drawer
      open={person !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 520}
      title={isNew ? t('newPerson') : t('editPerson')}
      destroyOnHidden
      footer={
        writable && (
          <Space wrap>
            <Button
              type="primary"
              loading={busy}
              onClick={() => void save().catch(() => undefined)}
              data-testid="person-save"
            >
              {c('save')}
            </Button>
            <Button onClick={onClose}>{c('cancel')}</Button>
            {existing && (
              <Popconfirm
                title={t('confirmDeletePerson')}
                onConfirm={() => remove()}
                okButtonProps={{ danger: true }}
              >
                <Button danger>{c('delete')}</Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
    >
      <Form form={form} layout="vertical" disabled={!writable}>
        <Form.Item name="unitId" label={t('unit')} rules={[{ required: true }]}>
          <UnitSelect
            selectedLabel={existing?.unitName ?? defaultUnit?.name}
            onChange={() => form.setFieldValue('departmentId', null)}
            data-testid="person-unit"
          />
        </Form.Item>
        <Form.Item name="departmentId" label={t('department')}>
          <Select allowClear options={departments.map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item
          name="employeeNo"
          label={t('employeeNo')}
          rules={[{ required: true, max: 32, pattern: /^[A-Za-z0-9_.-]+$/ }]}
        >
          <Input data-testid="person-employee-no" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('personName')}
          rules={[{ required: true, whitespace: true, max: 50 }]}
        >
          <Input data-testid="person-name" />
        </Form.Item>
        <Form.Item name="gender" label={t('gender')}>
          <Radio.Group
            options={[
              { value: 'male', label: t('gender_male') },
              { value: 'female', label: t('gender_female') },
            ]}
          />
        </Form.Item>
        <Form.Item name="rank" label={t('rank')} rules={[{ required: true }]}>
          <Select options={ranks.map((r) => ({ value: r.code, label: r.label }))} data-testid="person-rank" />
        </Form.Item>
        <Form.Item name="position" label={t('position')} rules={[{ max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('phone')} rules={[{ max: 30, pattern: /^[0-9+\-() ]+$/ }]}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="email" label={t('email')} rules={[{ max: 120, type: 'email' }]}>
          <Input inputMode="email" data-testid="person-email" />
        </Form.Item>
        <Form.Item name="status" label={t('status')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={PERSON_STATUSES.map((s) => ({ value: s, label: t(`status_${s}`) }))}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
