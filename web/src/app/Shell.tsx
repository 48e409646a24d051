import { Suspense, useMemo, useState } from 'react';
import {
  App,
  Avatar,
  Button,
  Drawer,
  Dropdown,
  Grid,
  Layout,
  Menu,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { MenuProps } from 'antd';
import {
  ApiOutlined,
  GlobalOutlined,
  LockOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { RefusedPageContext } from '../shared/Page.tsx';
import { ChangePasswordDialog } from './ChangePasswordDialog.tsx';
import { setLocale, useLocale, useT, type Locale } from './i18n.ts';
import { shell } from './messages.ts';
import { menuSelection, NAV, parentKey, visibleNav, type NavItem } from './nav.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { ADMIN_ROLES } from './permissions.ts';
import { useScopeLabel } from './scope.ts';
import { useSession, type Me } from './session.tsx';

type MenuItem = Required<MenuProps>['items'][number];

function toMenuItems(
  items: readonly NavItem[],
  t: ReturnType<typeof useT<keyof (typeof shell)['zh-CN']>>,
  locale: Locale,
  onGo: () => void,
): MenuItem[] {
  const name = (label: NavItem['label']) => (typeof label === 'string' ? t(label) : label[locale]);
  return items.map((item) =>
    item.children
      ? {
          key: item.key,
          icon: item.icon,
          label: name(item.label),
          children: toMenuItems(item.children, t, locale, onGo),
        }
      : {
          key: item.key,
          icon: item.icon,
          label: (
            // the full name on hover: a long entry is cut with an ellipsis at the sider's width
            <Link
              to={item.path ?? '/'}
              onClick={onGo}
              title={name(item.label)}
              data-testid={`menu-${item.key}`}
            >
              {name(item.label)}
            </Link>
          ),
        },
  );
}

export function PageLoading() {
  return (
    <div className="goa-page-loading">
      <Spin size="large" />
    </div>
  );
}

/** Signed-in pages: the layout around every module; sends anonymous visitors to the login page. */
export function RequireSession() {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <PageLoading />;
  if (!me) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Shell me={me} />;
}

function Shell({ me }: { me: Me }) {
  const t = useT(shell);
  const locale = useLocale();
  const { can, logout } = useSession();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  // the path of the page showing 403/404, if any: the menu highlights nothing there
  const [refused, setRefused] = useState<string | null>(null);
  const scope = useScopeLabel(me);

  const nav = useMemo(() => visibleNav(NAV, can), [can]);
  const items = useMemo(() => toMenuItems(nav, t, locale, () => setDrawer(false)), [nav, t, locale]);
  const selected = refused === location.pathname ? undefined : menuSelection(NAV, nav, location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(() => {
    const p = parentKey(nav, selected);
    return p ? [p] : ['approvals'];
  });
  const isAdmin = me.roles.some((r) => (ADMIN_ROLES as readonly string[]).includes(r.role));

  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      openKeys={collapsed && !isPhone ? undefined : openKeys}
      onOpenChange={setOpenKeys}
      style={{ borderInlineEnd: 'none' }}
      data-testid="main-menu"
    />
  );

  const userMenu: MenuProps['items'] = [
    {
      key: 'roles',
      type: 'group',
      label: t('myRoles'),
      children: me.roles.map((r, i) => ({ key: `role-${i}`, label: r.label, disabled: true })),
    },
    { type: 'divider' },
    {
      key: 'language',
      icon: <GlobalOutlined />,
      label: locale === 'en' ? '切换到中文' : 'Switch to English',
      onClick: () => setLocale(locale === 'en' ? 'zh-CN' : 'en'),
    },
    {
      key: 'password',
      icon: <LockOutlined />,
      label: t('changePassword'),
      onClick: () => setPasswordOpen(true),
    },
    ...(isAdmin
      ? [
          {
            key: 'docs',
            icon: <ApiOutlined />,
            label: (
              <a href="/api/docs" target="_blank" rel="noreferrer" data-testid="user-menu-api-docs">
                {t('apiDocs')}
              </a>
            ),
          },
        ]
      : []),
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="user-menu-logout">{t('signOut')}</span>,
      onClick: () => {
        void logout().then(() => {
          void message.success(t('signedOut'));
          navigate('/login', { replace: true });
        });
      },
    },
  ];

  const brand = (
    <Link to="/" className="goa-brand" onClick={() => setDrawer(false)}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {(!collapsed || isPhone) && <span>{t('appShort')}</span>}
    </Link>
  );

  return (
    <Layout className="goa-shell">
      {!isPhone && (
        <Layout.Sider
          theme="light"
          width={220}
          collapsed={collapsed}
          className="goa-sider"
          collapsedWidth={64}
        >
          {brand}
          {menu}
        </Layout.Sider>
      )}
      {isPhone && (
        <Drawer
          placement="left"
          open={drawer}
          onClose={() => setDrawer(false)}
          size={260}
          title={brand}
          styles={{ body: { padding: 0 } }}
        >
          {menu}
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="goa-header">
          <Button
            type="text"
            aria-label={t('openMenu')}
            icon={isPhone ? <MenuOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => (isPhone ? setDrawer(true) : setCollapsed(!collapsed))}
            data-testid="menu-toggle"
          />
          {!isPhone && (
            <Typography.Text strong className="goa-header-title">
              {t('appName')}
            </Typography.Text>
          )}
          <Tooltip title={t('scopeLabel')}>
            <Tag color="blue" className="goa-scope" data-testid="header-scope">
              {scope}
            </Tag>
          </Tooltip>
          <div className="goa-header-spacer" />
          <NotificationBell />
          <Dropdown menu={{ items: userMenu }} trigger={['click']} placement="bottomRight">
            <Button type="text" className="goa-user" data-testid="user-menu">
              <Avatar size="small" icon={<UserOutlined />} />
              {!isPhone && <span className="goa-user-name">{me.displayName}</span>}
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content className="goa-content">
          <RefusedPageContext value={setRefused}>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </RefusedPageContext>
        </Layout.Content>
      </Layout>
      <ChangePasswordDialog open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}
