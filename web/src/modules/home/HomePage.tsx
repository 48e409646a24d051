import { useEffect, useState, type ReactNode } from 'react';
import { Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  FileAddOutlined,
  FileDoneOutlined,
  KeyOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router';
import { useLocale, useT } from '../../app/i18n.ts';
import { PERM } from '../../app/permissions.ts';
import { useMe, useSession } from '../../app/session.tsx';
import { api } from '../../shared/api.ts';
import { fmtDateTime, nowInZone } from '../../shared/format.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { approvalsApi, type MatterRow } from '../approvals/api.ts';
import { StatusTag } from '../approvals/StatusTag.tsx';
import { greetingKey, m } from './messages.ts';

interface Counts {
  pending: number | null;
  inProgress: number | null;
  unread: number | null;
}

interface QuickLink {
  to: string;
  label: Parameters<ReturnType<typeof useT<keyof (typeof m)['zh-CN']>>>[0];
  icon: ReactNode;
  show: boolean;
}

export default function HomePage() {
  const t = useT(m);
  const locale = useLocale();
  const me = useMe();
  const { can } = useSession();
  const [counts, setCounts] = useState<Counts>({ pending: null, inProgress: null, unread: null });
  const [recent, setRecent] = useState<MatterRow[] | null>(null);

  useEffect(() => {
    let live = true;
    const total = (p: Promise<{ total: number }>) => p.then((r) => r.total).catch(() => null);
    void Promise.all([
      total(approvalsApi.inbox({ pageSize: 1, state: 'pending' })),
      total(approvalsApi.mine({ pageSize: 1, status: 'submitted' })),
      api
        .get<{ count: number }>('/api/notifications/unread-count')
        .then((r) => r.count)
        .catch(() => null),
    ]).then(([pending, inProgress, unread]) => live && setCounts({ pending, inProgress, unread }));
    approvalsApi
      .mine({ pageSize: 5, sort: '-updatedAt' })
      .then((p) => live && setRecent(p.items))
      .catch(() => live && setRecent([]));
    return () => {
      live = false;
    };
  }, [locale]);

  const links: QuickLink[] = [
    { to: '/approvals/new', label: 'qNewRequest', icon: <FileAddOutlined />, show: true },
    { to: '/approvals/inbox', label: 'qInbox', icon: <FileDoneOutlined />, show: true },
    { to: '/org/people', label: 'qPeople', icon: <TeamOutlined />, show: can(PERM.orgRead) },
    { to: '/org', label: 'qOrg', icon: <ApartmentOutlined />, show: can(PERM.orgRead) },
    { to: '/accounts', label: 'qAccounts', icon: <KeyOutlined />, show: can(PERM.accountsRead) },
    { to: '/audit', label: 'qAudit', icon: <AuditOutlined />, show: can(PERM.auditRead) },
    { to: '/calendar', label: 'qCalendar', icon: <CalendarOutlined />, show: true },
  ];

  const now = nowInZone();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="home-greeting">
          {t(greetingKey(now.hour()), { name: me.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('today', { date: now.format(locale === 'en' ? 'dddd, D MMMM YYYY' : 'YYYY年M月D日 dddd') })}
        </Typography.Text>
        <div style={{ marginTop: 8 }}>
          <Space size={[4, 4]} wrap>
            {me.roles.map((r, i) => (
              <Tag key={i} color="blue">
                {r.label}
              </Tag>
            ))}
          </Space>
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={8}>
          <Link to="/approvals/inbox" data-testid="home-pending">
            <Card hoverable>
              <Statistic
                title={t('pending')}
                value={counts.pending ?? '—'}
                styles={{ content: { color: '#1677ff' } }}
              />
            </Card>
          </Link>
        </Col>
        <Col xs={12} sm={8}>
          <Link to="/approvals/mine">
            <Card hoverable>
              <Statistic title={t('inProgress')} value={counts.inProgress ?? '—'} />
            </Card>
          </Link>
        </Col>
        <Col xs={12} sm={8}>
          <Link to="/notifications">
            <Card hoverable>
              <Statistic title={t('unread')} value={counts.unread ?? '—'} />
            </Card>
          </Link>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('recent')} extra={<Link to="/approvals/mine">{t('allMine')}</Link>}>
            <ItemList<MatterRow>
              loading={recent === null}
              items={recent ?? []}
              rowKey="id"
              empty={t('noRecent')}
              renderItem={(r) => (
                <ItemRow
                  extra={<StatusTag status={r.status} label={r.statusLabel} />}
                  title={<Link to={`/approvals/matters/${r.id}`}>{r.title}</Link>}
                  description={`${r.typeLabel} · ${fmtDateTime(r.updatedAt)}`}
                />
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('quickLinks')}>
            <Row gutter={[12, 12]}>
              {links
                .filter((l) => l.show)
                .map((l) => (
                  <Col key={l.to} xs={12} sm={8} lg={12}>
                    <Link to={l.to} className="goa-quick-link">
                      <span className="goa-quick-icon">{l.icon}</span>
                      <span>{t(l.label)}</span>
                    </Link>
                  </Col>
                ))}
            </Row>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
