import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { App, Button, DatePicker, Drawer, Form, Input, Select, Space, Table, Tag, Upload } from 'antd';
import type { TableColumnsType, UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useT } from '../../../app/i18n.ts';
import { useSession } from '../../../app/session.tsx';
import { api } from '../../../shared/api.ts';
import { useApiError } from '../../../shared/feedback.ts';
import { nowInZone } from '../../../shared/format.ts';
import { JurisdictionSelect, UnitSelect } from '../../../shared/OrgSelects.tsx';
import { SearchInput } from '../../../shared/SearchInput.tsx';
import { usePagedTable } from '../../../shared/table.ts';
import { supervisionApi, type Inspection, type InspectionResult } from './api.ts';
import { ms } from './messages.ts';

const RESULT_COLOUR: Record<InspectionResult, string> = {
  compliant: 'green',
  rectify: 'gold',
  violation: 'red',
};
type Filters = { q?: string; result?: string; rectification?: string; jurisdictionId?: string };

function Rectification({ i }: { i: Inspection }) {
  const t = useT(ms);
  if (i.result === 'compliant') return <>—</>;
  if (i.rectifiedOn) return <Tag color="green">{`${t('rect_done')} ${i.rectifiedOn}`}</Tag>;
  return (
    <Tag
      color={i.overdue ? 'red' : 'gold'}
    >{`${t(i.overdue ? 'rect_overdue' : 'rect_open')} ${i.rectifyDueOn}`}</Tag>
  );
}

interface NewForm {
  unitId: string;
  heldOn: Dayjs;
  subject: string;
  findings?: string;
  result: InspectionResult;
  rectifyDueOn?: Dayjs;
}

