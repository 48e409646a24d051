import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Table, Tag } from 'antd';
import { useT } from '../../app/i18n.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { ItemList } from '../../shared/ItemList.tsx';
import { roomsApi, type Booking, type Feed } from './api.ts';
import { FeedUrlModal } from './FeedUrlModal.tsx';
import { BookingItem } from './mine.tsx';
import { m } from './messages.ts';

/** My bookings (with .ics, check-in, cancel) and my calendar feeds. */
export function MinePage() {
  const t = useT(m);
  const { message } = App.useApp();
  const showError = useApiError();
  const [items, setItems] = useState<Booking[] | null>(null);
  const [feeds, setFeeds] = useState<Feed[]>([]);
  const [feedUrl, setFeedUrl] = useState<string | null>(null);
  const load = useCallback(() => {
    roomsApi.mine().then(setItems, (e: unknown) => {
      setItems([]);
      showError(e);
    });
    roomsApi.feeds().then(setFeeds, showError);
  }, [showError]);
  useEffect(load, [load]);

  const subscribe = async () => {
    try {
      const f = await roomsApi.createFeed({ kind: 'person' });
      setFeedUrl(f.url);
      load();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <>
      <PageHeader
        title={t('menuMine')}
        extra={
          <Button onClick={() => void subscribe()} data-testid="feed-subscribe">
            {t('subscribe')}
          </Button>
        }
      />
      <Card size="small">
        <ItemList
          loading={items === null}
          items={items}
          rowKey="id"
          empty={t('noBookings')}
          renderItem={(b) => <BookingItem b={b} onChange={load} />}
        />
      </Card>
      {feeds.length > 0 && (
        <Card size="small" title={t('feeds')} style={{ marginTop: 16 }}>
          <Table<Feed>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={feeds}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: t('name'),
                key: 'name',
                render: (_, f) =>
                  f.kind === 'person' ? t('feedPerson') : t('feedRoom', { room: f.roomName ?? '' }),
              },
              { title: t('createdAt'), dataIndex: 'createdAt', render: (v: string) => fmtDateTime(v) },
              { title: t('lastRead'), dataIndex: 'lastReadAt', render: (v: string | null) => fmtDateTime(v) },
              {
                title: t('actions'),
                key: 'a',
                render: (_, f) =>
                  f.revokedAt ? (
                    <Tag>{t('revoked')}</Tag>
                  ) : (
                    <Button
                      size="small"
                      danger
                      onClick={async () => {
                        try {
                          await roomsApi.revokeFeed(f.id);
                          void message.success(t('revoked'));
                          load();
                        } catch (e) {
                          showError(e);
                        }
                      }}
                    >
                      {t('revoke')}
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
      )}
      <FeedUrlModal url={feedUrl} title={t('subscribeTitle')} onClose={() => setFeedUrl(null)} />
    </>
  );
}
