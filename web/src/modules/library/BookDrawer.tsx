import { App, Button, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import { useT } from '../../app/i18n.ts';
import { common } from '../../shared/messages.ts';
import { UnitSelect } from '../../shared/OrgSelects.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { libraryApi, type BookInput } from './api.ts';
import { CATEGORIES, m } from './messages.ts';
import { categoryName } from './parts.tsx';

/** Catalogues a new title in a library, with the barcodes of its copies. */
export function BookDrawer({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT(m);
  const c = useT(common);
  const [form] = Form.useForm<BookInput>();
  const { message } = App.useApp();
  const showError = useApiError();
  const isPhone = useIsPhone();

  const save = async () => {
    const values = await form.validateFields();
    try {
      await libraryApi.createBook({ ...values, barcodes: values.barcodes ?? [] });
      void message.success(t('created'));
      form.resetFields();
      onSaved();
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <Drawer
      title={t('addBook')}
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 520}
      extra={
        <Space>
          <Button onClick={onClose}>{c('cancel')}</Button>
          <Button type="primary" onClick={() => void save()} data-testid="book-save">
            {c('save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={{ barcodes: [] }}>
        <Form.Item name="unitId" label={t('library')} rules={[{ required: true }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="isbn" label={t('isbn')} rules={[{ required: true, min: 10, max: 17 }]}>
          <Input inputMode="numeric" data-testid="book-isbn" />
        </Form.Item>
        <Form.Item name="title" label={t('book')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="book-title" />
        </Form.Item>
        <Form.Item name="author" label={t('author')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="book-author" />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="publisher" label={t('publisher')} style={{ flex: 2 }} rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="publishedYear" label={t('year')} style={{ flex: 1 }}>
            <InputNumber min={1800} max={2100} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="category" label={t('category')} rules={[{ required: true }]}>
          <Select
            options={CATEGORIES.map((x) => ({ value: x, label: categoryName(t, x) }))}
            data-testid="book-category"
          />
        </Form.Item>
        <Form.Item name="location" label={t('location')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="barcodes" label={t('barcodes')} extra={t('barcodesHelp')}>
          <Select mode="tags" open={false} tokenSeparators={[',', ' ']} data-testid="book-barcodes" />
        </Form.Item>
        <Form.Item name="summary" label={t('summary')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
