import { Tabs } from 'antd';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { PERM } from '../../app/permissions.ts';
import { useSession } from '../../app/session.tsx';
import { NotFound, PageHeader, RequirePermission } from '../../shared/Page.tsx';
import { AccountsPage } from './AccountsPage.tsx';
import { m } from './messages.ts';
import { TokensPage } from './TokensPage.tsx';

/** 账号与角色: accounts (accounts.read) and machine tokens (tokens.manage). */
export default function AccountsModule() {
  const t = useT(m);
  const { can } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const sub = location.pathname.replace(/^\/accounts\/?/, '').replace(/\/$/, '');
  const tab = sub === 'tokens' ? 'tokens' : 'accounts';
  const tabs = [
    ...(can(PERM.accountsRead) ? [{ key: 'accounts', label: t('tabAccounts') }] : []),
    ...(can(PERM.tokensManage)
      ? [{ key: 'tokens', label: <span data-testid="tab-tokens">{t('tabTokens')}</span> }]
      : []),
  ];
  // an unknown sub-path is the shell's 404, without this page's title and tabs above it
  if (sub !== '' && sub !== 'tokens') return <NotFound />;
  return (
    <>
      <PageHeader title={t('title')} />
      {tabs.length > 1 && (
        <Tabs
          activeKey={tab}
          items={tabs}
          onChange={(k) => navigate(k === 'tokens' ? '/accounts/tokens' : '/accounts')}
        />
      )}
      <Routes>
        <Route
          index
          element={can(PERM.accountsRead) ? <AccountsPage /> : <Navigate to="/accounts/tokens" replace />}
        />
        <Route
          path="tokens"
          element={
            <RequirePermission any={[PERM.tokensManage]}>
              <TokensPage />
            </RequirePermission>
          }
        />
      </Routes>
    </>
  );
}
