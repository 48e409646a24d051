import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Descriptions, QRCode, Result, Spin, Typography } from 'antd';
import { useParams } from 'react-router';
import { useT } from '../../../app/i18n.ts';
import { LocaleSwitch } from '../../../shared/LocaleSwitch.tsx';
import { fmtDateTime } from '../../../shared/format.ts';
import { visitorsApi, type Pass } from '../api.ts';
import { m } from '../messages.ts';

/** The visitor's pass behind an unguessable link: status, and the QR code + pass code once approved. */
export default function PassPage() {
  const t = useT(m);
  const { token = '' } = useParams();
  const [pass, setPass] = useState<Pass | null>(null);
  const [missing, setMissing] = useState(false);
  const load = useCallback(() => {
    visitorsApi.pass(token).then(setPass, () => setMissing(true));
  }, [token]);
  useEffect(load, [load]);

  if (missing) return <Result status="404" title={t('linkInvalid')} />;
  if (!pass) return <Spin style={{ display: 'block', margin: 48 }} />;

  const details = (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label={t('visitor')}>{pass.visitorName}</Descriptions.Item>
      <Descriptions.Item label={t('host')}>
        {t('withNote', { a: pass.hostName, b: pass.unitName })}
      </Descriptions.Item>
      <Descriptions.Item label={t('site')}>
        {pass.siteName}
        {pass.siteAddress ? ` · ${pass.siteAddress}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('time')}>
        {fmtDateTime(pass.startsAt)} – {fmtDateTime(pass.endsAt)}
      </Descriptions.Item>
      {pass.plate && <Descriptions.Item label={t('plate')}>{pass.plate}</Descriptions.Item>}
    </Descriptions>
  );

  let head;
  if (pass.passCode) {
    head = (
      <div style={{ textAlign: 'center' }} data-testid="pass-valid">
        <QRCode value={pass.passCode} size={220} style={{ margin: '0 auto' }} />
        <Typography.Title level={2} style={{ letterSpacing: 6, margin: '12px 0 0' }} data-testid="pass-code">
          {pass.passCode}
        </Typography.Title>
        <Typography.Text type="secondary">{t('passShow')}</Typography.Text>
      </div>
    );
  } else if (pass.status === 'pending' && !pass.expired) {
    head = (
      <Result
        status="info"
        title={<span data-testid="pass-pending">{t('passPending')}</span>}
        subTitle={t('passPendingSub')}
        extra={<Button onClick={load}>{t('refresh')}</Button>}
      />
    );
  } else if (pass.status === 'checked_in' || pass.status === 'checked_out') {
    head = <Result status="success" title={<span data-testid="pass-used">{t('passUsed')}</span>} />;
  } else if (pass.status === 'declined' || pass.status === 'cancelled') {
    head = <Result status="error" title={t('passDeclined')} subTitle={pass.declineReason ?? undefined} />;
  } else {
    head = <Result status="warning" title={<span data-testid="pass-expired">{t('passExpired')}</span>} />;
  }

  return (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 16 }}>
      <Card title={t('passTitle')} extra={<LocaleSwitch testId="pass-language" />}>
        {head}
        <div style={{ marginTop: 16 }}>{details}</div>
      </Card>
    </div>
  );
}
