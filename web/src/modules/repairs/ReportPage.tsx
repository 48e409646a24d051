import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Select, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { repairsApi, type Category } from './api.ts';
import { m } from './messages.ts';

interface Values {
  categoryId: string;
  description: string;
  buildingId?: string;
  floor?: string;
  room?: string;
}

/** Anyone reports a fault with photos and its place. */
export function ReportPage() {
  const t = useT(m);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [categories, setCategories] = useState<Category[]>([]);
  const [buildings, setBuildings] = useState<{ id: string; name: string; jurisdictionName: string }[]>([]);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    repairsApi.categories().then(setCategories, showError);
    repairsApi.buildings().then(setBuildings, showError);
  }, [showError]);

  async function submit(v: Values) {
    setBusy(true);
    try {
      const ids = files
        .map((f) => (f.response as { id?: string } | undefined)?.id)
        .filter((x): x is string => !!x);
      const r = await repairsApi.report({ ...v, fileIds: ids });
      void message.success(t('submitted', { no: r.no }));
      navigate(`/repairs/requests/${r.id}`);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  }
  const req = [{ required: true, message: t('required') }];
  return (
    <div style={{ maxWidth: 640 }}>
      <PageHeader title={t('report')} />
      <Card>
        <Form<Values> form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="categoryId" label={t('category')} rules={req}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="repair-category"
              options={categories.map((c) => ({
                value: c.id,
                label: t('withNote', { a: c.name, b: t('sla', { days: c.slaDays }) }),
              }))}
            />
          </Form.Item>
          <Form.Item name="buildingId" label={t('building')} extra={t('locationHint')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="repair-building"
              options={buildings.map((b) => ({
                value: b.id,
                label: t('withNote', { a: b.name, b: b.jurisdictionName }),
              }))}
            />
          </Form.Item>
          <Form.Item name="floor" label={t('floor')}>
            <Input maxLength={20} data-testid="repair-floor" />
          </Form.Item>
          <Form.Item name="room" label={t('room')}>
            <Input maxLength={100} data-testid="repair-room" />
          </Form.Item>
          <Form.Item name="description" label={t('description')} rules={req}>
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="repair-description" />
          </Form.Item>
          <Form.Item label={t('photos')}>
            <Upload
              listType="picture-card"
              accept="image/png,image/jpeg,image/webp"
              fileList={files}
              maxCount={9}
              customRequest={({ file, onSuccess, onError }) => {
                repairsApi.upload(file as File).then(
                  (r) => onSuccess?.(r),
                  (e: Error) => {
                    showError(e);
                    onError?.(e);
                  },
                );
              }}
              onChange={({ fileList }) => setFiles(fileList)}
            >
              <div data-testid="repair-upload">
                <CameraOutlined />
                <div style={{ marginTop: 4 }}>{t('upload')}</div>
              </div>
            </Upload>
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={busy}
            data-testid="repair-submit"
          >
            {t('submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