function NewInspection({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT(ms);
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<NewForm>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const result = Form.useWatch('result', form);
  const save = async (v: NewForm) => {
    setBusy(true);
    try {
      await supervisionApi.createInspection({
        unitId: v.unitId,
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        subject: v.subject,
        findings: v.findings ?? null,
        result: v.result,
        rectifyDueOn: v.result === 'compliant' ? null : (v.rectifyDueOn?.format('YYYY-MM-DD') ?? null),
        fileIds: files.map((f) => (f.response as { id: string } | undefined)?.id).filter(Boolean),
      });
      message.success(t('savedOk'));
      form.resetFields();
      setFiles([]);
      onSaved();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('newInspection')}
      size={480}
      data-testid="veh-inspection-drawer"
    >
      <Form<NewForm>
        form={form}
        layout="vertical"
        initialValues={{ heldOn: nowInZone(), result: 'compliant' }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item name="unitId" label={t('unit')} rules={[{ required: true, message: t('required') }]}>
          <UnitSelect placeholder={t('pickUnit')} />
        </Form.Item>
        <Form.Item name="heldOn" label={t('heldOn')} rules={[{ required: true, message: t('required') }]}>
          <DatePicker disabledDate={(d) => d.isAfter(nowInZone(), 'day')} />
        </Form.Item>
        <Form.Item
          name="subject"
          label={t('subject')}
          rules={[{ required: true, whitespace: true, message: t('required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="findings" label={t('findings')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="result" label={t('result')} rules={[{ required: true }]}>
          <Select
            options={(['compliant', 'rectify', 'violation'] as const).map((r) => ({
              value: r,
              label: t(`result_${r}`),
            }))}
          />
        </Form.Item>
        {result && result !== 'compliant' && (
          <Form.Item
            name="rectifyDueOn"
            label={t('rectifyDueOn')}
            rules={[{ required: true, message: t('required') }]}
          >
            <DatePicker />
          </Form.Item>
        )}
        <Form.Item label={t('attachments')}>
          <Upload
            fileList={files}
            onChange={({ fileList }) => setFiles(fileList)}
            customRequest={({ file, onSuccess, onError: fail }) => {
              api.upload<{ id: string }>('/api/files', file as File).then(
                (r) => onSuccess?.(r),
                (e: unknown) => fail?.(e as Error),
              );
            }}
          >
            <Button icon={<UploadOutlined />}>{t('attachments')}</Button>
          </Upload>
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="veh-inspection-save">
            {t('save')}
          </Button>
          <Button onClick={onClose}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}

function RectifyDrawer({
  item,
  onClose,
  onSaved,
}: {
  item: Inspection | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT(ms);
  const onError = useApiError();
  const [form] = Form.useForm<{ rectifiedOn: Dayjs; note: string }>();
  return (
    <Drawer open={item !== null} onClose={onClose} title={item?.subject} size={420}>
      {item && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ rectifiedOn: nowInZone() }}
          onFinish={(v) =>
            void supervisionApi
              .rectified(item.id, {
                rectifiedOn: v.rectifiedOn.format('YYYY-MM-DD'),
                note: v.note,
                version: item.version,
              })
              .then(() => {
                form.resetFields();
                onSaved();
              }, onError)
          }
        >
          <p>{item.findings}</p>
          <Form.Item name="rectifiedOn" label={t('rectifiedOn')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(item.heldOn), 'day')} />
          </Form.Item>
          <Form.Item
            name="note"
            label={t('rectifyNote')}
            rules={[{ required: true, whitespace: true, message: t('required') }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('markRectified')}
          </Button>
        </Form>
      )}
    </Drawer>
  );
}

/** Special inspections (专项督查) with their rectification follow-up. */
export function InspectionsPanel() {
  const t = useT(ms);
  const { can } = useSession();
  const table = usePagedTable<Inspection, Filters>(supervisionApi.inspections, {});
  const [creating, setCreating] = useState(false);
  const [rectifying, setRectifying] = useState<Inspection | null>(null);
  const columns: TableColumnsType<Inspection> = [
    { title: t('heldOn'), dataIndex: 'heldOn', width: 110 },
    { title: t('subject'), dataIndex: 'subject' },
    { title: t('unit'), dataIndex: 'unit', width: 200 },
    { title: t('plate'), dataIndex: 'plate', width: 100, render: (v: string | null) => v ?? '—' },
    {
      title: t('result'),
      dataIndex: 'result',
      width: 100,
      render: (r: InspectionResult) => <Tag color={RESULT_COLOUR[r]}>{t(`result_${r}`)}</Tag>,
    },
    {
      title: t('rectification'),
      key: 'rect',
      width: 170,
      render: (_: unknown, i) => <Rectification i={i} />,
    },
    { title: t('findings'), dataIndex: 'findings', ellipsis: true },
    {
      title: '',
      key: 'act',
      width: 120,
      render: (_: unknown, i) =>
        i.result !== 'compliant' && !i.rectifiedOn && can('vehicles.supervise') ? (
          <a onClick={() => setRectifying(i)}>{t('markRectified')}</a>
        ) : null,
    },
  ];
  return (
    <>
      <div className="goa-filters">
        <SearchInput
          placeholder={t('subject')}
          onSearch={(q) => table.setFilters({ q })}
          style={{ width: 180 }}
        />
        <Select
          allowClear
          placeholder={t('result')}
          options={(['compliant', 'rectify', 'violation'] as const).map((r) => ({
            value: r,
            label: t(`result_${r}`),
          }))}
          onChange={(result?: string) => table.setFilters({ result })}
          style={{ width: 120 }}
        />
        <Select
          allowClear
          placeholder={t('rectification')}
          options={(['open', 'overdue', 'done'] as const).map((r) => ({ value: r, label: t(`rect_${r}`) }))}
          onChange={(rectification?: string) => table.setFilters({ rectification })}
          style={{ width: 120 }}
        />
        <JurisdictionSelect
          placeholder={t('jurisdiction')}
          onChange={(jurisdictionId?: string) => table.setFilters({ jurisdictionId })}
          style={{ width: 130 }}
        />
        {can('vehicles.supervise') && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="veh-inspection-new">
            {t('newInspection')}
          </Button>
        )}
      </div>
      <Table<Inspection>
        rowKey="id"
        columns={columns}
        {...table.tableProps}
        scroll={{ x: 1100 }}
        data-testid="veh-inspections"
      />
      <NewInspection
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
          table.reload();
        }}
      />
      <RectifyDrawer
        item={rectifying}
        onClose={() => setRectifying(null)}
        onSaved={() => {
          setRectifying(null);
          table.reload();
        }}
      />
    </>
  );
}
