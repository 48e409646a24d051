import { useEffect, useState } from 'react';
import { Button, Card, Col, Form, Input, Modal, QRCode, Row, Select, Switch, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { repairsApi, type Category, type Qr } from './api.ts';
import { m } from './messages.ts';
import { REPAIR_PERM } from './module.ts';

/** QR codes for rooms and devices: each opens the report page for its place. */
export function QrPage() {
  const t = useT(m);
  const { can } = useSession();
  const showError = useApiError();
  const [rows, setRows] = useState<Qr[]>([]);
  const [buildings, setBuildings] = useState<{ id: string; name: string }[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  useEffect(() => {
    repairsApi.qrList().then(setRows, showError);
    repairsApi.buildings().then(setBuildings, showError);
    repairsApi.categories().then(setCategories, showError);
  }, [showError]);
  async function create(v: Record<string, unknown>) {
    try {
      const q = await repairsApi.qrCreate(v);
      setRows((rs) => [q, ...rs]);
      setOpen(false);
      form.resetFields();
    } catch (e) {
      showError(e, form);
    }
  }
  const url = (token: string) => `${window.location.origin}/repair/${token}`;
  return (
    <>
      <PageHeader
        title={t('qr')}
        sub={t('printHint')}
        extra={
          can(REPAIR_PERM.manage) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {t('newQr')}
            </Button>
          )
        }
      />
      <Row gutter={[12, 12]}>
        {rows.map((q) => (
          <Col key={q.token} xs={12} sm={8} md={6} xl={4}>
            <Card size="small" style={{ textAlign: 'center' }}>
              <QRCode value={url(q.token)} size={132} style={{ margin: '0 auto' }} bordered={false} />
              <Typography.Text strong ellipsis style={{ display: 'block' }}>
                {q.label}
              </Typography.Text>
              <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                {[q.buildingName, q.floor, q.room].filter(Boolean).join(' · ')}
              </Typography.Text>
              {!q.publicEnabled && <Tag>{t('loginToReport')}</Tag>}
            </Card>
          </Col>
        ))}
      </Row>
      <Modal
        open={open}
        title={t('newQr')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ publicEnabled: true }}>
          <Form.Item
            name="buildingId"
            label={t('building')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={buildings.map((b) => ({ value: b.id, label: b.name }))}
            />
          </Form.Item>
          <Form.Item name="label" label={t('label')} rules={[{ required: true, message: t('required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="floor" label={t('floor')}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="room" label={t('room')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="categoryId" label={t('category')} extra={t('qrCategoryHint')}>
            <Select allowClear options={categories.map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="publicEnabled" label={t('publicEnabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
