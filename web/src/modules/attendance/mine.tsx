import { useEffect, useState } from 'react';
import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { nowInZone } from '../../shared/format.ts';
import { attendanceApi, type MyMonth, type Today } from './api.ts';
import { m } from './messages.ts';
import { clock, StatusTag } from './parts.tsx';

/** Today's punches and this month's summary, for the "我的" page. */
export function MineSection() {
  const t = useT(m);
  const [today, setToday] = useState<Today | null>(null);
  const [month, setMonth] = useState<MyMonth | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    attendanceApi.today().then(setToday, () => setFailed(true));
    attendanceApi.month(nowInZone().format('YYYY-MM')).then(setMonth, () => setFailed(true));
  }, []);
  return (
    <Card
      size="small"
      title={t('mineToday')}
      extra={<Link to="/attendance">{t('open')}</Link>}
      loading={!failed && (!today || !month)}
    >
      {failed || !today?.rule ? (
        <Typography.Text type="secondary">{t('noRule')}</Typography.Text>
      ) : (
        <Space orientation="vertical" size={6} style={{ width: '100%' }}>
          <Space wrap>
            {today.result && <StatusTag status={today.result.status} lateMin={today.result.lateMin} />}
            {today.punches.length === 0 ? (
              <Typography.Text type="secondary">{t('noPunches')}</Typography.Text>
            ) : (
              today.punches.map((p) => <Tag key={p.id}>{clock(p.at)}</Tag>)
            )}
          </Space>
          {month && (
            <Typography.Text data-testid="mine-attendance-month">
              {t('mineMonth', {
                present: month.summary.daysPresent,
                due: month.summary.daysDue,
                late: month.summary.late,
                leave: month.summary.leave,
                trip: month.summary.trip,
              })}
            </Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}
