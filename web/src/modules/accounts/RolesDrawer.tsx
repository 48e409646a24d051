import { useState } from 'react';
import { App, Button, Divider, Drawer, Empty, Form, Popconfirm, Radio, Select, Tag } from 'antd';
import { useT } from '../../app/i18n.ts';
import type { ScopeKind } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { JurisdictionSelect, UnitSelect } from '../../shared/OrgSelects.tsx';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { accountsApi, type Account, type RoleDef } from './api.ts';
import { m } from './messages.ts';

const SCOPES: ScopeKind[] = ['city', 'jurisdiction', 'unit', 'self'];

interface GrantValues {
  role: string;
  scopeKind: ScopeKind;
  jurisdictionId?: string;
  unitId?: string;
}

/** An account's role assignments: revoke one, or grant a role with a scope. */
export function RolesDrawer({
  account,
  roles,
  onClose,
  onChanged,
}: {
  account: Account | null;
  roles: RoleDef[];
  onClose: () => void;
  onChanged: (a: Account) => void;
}) {
  const t = useT(m);
  const isPhone = useIsPhone();
  const [form] = Form.useForm<GrantValues>();
  const scopeKind = Form.useWatch('scopeKind', form);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const showError = useApiError();

  const grant = async (v: GrantValues) => {
    if (!account) return;
    setBusy(true);
    try {
      const next = await accountsApi.grant(account.id, {
        role: v.role,
        scopeKind: v.scopeKind,
        jurisdictionId: v.scopeKind === 'jurisdiction' ? (v.jurisdictionId ?? null) : null,
        unitId: v.scopeKind === 'unit' ? (v.unitId ?? null) : null,
      });
      void message.success(t('granted'));
      form.resetFields(['role']);
      onChanged(next);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (assignmentId: string) => {
    if (!account) return;
    try {
      await accountsApi.revoke(account.id, assignmentId);
      void message.success(t('revoked'));
      onChanged({ ...account, roles: account.roles.filter((r) => r.id !== assignmentId) });
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Drawer
      open={account !== null}
      onClose={onClose}
      title={`${t('manageRoles')} · ${account?.displayName ?? ''}`}
      size={isPhone ? '100%' : 520}
      destroyOnHidden
    >
      {account && account.roles.length === 0 && <Empty description={t('noRoles')} />}
      {account && account.roles.length > 0 && (
        <ItemList
          items={account.roles}
          rowKey="id"
          renderItem={(r) => (
            <ItemRow
              actions={[
                <Popconfirm key="revoke" title={t('confirmRevoke')} onConfirm={() => revoke(r.id)}>
                  <Button type="link" danger size="small">
                    {t('revoke')}
                  </Button>
                </Popconfirm>,
              ]}
              title={r.label}
              description={
                <Tag>
                  {t(`scope_${r.scopeKind}`)}
                  {r.scopeKind === 'jurisdiction' && r.jurisdictionName ? ` · ${r.jurisdictionName}` : ''}
                  {r.scopeKind === 'unit' && r.unitName ? ` · ${r.unitName}` : ''}
                </Tag>
              }
            />
          )}
        />
      )}
      <Divider titlePlacement="start">{t('grant')}</Divider>
      <Form<GrantValues>
        form={form}
        layout="vertical"
        initialValues={{ scopeKind: 'unit', unitId: account?.unitId ?? undefined }}
        onFinish={(v) => void grant(v)}
      >
        <Form.Item name="role" label={t('role')} rules={[{ required: true }]}>
          <Select options={roles.map((r) => ({ value: r.role, label: r.label }))} data-testid="grant-role" />
        </Form.Item>
        <Form.Item name="scopeKind" label={t('scopeKind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={SCOPES.map((s) => ({ value: s, label: t(`scope_${s}`) }))}
          />
        </Form.Item>
        {scopeKind === 'jurisdiction' && (
          <Form.Item name="jurisdictionId" label={t('jurisdiction')} rules={[{ required: true }]}>
            <JurisdictionSelect />
          </Form.Item>
        )}
        {scopeKind === 'unit' && (
          <Form.Item name="unitId" label={t('unit')} rules={[{ required: true }]}>
            <UnitSelect selectedLabel={account?.unitName} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="grant-submit">
          {t('grant')}
        </Button>
      </Form>
    </Drawer>
  );
}
