import { useEffect, useState } from 'react';
import {
  Button,
  Card,
  Flex,
  Form,
  Input,
  Result,
  Select,
  Spin,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useT } from '../../../app/i18n.ts';
import { LocaleSwitch } from '../../../shared/LocaleSwitch.tsx';
import { useApiError } from '../../../shared/feedback.ts';
import { fmtDateTime } from '../../../shared/format.ts';
import { repairsApi, type Qr } from '../api.ts';
import { m } from '../messages.ts';

/** the server's default limit (GOA_REPAIRS_PUBLIC_PHOTOS); it refuses more with a clear message */
const MAX_PHOTOS = 3;

/** The page a room's or device's QR code opens: report a fault there without signing in. */
export default function QrReportPage() {
  const t = useT(m);
  const { token = '' } = useParams();
  const showError = useApiError();
  const [form] = Form.useForm();
  const [qr, setQr] = useState<(Qr & { categories: { id: string; name: string }[] }) | null>(null);
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<{ no: string; dueAt: string } | null>(null);
  const [busy, setBusy] = useState(false);
  /** photos picked on the phone; sent with the report in one request (the server checks their content) */
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  useEffect(() => {
    repairsApi.qrInfo(token).then(setQr, () => setMissing(true));
  }, [token]);
  if (missing) return <Result status="404" title={t('qrInvalid')} />;
  if (!qr) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (done) {
    return (
      <Result
        status="success"
        title={<span data-testid="qr-done">{t('qrDone')}</span>}
        subTitle={t('qrDoneSub', { no: done.no, due: fmtDateTime(done.dueAt) })}
      />
    );
  }
  async function submit(v: Record<string, unknown>) {
    setBusy(true);
    try {
      const files = photos.map((p) => p.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
      setDone(
        files.length > 0
          ? await repairsApi.qrReportWithPhotos(token, v, files)
          : await repairsApi.qrReport(token, v),
      );
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  }
  const req = [{ required: true, message: t('required') }];
  return (
    <div style={{ maxWidth: 520, margin: '0 auto', padding: 16 }}>
      <Card>
        <Flex justify="space-between" align="start" gap={8} wrap>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('qrTitle')}
          </Typography.Title>
          <LocaleSwitch testId="qr-language" />
        </Flex>
        <Typography.Paragraph strong>
          {[qr.buildingName, qr.floor, qr.room].filter(Boolean).join(' · ') || qr.label}
        </Typography.Paragraph>
        {!qr.publicEnabled ? (
          <Result
            status="info"
            title={t('qrClosed')}
            extra={
              <Link to="/login">
                <Button type="primary">{t('loginToReport')}</Button>
              </Link>
            }
          />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('qrSub')}</Typography.Paragraph>
            <Form
              form={form}
              layout="vertical"
              onFinish={submit}
              initialValues={{ categoryId: qr.categoryId ?? undefined }}
            >
              <Form.Item name="categoryId" label={t('category')} rules={req}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={qr.categories.map((c) => ({ value: c.id, label: c.name }))}
                  data-testid="qr-category"
                />
              </Form.Item>
              <Form.Item name="description" label={t('description')} rules={req}>
                <Input.TextArea rows={3} maxLength={1000} data-testid="qr-description" />
              </Form.Item>
              <Form.Item label={t('photos')} extra={t('qrPhotosHint', { n: MAX_PHOTOS })}>
                <Upload
                  listType="picture-card"
                  accept="image/jpeg,image/png,image/webp"
                  multiple
                  maxCount={MAX_PHOTOS}
                  fileList={photos}
                  beforeUpload={() => false}
                  onChange={({ fileList }) => setPhotos(fileList.slice(0, MAX_PHOTOS))}
                >
                  {photos.length < MAX_PHOTOS && (
                    <div data-testid="qr-photos">
                      <CameraOutlined />
                      <div style={{ marginTop: 4 }}>{t('upload')}</div>
                    </div>
                  )}
                </Upload>
              </Form.Item>
              <Form.Item name="name" label={t('yourName')} rules={req}>
                <Input maxLength={50} data-testid="qr-name" />
              </Form.Item>
              <Form.Item name="phone" label={t('phone')} rules={req}>
                <Input maxLength={20} inputMode="tel" data-testid="qr-phone" />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                block
                size="large"
                loading={busy}
                data-testid="qr-submit"
              >
                {t('submit')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </div>
  );
}
