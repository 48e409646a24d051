import { useEffect, useMemo, useRef, useState } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { useT } from '../../app/i18n.ts';
import { api, type Page } from '../../shared/api.ts';
import { UnitSelect } from '../../shared/OrgSelects.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { visitorsApi, type ManagedSite, type SiteInput } from './api.ts';
import { m } from './messages.ts';

interface Option {
  value: string;
  label: string;
}

/** Picks several people by name or employee number; the current guards keep their labels. */
function GuardSelect({
  value,
  onChange,
  initial,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  initial: Option[];
}) {
  const t = useT(m);
  const [found, setFound] = useState<Option[]>([]);
  const timer = useRef<number | undefined>(undefined);
  const search = (q: string) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      api
        .get<Page<{ id: string; name: string; unitName: string; employeeNo: string }>>('/api/org/people', {
          q,
          pageSize: 30,
        })
        .then(
          (page) =>
            setFound(
              page.items.map((p) => ({ value: p.id, label: `${p.name} · ${p.unitName} (${p.employeeNo})` })),
            ),
          () => setFound([]),
        );
    }, 250);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const options = useMemo(
    () => [...initial, ...found.filter((f) => !initial.some((i) => i.value === f.value))],
    [initial, found],
  );
  return (
    <Select<string[]>
      mode="multiple"
      value={value}
      onChange={onChange}
      options={options}
      showSearch={{ filterOption: false, onSearch: search }}
      onFocus={() => found.length === 0 && search('')}
      placeholder={t('searchPeople')}
      data-testid="site-guards"
    />
  );
}

/** Adds a visitor site or edits one (name, address, unit, guards); its checks have their own dialog. */
export function SiteForm({
  site,
  open,
  onClose,
  onSaved,
}: {
  /** null: a new site */
  site: ManagedSite | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT(m);
  const showError = useApiError();
  const [form] = Form.useForm<SiteInput>();
  const [busy, setBusy] = useState(false);
  const initialGuards = useMemo(
    () => (site?.guards ?? []).map((g) => ({ value: g.personId, label: `${g.name} · ${g.unitName}` })),
    [site],
  );
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (site) {
      form.setFieldsValue({
        name: site.name,
        address: site.address,
        unitId: site.unitId,
        guardIds: site.guards.map((g) => g.personId),
      });
    }
  }, [open, site, form]);

  const save = async (v: SiteInput) => {
    const body: SiteInput = {
      name: v.name.trim(),
      address: v.address?.trim() || null,
      unitId: v.unitId,
      guardIds: v.guardIds ?? [],
    };
    setBusy(true);
    try {
      if (site) await visitorsApi.updateSite(site.id, body);
      else await visitorsApi.createSite(body);
      onSaved();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={site ? `${t('editSite')} · ${site.name}` : t('addSite')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      confirmLoading={busy}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={save} data-testid="site-form">
        <Form.Item
          name="name"
          label={t('siteName')}
          rules={[{ required: true, whitespace: true, message: t('required') }]}
        >
          <Input maxLength={60} data-testid="site-name" />
        </Form.Item>
        <Form.Item name="address" label={t('siteAddress')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="unitId" label={t('siteUnit')} rules={[{ required: true, message: t('required') }]}>
          <UnitSelect selectedLabel={site?.unitName ?? null} data-testid="site-unit" />
        </Form.Item>
        <Form.Item name="guardIds" label={t('siteGuards')} extra={t('siteGuardsHint')}>
          <GuardSelect initial={initialGuards} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
