import { lazy, Suspense, useEffect } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { BrowserRouter, Route, Routes } from 'react-router';
import { NotFound, RequirePermission } from '../shared/Page.tsx';
import { getLocale, useLocale, useT } from './i18n.ts';
import { webModules } from './modules.ts';
import { shell } from './messages.ts';
import { PERM } from './permissions.ts';
import { SessionProvider } from './session.tsx';
import { PageLoading, RequireSession } from './Shell.tsx';

dayjs.locale(getLocale() === 'en' ? 'en' : 'zh-cn');

// every module is its own chunk, loaded when first opened
const LoginPage = lazy(() => import('./LoginPage.tsx'));
const HomeModule = lazy(() => import('../modules/home/HomePage.tsx'));
const OrgModule = lazy(() => import('../modules/org/index.tsx'));
const AccountsModule = lazy(() => import('../modules/accounts/index.tsx'));
const ApprovalsModule = lazy(() => import('../modules/approvals/index.tsx'));
const NotificationsPage = lazy(() => import('../modules/approvals/NotificationsPage.tsx'));
const AuditModule = lazy(() => import('../modules/audit/AuditPage.tsx'));
const CalendarModule = lazy(() => import('../modules/calendar/CalendarPage.tsx'));

function Routed() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        {webModules.flatMap((m) =>
          (m.publicPages ?? []).map((p) => <Route key={p.path} path={p.path} element={<p.Component />} />),
        )}
        <Route element={<RequireSession />}>
          <Route index element={<HomeModule />} />
          {webModules.map((m) => (
            <Route
              key={m.key}
              path={`${m.path}/*`}
              element={
                m.permissions ? (
                  <RequirePermission any={m.permissions}>
                    <m.Component />
                  </RequirePermission>
                ) : (
                  <m.Component />
                )
              }
            />
          ))}
          <Route
            path="org/*"
            element={
              <RequirePermission any={[PERM.orgRead]}>
                <OrgModule />
              </RequirePermission>
            }
          />
          <Route
            path="accounts/*"
            element={
              <RequirePermission any={[PERM.accountsRead, PERM.tokensManage]}>
                <AccountsModule />
              </RequirePermission>
            }
          />
          <Route path="approvals/*" element={<ApprovalsModule />} />
          <Route path="notifications" element={<NotificationsPage />} />
          <Route
            path="audit"
            element={
              <RequirePermission any={[PERM.auditRead]}>
                <AuditModule />
              </RequirePermission>
            }
          />
          <Route path="calendar" element={<CalendarModule />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

export function App() {
  const locale = useLocale();
  const t = useT(shell);
  useEffect(() => {
    dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
    document.documentElement.lang = locale;
    document.title = t('appName');
  }, [locale, t]);

  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}
    >
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <Routed />
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
