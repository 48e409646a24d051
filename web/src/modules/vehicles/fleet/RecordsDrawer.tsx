import { useCallback, useEffect, useState } from 'react';
import type { Dayjs } from 'dayjs';
import { App, Button, DatePicker, Drawer, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useT } from '../../../app/i18n.ts';
import { useSession } from '../../../app/session.tsx';
import { useApiError } from '../../../shared/feedback.ts';
import { fmtYuan, nowInZone, yuanToFen } from '../../../shared/format.ts';
import { useIsPhone } from '../../../shared/useIsPhone.ts';
import { fleetApi, type RecordKind, type VehicleRecord } from './api.ts';
import { mf } from './messages.ts';

const KINDS: RecordKind[] = ['maintenance', 'insurance', 'annual_inspection'];
export const KIND_COLOUR: Record<string, string> = {
  maintenance: 'blue',
  insurance: 'purple',
  annual_inspection: 'cyan',
  licence: 'gold',
  contract: 'orange',
};

interface Values {
  kind: RecordKind;
  doneOn: Dayjs;
  dueOn?: Dayjs | null;
  cost?: string;
  vendor?: string;
  note?: string;
}

/**
 * A vehicle's maintenance, insurance and annual-inspection records, newest first, and adding one.
 * Mounted while open (a new key per vehicle).
 */
export function RecordsDrawer({
  vehicle,
  onClose,
  onSaved,
}: {
  vehicle: { id: string; plate: string };
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT(mf);
  const { message } = App.useApp();
  const onError = useApiError();
  const isPhone = useIsPhone();
  const { can } = useSession();
  const [rows, setRows] = useState<VehicleRecord[]>([]);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const id = vehicle.id;
  const load = useCallback(() => {
    fleetApi.records(id).then(setRows, onError);
  }, [id, onError]);
  useEffect(load, [load]);

  const save = async (v: Values) => {
    setBusy(true);
    try {
      await fleetApi.addRecord(id, {
        kind: v.kind,
        doneOn: v.doneOn.format('YYYY-MM-DD'),
        dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null,
        costFen: yuanToFen(v.cost) ?? 0,
        vendor: v.vendor?.trim() || null,
        note: v.note?.trim() || null,
      });
      void message.success(t('saved'));
      form.resetFields();
      load();
      onSaved();
    } catch (e) {
      onError(e, form, { rename: { costFen: 'cost' } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open
      onClose={onClose}
      size={isPhone ? '100%' : 640}
      title={t('recordsOf', { plate: vehicle.plate })}
      data-testid="veh-records-drawer"
    >
      <Table<VehicleRecord>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('noRecords') }}
        data-testid="veh-records"
        columns={[
          {
            title: t('recordKind'),
            dataIndex: 'kind',
            render: (k: RecordKind) => <Tag color={KIND_COLOUR[k]}>{t(`rk_${k}`)}</Tag>,
          },
          { title: t('doneOn'), dataIndex: 'doneOn' },
          { title: t('dueOn'), dataIndex: 'dueOn', render: (d: string | null) => d ?? '—' },
          { title: t('cost'), dataIndex: 'costFen', align: 'right', render: (f: number) => fmtYuan(f) },
          { title: t('vendor'), dataIndex: 'vendor', render: (s: string | null) => s ?? '—' },
          { title: t('note'), dataIndex: 'note', render: (s: string | null) => s ?? '—' },
        ]}
      />
      {can('vehicles.fleet.write') && (
        <Form<Values>
          form={form}
          layout={isPhone ? 'vertical' : 'inline'}
          style={{ marginTop: 16, rowGap: 8 }}
          initialValues={{ kind: 'maintenance', doneOn: nowInZone() }}
          onFinish={(v) => void save(v)}
        >
          <Form.Item name="kind" rules={[{ required: true }]}>
            <Select
              style={{ width: 120 }}
              data-testid="veh-record-kind"
              options={KINDS.map((k) => ({ value: k, label: t(`rk_${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="doneOn" rules={[{ required: true, message: t('required') }]}>
            <DatePicker placeholder={t('doneOn')} disabledDate={(d) => d.isAfter(nowInZone(), 'day')} />
          </Form.Item>
          <Form.Item
            name="dueOn"
            dependencies={['doneOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, due: Dayjs | null | undefined) => {
                  const done = getFieldValue('doneOn') as Dayjs | undefined;
                  if (due && done && due.isBefore(done, 'day')) throw new Error(t('dueBeforeDone'));
                },
              }),
            ]}
          >
            <DatePicker placeholder={t('dueOn')} data-testid="veh-record-due" />
          </Form.Item>
          <Form.Item
            name="cost"
            rules={[
              {
                validator: async (_, v: string | undefined) => {
                  if (v && yuanToFen(v) === null) throw new Error(t('badAmount'));
                },
              },
            ]}
          >
            <Input placeholder={t('cost')} inputMode="decimal" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="vendor">
            <Input placeholder={t('vendor')} maxLength={100} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="note">
            <Input placeholder={t('note')} maxLength={500} style={{ width: 200 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="veh-record-save">
              {t('addRecord')}
            </Button>
          </Space>
        </Form>
      )}
    </Drawer>
  );
}
