import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { attendanceApi, hhmm, type Today } from './api.ts';
import { m } from './messages.ts';
import { clock, StatusTag } from './parts.tsx';

function position(): Promise<GeolocationPosition> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) {
      reject(new Error('geolocation unsupported'));
      return;
    }
    navigator.geolocation.getCurrentPosition(resolve, reject, {
      enableHighAccuracy: true,
      timeout: 15_000,
      maximumAge: 30_000,
    });
  });
}

/** The person's clock-in page: today's rule, punches and status, and one big button (phone first). */
export default function ClockPage() {
  const t = useT(m);
  const { message } = App.useApp();
  const showError = useApiError();
  const [today, setToday] = useState<Today | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => attendanceApi.today().then(setToday, showError), [showError]);
  useEffect(() => void load(), [load]);

  const punch = async () => {
    setBusy(true);
    try {
      let pos: GeolocationPosition;
      try {
        pos = await position();
      } catch (e) {
        void message.error(
          t('noGeo', { reason: e instanceof Error ? e.message : (e as GeolocationPositionError).message }),
        );
        return;
      }
      const r = await attendanceApi.punch({
        lat: pos.coords.latitude,
        lng: pos.coords.longitude,
        accuracyM: pos.coords.accuracy,
      });
      if (r.inRange === false) void message.warning(t('outOfRangeRecorded'));
      else
        void message.success(
          r.siteName
            ? t('punchedSite', { time: clock(r.at), site: r.siteName })
            : t('punched', { time: clock(r.at) }),
        );
      await load();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const n = today?.punches.length ?? 0;
  const rule = today?.rule;
  return (
    <div style={{ maxWidth: 560, margin: '0 auto' }}>
      <PageHeader
        title={t('clock')}
        sub={t('clockSub')}
        extra={<Link to="/attendance/month">{t('myMonth')}</Link>}
      />
      <Card loading={!today} data-testid="attendance-today">
        {today && !rule && <Empty description={t('noRule')} />}
        {today && rule && (
          <Space orientation="vertical" size="middle" style={{ width: '100%', textAlign: 'center' }}>
            <Typography.Text type="secondary">
              {today.date} ·{' '}
              {t('rule', { start: hhmm(rule.startMin), end: hhmm(rule.endMin), flex: rule.flexMin })}
              {rule.lunchStartMin !== null && rule.lunchEndMin !== null
                ? ` · ${t('lunch', { start: hhmm(rule.lunchStartMin), end: hhmm(rule.lunchEndMin) })}`
                : ''}
            </Typography.Text>
            {today.result && (
              <div>
                <StatusTag status={today.result.status} lateMin={today.result.lateMin} />
              </div>
            )}
            <Button
              type="primary"
              shape="circle"
              size="large"
              loading={busy}
              onClick={() => void punch()}
              data-testid="attendance-punch"
              style={{ width: 160, height: 160, fontSize: 22 }}
            >
              {n === 0 ? t('clockIn') : n === 1 ? t('clockOut') : t('clockAgain')}
            </Button>
          </Space>
        )}
      </Card>
      <Card size="small" title={t('todayPunches')} style={{ marginTop: 16 }}>
        <ItemList
          size="small"
          items={today?.punches ?? []}
          rowKey="id"
          empty={t('noPunches')}
          renderItem={(p) => (
            <ItemRow
              testId="attendance-punch-row"
              extra={
                <Space>
                  <Tag>{t(`source_${p.source}` as 'source_phone')}</Tag>
                  {p.inRange === false && <Tag color="red">{p.distanceM} m</Tag>}
                </Space>
              }
            >
              <Typography.Text strong>{clock(p.at)}</Typography.Text>
            </ItemRow>
          )}
        />
      </Card>
      {today && today.sites.length > 0 && (
        <Card size="small" title={t('sites')} style={{ marginTop: 16 }}>
          <ItemList
            size="small"
            items={today.sites}
            rowKey="id"
            renderItem={(s) => (
              <ItemRow extra={<Typography.Text type="secondary">{s.radiusM} m</Typography.Text>}>
                <EnvironmentOutlined /> {s.name}
              </ItemRow>
            )}
          />
        </Card>
      )}
    </div>
  );
}
