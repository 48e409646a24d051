import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Dropdown, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { PERM } from '../../app/permissions.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { common } from '../../shared/messages.ts';
import { UnitSelect } from '../../shared/OrgSelects.tsx';
import { SearchInput } from '../../shared/SearchInput.tsx';
import { usePagedTable } from '../../shared/table.ts';
import { accountsApi, type Account, type RoleDef } from './api.ts';
import { AccountDialog, PasswordResetDialog } from './AccountDialogs.tsx';
import { m } from './messages.ts';
import { RolesDrawer } from './RolesDrawer.tsx';

type Filters = { q?: string; role?: string; unitId?: string; disabled?: string };
const NO_FILTERS: Filters = {};

export function AccountsPage() {
  const t = useT(m);
  const c = useT(common);
  const { can } = useSession();
  const writable = can(PERM.accountsWrite);
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const table = usePagedTable<Account, Filters>(accountsApi.list, NO_FILTERS);
  const [roles, setRoles] = useState<RoleDef[]>([]);
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [rolesOf, setRolesOf] = useState<Account | null>(null);

  useEffect(() => {
    accountsApi.roles().then(setRoles, showError);
  }, [showError]);

  const act = useCallback(
    async (fn: () => Promise<unknown>, done: string) => {
      try {
        await fn();
        void message.success(done);
        table.reload();
      } catch (e) {
        showError(e);
      }
    },
    [message, showError, table],
  );

  const columns = useMemo<TableColumnsType<Account>>(
    () => [
      { title: t('username'), dataIndex: 'username', key: 'username', sorter: true, fixed: 'left' },
      { title: t('displayName'), dataIndex: 'displayName', key: 'displayName', sorter: true },
      {
        title: t('unit'),
        key: 'unit',
        render: (_, a) => a.unitName ?? <Typography.Text type="secondary">—</Typography.Text>,
      },
      {
        title: t('roles'),
        key: 'roles',
        render: (_, a) =>
          a.roles.length === 0 ? (
            <Typography.Text type="secondary">{t('noRoles')}</Typography.Text>
          ) : (
            <Space size={[4, 4]} wrap>
              {a.roles.map((r) => (
                <Tag key={r.id} color="geekblue">
                  {r.label}
                  {r.scopeKind !== 'city' &&
                    ` · ${r.unitName ?? r.jurisdictionName ?? t(`scope_${r.scopeKind}`)}`}
                </Tag>
              ))}
            </Space>
          ),
      },
      {
        title: t('state'),
        key: 'state',
        render: (_, a) =>
          a.disabled ? (
            <Tag>{t('disabled')}</Tag>
          ) : a.lockedUntil && new Date(a.lockedUntil) > new Date() ? (
            <Tag color="orange">{t('locked', { until: fmtDateTime(a.lockedUntil) })}</Tag>
          ) : (
            <Tag color="green">{t('enabled')}</Tag>
          ),
      },
      {
        title: t('lastLogin'),
        dataIndex: 'lastLoginAt',
        key: 'lastLoginAt',
        render: (v: string | null) =>
          v ? fmtDateTime(v) : <Typography.Text type="secondary">{t('never')}</Typography.Text>,
      },
      ...(writable
        ? [
            {
              title: c('actions'),
              key: 'actions',
              fixed: 'right' as const,
              render: (_: unknown, a: Account) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setRolesOf(a)} data-testid="account-roles">
                    {t('manageRoles')}
                  </Button>
                  <Dropdown
                    trigger={['click']}
                    menu={{
                      items: [
                        { key: 'edit', label: t('editAccount'), onClick: () => setEditing(a) },
                        { key: 'reset', label: t('resetPassword'), onClick: () => setResetting(a) },
                        ...(a.lockedUntil
                          ? [
                              {
                                key: 'unlock',
                                label: t('unlock'),
                                onClick: () => void act(() => accountsApi.unlock(a.id), t('unlocked')),
                              },
                            ]
                          : []),
                        a.disabled
                          ? {
                              key: 'enable',
                              label: t('enable'),
                              onClick: () =>
                                void act(() => accountsApi.update(a.id, { disabled: false }), c('saved')),
                            }
                          : {
                              key: 'disable',
                              danger: true,
                              label: t('disable'),
                              onClick: () =>
                                modal.confirm({
                                  title: t('confirmDisable'),
                                  okButtonProps: { danger: true },
                                  onOk: () =>
                                    act(() => accountsApi.update(a.id, { disabled: true }), c('saved')),
                                }),
                            },
                      ],
                    }}
                  >
                    <Button type="text" size="small" icon={<MoreOutlined />} aria-label={c('actions')} />
                  </Dropdown>
                </Space>
              ),
            },
          ]
        : []),
    ],
    [t, c, writable, act, modal],
  );

  return (
    <>
      <div className="goa-filters">
        <SearchInput
          placeholder={t('searchPlaceholder')}
          onSearch={(q) => table.setFilters({ q })}
          style={{ width: 220 }}
          testId="accounts-search"
        />
        <Select
          allowClear
          placeholder={t('role')}
          options={roles.map((r) => ({ value: r.role, label: r.label }))}
          onChange={(role?: string) => table.setFilters({ role })}
          style={{ width: 180 }}
        />
        <UnitSelect
          placeholder={t('unit')}
          onChange={(unitId?: string) => table.setFilters({ unitId })}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder={t('statusFilter')}
          options={[
            { value: 'false', label: t('enabled') },
            { value: 'true', label: t('disabled') },
          ]}
          onChange={(disabled?: string) => table.setFilters({ disabled })}
          style={{ width: 120 }}
        />
        <div style={{ flex: 1 }} />
        {writable && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="account-new"
          >
            {t('newAccount')}
          </Button>
        )}
      </div>
      <Table<Account> rowKey="id" columns={columns} {...table.tableProps} />
      <AccountDialog
        account={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          table.reload();
        }}
      />
      <PasswordResetDialog account={resetting} onClose={() => setResetting(null)} />
      <RolesDrawer
        account={rolesOf}
        roles={roles}
        onClose={() => setRolesOf(null)}
        onChanged={(a) => {
          setRolesOf(a);
          table.reload();
        }}
      />
    </>
  );
}
