import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Flex, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../../app/i18n.ts';
import { LocaleSwitch } from '../../../shared/LocaleSwitch.tsx';
import { useApiError } from '../../../shared/feedback.ts';
import { visitorsApi } from '../api.ts';
import { m } from '../messages.ts';

/** the days a visit can be asked for: today and the next 29, within the server's MAX_AHEAD_DAYS (30 x 24 h) */
const outsideBookable = (d: Dayjs) =>
  d.isBefore(dayjs().startOf('day')) || d.isAfter(dayjs().add(29, 'day').endOf('day'));

interface Values {
  siteId?: string;
  hostName?: string;
  hostPhone?: string;
  visitorName: string;
  idNumber: string;
  mobile: string;
  company?: string;
  purpose: string;
  window: [Dayjs, Dayjs];
  plate?: string;
}

/** The public appointment page (no sign-in): /visit/<host link>, or /visit naming the host. */
export default function VisitPage() {
  const t = useT(m);
  const { hostLink } = useParams();
  const navigate = useNavigate();
  const showError = useApiError();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [host, setHost] = useState<{ hostName: string; unitName: string; siteName: string } | null>(null);
  const [linkBad, setLinkBad] = useState(false);
  const [sites, setSites] = useState<{ id: string; name: string }[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (hostLink) visitorsApi.link(hostLink).then(setHost, () => setLinkBad(true));
    else visitorsApi.sites().then(setSites, showError);
  }, [hostLink, showError]);

  async function submit(v: Values) {
    setBusy(true);
    try {
      const res = await visitorsApi.register({
        ...(hostLink ? { hostLink } : { siteId: v.siteId, hostName: v.hostName, hostPhone: v.hostPhone }),
        visitorName: v.visitorName,
        idNumber: v.idNumber,
        mobile: v.mobile,
        company: v.company || null,
        purpose: v.purpose,
        startsAt: v.window[0].toISOString(),
        endsAt: v.window[1].toISOString(),
        plate: v.plate || null,
      });
      void message.success(t('passPending'));
      navigate(`/visit-pass/${res.passToken}`);
    } catch (e) {
      showError(e, form, {
        rename: { startsAt: 'window', endsAt: 'window', host: hostLink ? 'visitorName' : 'hostName' },
      });
    } finally {
      setBusy(false);
    }
  }

  const req = [{ required: true, message: t('required') }];
  return (
    <div className="goa-public-page" style={{ maxWidth: 560, margin: '0 auto', padding: 16 }}>
      <Card>
        <Flex justify="space-between" align="start" gap={8} wrap>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('publicTitle')}
          </Typography.Title>
          <LocaleSwitch testId="visit-language" />
        </Flex>
        <Typography.Paragraph type="secondary">{t('publicSub')}</Typography.Paragraph>
        {linkBad && (
          <Alert
            type="error"
            showIcon
            title={t('linkInvalid')}
            // the general page, where the visitor names the host instead (a fresh page, not this form's state)
            description={<a href="/visit">{t('linkInvalidGeneral')}</a>}
            style={{ marginBottom: 16 }}
          />
        )}
        {host && (
          <Alert
            type="info"
            showIcon
            data-testid="visit-host"
            title={t('visitingWhom', { host: host.hostName, unit: host.unitName })}
            description={host.siteName}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          disabled={linkBad}
          initialValues={{
            window: [dayjs().add(1, 'hour').startOf('hour'), dayjs().add(3, 'hour').startOf('hour')],
          }}
        >
          {!hostLink && (
            <>
              <Form.Item name="siteId" label={t('site')} rules={req}>
                <Select
                  data-testid="visit-site"
                  options={sites.map((s) => ({ value: s.id, label: s.name }))}
                />
              </Form.Item>
              <Form.Item name="hostName" label={t('hostName')} rules={req}>
                <Input data-testid="visit-host-name" maxLength={50} />
              </Form.Item>
              <Form.Item name="hostPhone" label={t('hostPhone')} rules={req}>
                <Input data-testid="visit-host-phone" inputMode="tel" maxLength={20} />
              </Form.Item>
            </>
          )}
          <Form.Item name="visitorName" label={t('yourName')} rules={req}>
            <Input data-testid="visit-name" maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item name="idNumber" label={t('idNumber')} rules={req}>
            <Input data-testid="visit-id" maxLength={18} />
          </Form.Item>
          <Form.Item name="mobile" label={t('mobile')} rules={req}>
            <Input data-testid="visit-mobile" inputMode="tel" maxLength={20} autoComplete="tel" />
          </Form.Item>
          <Form.Item name="company" label={t('company')}>
            <Input data-testid="visit-company" maxLength={100} />
          </Form.Item>
          <Form.Item name="purpose" label={t('purpose')} rules={req}>
            <Input data-testid="visit-purpose" maxLength={200} />
          </Form.Item>
          <Form.Item name="window" label={t('time')} rules={req}>
            <DatePicker.RangePicker
              data-testid="visit-window"
              disabledDate={outsideBookable}
              showTime={{ format: 'HH:mm', minuteStep: 15 }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item name="plate" label={t('plate')} extra={t('noPlate')}>
            <Input data-testid="visit-plate" maxLength={12} />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={busy}
            data-testid="visit-submit"
          >
            {t('submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
