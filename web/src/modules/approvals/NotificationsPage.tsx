import { useCallback } from 'react';
import { App, Badge, Button, Space, Switch, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { notifyNotificationsChanged } from '../../app/NotificationBell.tsx';
import { api, type Page, type Query } from '../../shared/api.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { usePagedTable } from '../../shared/table.ts';
import { m } from './messages.ts';

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

type Filters = { unread?: string };
const NO_FILTERS: Filters = {};
const list = (q: Query) => api.get<Page<Notification>>('/api/notifications', q);

export default function NotificationsPage() {
  const t = useT(m);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useApiError();
  const table = usePagedTable<Notification, Filters>(list, NO_FILTERS);

  const markRead = useCallback(async (n: Notification) => {
    if (n.readAt) return;
    await api.post(`/api/notifications/${n.id}/read`);
    notifyNotificationsChanged();
  }, []);

  const open = async (n: Notification) => {
    try {
      await markRead(n);
    } catch (e) {
      showError(e);
    }
    if (n.link?.startsWith('/')) navigate(n.link);
    else table.reload();
  };

  const readAll = async () => {
    try {
      const { marked } = await api.post<{ marked: number }>('/api/notifications/read-all');
      notifyNotificationsChanged();
      void message.success(`${t('read')} ${marked}`);
      table.reload();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <>
      <PageHeader
        title={t('notifications')}
        extra={
          <Space wrap>
            <Space size={4}>
              <Switch
                size="small"
                onChange={(on) => table.setFilters({ unread: on ? 'true' : undefined })}
                data-testid="notifications-unread-only"
              />
              <Typography.Text>{t('unreadOnly')}</Typography.Text>
            </Space>
            <Button onClick={() => void readAll()} data-testid="notifications-read-all">
              {t('markAllRead')}
            </Button>
          </Space>
        }
      />
      <ItemList<Notification>
        className="goa-card-list"
        loading={table.loading}
        empty={table.filters.unread ? t('noUnread') : t('noNotifications')}
        items={table.data?.items ?? []}
        rowKey="id"
        pagination={table.listPagination}
        renderItem={(n) => (
          <ItemRow
            actions={[
              n.link && (
                <Button key="open" type="link" size="small" onClick={() => void open(n)}>
                  {t('open')}
                </Button>
              ),
              !n.readAt && (
                <Button
                  key="read"
                  type="link"
                  size="small"
                  onClick={() => void markRead(n).then(table.reload, showError)}
                >
                  {t('markRead')}
                </Button>
              ),
            ]}
            testId="notification-item"
            title={
              <Space>
                {!n.readAt && <Badge status="processing" />}
                <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
              </Space>
            }
            description={
              <>
                {n.body && <div>{n.body}</div>}
                <Typography.Text type="secondary">{fmtDateTime(n.createdAt)}</Typography.Text>
              </>
            }
          />
        )}
      />
    </>
  );
}
