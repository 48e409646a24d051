import { useEffect, useState } from 'react';
import { Alert, Button, Skeleton } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { m } from './messages.ts';
import { vehiclesApi, type Slip } from './api.ts';

/** The printable dispatch slip (派车单). */
export default function SlipPage() {
  const t = useT(m);
  const { id = '' } = useParams();
  const onError = useApiError();
  const [s, setS] = useState<Slip | null>(null);
  useEffect(() => {
    vehiclesApi.slip(id).then(setS, onError);
  }, [id, onError]);
  if (!s) return <Skeleton active />;
  const row = (
    k: string,
    v: string | number | null | undefined,
    k2?: string,
    v2?: string | number | null,
  ) => (
    <tr>
      <td className="k">{k}</td>
      <td colSpan={k2 ? 1 : 3}>{v ?? ''}</td>
      {k2 && (
        <>
          <td className="k">{k2}</td>
          <td>{v2 ?? ''}</td>
        </>
      )}
    </tr>
  );
  return (
    <div className="veh-slip" data-testid="veh-slip">
      <div className="veh-no-print" style={{ textAlign: 'right' }}>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('print')}
        </Button>
      </div>
      <h2>{t('slipTitle')}</h2>
      {s.sealedOverride && (
        <Alert
          type="warning"
          showIcon
          className="veh-slip-flag"
          data-testid="veh-slip-sealed"
          title={t('sealedOverride')}
          style={{ marginBottom: 12 }}
        />
      )}
      <p>
        {t('labelled', { label: t('no'), value: s.no })}{' '}
        {t('labelled', { label: t('issuedAt'), value: fmtDateTime(s.issuedAt) })}
      </p>
      <table>
        <tbody>
          {row(t('unit'), s.unitName, t('requester'), s.requesterName)}
          {row(t('passengers'), s.passengers, t('contactPhone'), s.contactPhone)}
          {row(t('passengerNames'), s.passengerNames)}
          {row(t('purpose'), s.purpose)}
          {row(t('route'), s.route.join(' → '))}
          {row(t('departsAt'), fmtDateTime(s.startsAt), t('returnsAt'), fmtDateTime(s.endsAt))}
          {row(
            t('vehicle'),
            t('counted', { label: `${s.plate} ${s.vehicle}`, n: t('seatsN', { n: s.seats }) }),
            t('pool'),
            s.lenderName === s.jurisdictionName ? s.lenderName : `${s.lenderName} → ${s.jurisdictionName}`,
          )}
          {row(t('driver'), s.driverName, t('contactPhone'), s.driverPhone)}
          {row(t('odometerStart'), s.startOdometer, t('odometerEnd'), s.endOdometer)}
          {row(t('km'), s.km, t('dispatcher'), s.dispatcherName)}
        </tbody>
      </table>
      <p style={{ marginTop: 32 }}>
        {t('labelled', { label: t('signature', { who: t('requester') }), value: '＿＿＿＿＿＿' })}{' '}
        {t('labelled', { label: t('signature', { who: t('driver') }), value: '＿＿＿＿＿＿' })}
      </p>
    </div>
  );
}
