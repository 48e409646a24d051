import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { api } from '../shared/api.ts';
import { useT } from './i18n.ts';
import { shell } from './messages.ts';

/** Pages that change what is unread dispatch this event so the bell refreshes at once. */
export const NOTIFICATIONS_CHANGED = 'goa:notifications-changed';

export function notifyNotificationsChanged(): void {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}

const POLL_MS = 60_000;

export function NotificationBell() {
  const t = useT(shell);
  const navigate = useNavigate();
  const [count, setCount] = useState(0);

  const load = useCallback(() => {
    api.get<{ count: number }>('/api/notifications/unread-count').then(
      (answer) => setCount(answer.count),
      // the bell is not worth an error toast; it tries again on the next tick
      () => undefined,
    );
  }, []);

  useEffect(() => {
    load();
    const timer = window.setInterval(load, POLL_MS);
    const onChange = load;
    window.addEventListener(NOTIFICATIONS_CHANGED, onChange);
    window.addEventListener('focus', onChange);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, onChange);
      window.removeEventListener('focus', onChange);
    };
  }, [load]);

  return (
    <Tooltip title={t('notifications')}>
      <Badge count={count} size="small" offset={[-4, 4]}>
        <Button
          type="text"
          aria-label={t('notifications')}
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          onClick={() => navigate('/notifications')}
          data-testid="notifications-bell"
        />
      </Badge>
    </Tooltip>
  );
}
