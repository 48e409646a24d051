import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime, nowInZone } from '../../shared/format.ts';
import type { Point } from './api.ts';
import { insightApi, num, type Replacement, type ReplacementResult } from './insight-api.ts';
import { mi } from './insight-messages.ts';

interface Values {
  at: Dayjs;
  finalValue?: number | null;
  startValue: number;
  note?: string;
}

/** The picker's wall-clock time read in the deployment's zone (times are shown in it), as ISO 8601. */
const inZone = (d: Dayjs) =>
  dayjs.utc(d.format('YYYY-MM-DDTHH:mm:00')).subtract(nowInZone().utcOffset(), 'minute').toISOString();
/** Now in the deployment's zone as a plain wall-clock value for the picker. */
const pickerNow = () => dayjs(nowInZone().format('YYYY-MM-DDTHH:mm'));

/**
 * A metered point's meter replacements (换表记录) and, for energy.registry.write, recording one:
 * the first reading after it is recounted across both meters; readings quarantined as "register went
 * backwards" since then can be re-admitted from the quarantine, which the success notice links to.
 */
export function ReplacementPanel({ point }: { point: Point }) {
  const t = useT(mi);
  const { can } = useSession();
  const { notification } = App.useApp();
  const showError = useApiError();
  const navigate = useNavigate();
  const [items, setItems] = useState<Replacement[] | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const load = useCallback(
    () => insightApi.replacements(point.id).then((r) => setItems(r.items), showError),
    [point.id, showError],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const announce = (r: ReplacementResult) => {
    const key = `replacement-${point.id}`;
    const recount = r.recomputed
      ? t('replacementRecounted', {
          ts: fmtDateTime(r.recomputed.ts),
          oldDelta: r.recomputed.oldDelta === null ? '—' : `${num(r.recomputed.oldDelta, 2)} ${point.unit}`,
          newDelta: r.recomputed.newDelta === null ? '—' : `${num(r.recomputed.newDelta, 2)} ${point.unit}`,
        })
      : t('replacementNothingRecounted');
    notification.success({
      key,
      title: t('replacementSaved'),
      duration: r.openBackwards > 0 ? 0 : 6,
      description: (
        <div data-testid="replacement-outcome">
          <div>{recount}</div>
          {r.openBackwards > 0 && <div>{t('replacementBackwards', { n: r.openBackwards })}</div>}
        </div>
      ),
      actions:
        r.openBackwards > 0 ? (
          <Button
            type="primary"
            size="small"
            data-testid="replacement-open-quarantine"
            onClick={() => {
              notification.destroy(key);
              const q = new URLSearchParams({ pointId: point.id, pointCode: point.code, status: 'open' });
              void navigate(`/energy/quality?${q.toString()}`);
            }}
          >
            {t('openQuarantine')}
          </Button>
        ) : undefined,
    });
  };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await insightApi.recordReplacement(point.id, {
        at: inZone(v.at),
        finalValue: v.finalValue ?? null,
        startValue: v.startValue ?? 0,
        note: v.note?.trim() || null,
      });
      setOpen(false);
      form.resetFields();
      announce(r);
      await load();
    } catch (e) {
      showError(e, form, { fields: ['at', 'finalValue', 'startValue', 'note'] });
    } finally {
      setBusy(false);
    }
  };

  const value = (v: number | null) => (v === null ? t('unknownValue') : `${num(v, 2)} ${point.unit}`);
  return (
    <div data-testid="replacements" style={{ marginTop: 16 }}>
      <div
        style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}
      >
        <Typography.Text strong>{t('replacements')}</Typography.Text>
        {can('energy.registry.write') && (
          <Button size="small" data-testid="replacement-open" onClick={() => setOpen(true)}>
            {t('recordReplacement')}
          </Button>
        )}
      </div>
      <Table<Replacement>
        rowKey="at"
        size="small"
        pagination={false}
        loading={!items}
        dataSource={items ?? []}
        locale={{ emptyText: t('noReplacements') }}
        scroll={{ x: 640 }}
        data-testid="replacement-list"
        columns={[
          { title: t('replacementAt'), dataIndex: 'at', width: 140, render: (v: string) => fmtDateTime(v) },
          {
            title: t('replacementFinal'),
            dataIndex: 'finalValue',
            align: 'right',
            render: (v: number | null) => value(v),
          },
          {
            title: t('replacementStart'),
            dataIndex: 'startValue',
            align: 'right',
            render: (v: number) => value(v),
          },
          { title: t('replacementNote'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
          {
            title: t('recordedBy'),
            dataIndex: 'createdBy',
            render: (v: string | null, r) => `${v ?? '—'} · ${fmtDateTime(r.createdAt)}`,
          },
        ]}
      />
      <Modal
        open={open}
        title={`${t('recordReplacement')} · ${point.name}`}
        okText={t('recordReplacement')}
        okButtonProps={{ loading: busy, 'data-testid': 'replacement-submit' } as never}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form<Values>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ at: pickerNow(), startValue: 0 }}
          data-testid="replacement-form"
        >
          <Form.Item name="at" label={t('replacementAt')} rules={[{ required: true }]}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              disabledDate={(d) => d.isAfter(pickerNow(), 'day')}
              style={{ width: '100%' }}
              data-testid="replacement-at"
            />
          </Form.Item>
          <Form.Item name="finalValue" label={t('replacementFinal')} extra={t('replacementFinalHelp')}>
            <InputNumber
              min={0}
              suffix={point.unit}
              style={{ width: '100%' }}
              data-testid="replacement-final"
            />
          </Form.Item>
          <Form.Item name="startValue" label={t('replacementStart')} rules={[{ required: true }]}>
            <InputNumber
              min={0}
              suffix={point.unit}
              style={{ width: '100%' }}
              data-testid="replacement-start"
            />
          </Form.Item>
          <Form.Item name="note" label={t('replacementNote')}>
            <Input.TextArea rows={2} maxLength={500} data-testid="replacement-note" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
