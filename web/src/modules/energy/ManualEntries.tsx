import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { energyApi, type ManualEntry, type Point } from './api.ts';
import { m } from './messages.ts';

/** An offline point's monthly entries, newest first, and the form to enter or correct a month. */
export function ManualEntries({ point }: { point: Point }) {
  const t = useT(m);
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useApiError();
  const [entries, setEntries] = useState<ManualEntry[]>([]);
  const [form] = Form.useForm<{ month: Dayjs; value: number; note?: string }>();
  const load = useCallback(
    () => energyApi.entries(point.id).then(setEntries, showError),
    [point.id, showError],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const save = async (v: { month: Dayjs; value: number; note?: string }) => {
    try {
      await energyApi.putEntry(point.id, {
        month: v.month.format('YYYY-MM'),
        value: v.value,
        note: v.note || null,
      });
      message.success(t('entrySaved'));
      form.resetFields();
      await load();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <>
      {can('energy.entry.write') && (
        <Form
          form={form}
          layout="inline"
          onFinish={(v) => void save(v)}
          style={{ marginBottom: 12, rowGap: 8 }}
        >
          <Form.Item name="month" rules={[{ required: true }]}>
            <DatePicker picker="month" placeholder={t('month')} />
          </Form.Item>
          <Form.Item name="value" rules={[{ required: true }]}>
            <InputNumber min={0} placeholder={`${t('value')} (${point.unit})`} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="note">
            <Input placeholder={t('note')} maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="entry-save">
            {t('addEntry')}
          </Button>
        </Form>
      )}
      <Table<ManualEntry>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={entries}
        columns={[
          { title: t('month'), dataIndex: 'month' },
          { title: `${t('value')} (${point.unit})`, dataIndex: 'value', align: 'right' },
          { title: t('note'), dataIndex: 'note' },
          { title: t('enteredBy'), dataIndex: 'enteredBy' },
        ]}
      />
    </>
  );
}
