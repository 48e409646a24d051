import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { usePagedTable } from '../../shared/table.ts';
import { insightApi, READMISSIBLE, type QuarantineItem } from './insight-api.ts';
import { mi } from './insight-messages.ts';
import { mq, quarantineDetail, quarantineSource } from './quarantine-text.ts';

type Status = 'open' | 'resolved' | 'all';
type Filters = { status?: string; reason?: string; pointId?: string };

const REASONS = [
  'register_backwards',
  'unknown_point',
  'inactive_point',
  'future_timestamp',
  'non_numeric',
  'bad_timestamp',
  'conflicting_duplicate',
  'malformed',
] as const;

/**
 * The quarantine of rejected readings: filtered by status (open first), reason and point; a steward
 * with energy.quarantine.resolve re-admits open rows once the cause is corrected, or dismisses them
 * with a note. Resolved rows stay listed with who resolved them, when and how.
 * `?pointId=…&pointCode=…&status=open` deep-links here from a meter replacement.
 */
export function QuarantineCard() {
  const t = useT(mi);
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useApiError();
  const [params, setParams] = useSearchParams();
  const pointCode = params.get('pointCode');
  const initial = useMemo<Filters>(
    () => ({
      status:
        params.get('status') === 'resolved'
          ? 'resolved'
          : params.get('status') === 'all'
            ? undefined
            : 'open',
      pointId: params.get('pointId') ?? undefined,
    }),
    // the first render's link only; later changes go through setFilters
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const table = usePagedTable<QuarantineItem, Filters>(insightApi.quarantine, initial);
  const status: Status = (table.filters.status as Status | undefined) ?? 'all';
  const resolver = can('energy.quarantine.resolve');
  const [selected, setSelected] = useState<QuarantineItem[]>([]);
  const [busy, setBusy] = useState(false);
  const [dismissing, setDismissing] = useState(false);
  const [form] = Form.useForm<{ note: string }>();

  const blocked = [...new Set(selected.filter((r) => !READMISSIBLE.includes(r.reason)).map((r) => r.reason))];
  const reasonLabel = (r: string) => t(`reason_${r}` as 'reason_malformed');
  const tq = useT(mq);
  const done = () => {
    setSelected([]);
    table.reload();
  };
  const readmit = async () => {
    setBusy(true);
    try {
      const r = await insightApi.readmit(selected.map((x) => x.id));
      const text = t('readmitDone', { ...r });
      if (r.quarantined > 0) void message.warning(text, 6);
      else void message.success(text, 6);
      done();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const dismiss = async () => {
    const { note } = await form.validateFields();
    setBusy(true);
    try {
      const r = await insightApi.dismiss(
        selected.map((x) => x.id),
        note.trim(),
      );
      void message.success(t('dismissDone', { n: r.dismissed }));
      setDismissing(false);
      form.resetFields();
      done();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };
  const clearPoint = () => {
    table.setFilters({ pointId: undefined });
    params.delete('pointId');
    params.delete('pointCode');
    setParams(params, { replace: true });
  };

  return (
    <Card size="small" title={t('quarantine')} data-testid="quarantine-card">
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<Status>
          data-testid="quarantine-status"
          value={status}
          onChange={(v) => {
            setSelected([]);
            table.setFilters({ status: v === 'all' ? undefined : v });
          }}
          options={(['open', 'resolved', 'all'] as const).map((v) => ({
            value: v,
            label: t(`qStatus_${v}`),
          }))}
        />
        <Select
          data-testid="quarantine-reason"
          allowClear
          placeholder={t('allReasons')}
          style={{ width: 180 }}
          value={table.filters.reason}
          onChange={(v?: string) => {
            setSelected([]);
            table.setFilters({ reason: v });
          }}
          options={REASONS.map((r) => ({ value: r, label: reasonLabel(r) }))}
        />
        {table.filters.pointId && (
          <Tag
            closable
            onClose={clearPoint}
            data-testid="quarantine-point-filter"
            title={t('clearPointFilter')}
          >
            {t('pointFilter', { code: pointCode ?? table.filters.pointId.slice(0, 8) })}
          </Tag>
        )}
        {resolver && status !== 'resolved' && (
          <>
            <Tooltip
              title={
                blocked.length > 0
                  ? t('notReadmissible', { reasons: blocked.map(reasonLabel).join('、') })
                  : undefined
              }
            >
              <Button
                type="primary"
                data-testid="quarantine-readmit"
                disabled={selected.length === 0 || blocked.length > 0}
                loading={busy && !dismissing}
                onClick={() => void readmit()}
              >
                {t('readmit')}
              </Button>
            </Tooltip>
            <Button
              data-testid="quarantine-dismiss"
              disabled={selected.length === 0}
              onClick={() => setDismissing(true)}
            >
              {t('dismiss')}
            </Button>
            {selected.length > 0 && <span>{t('selectedCount', { n: selected.length })}</span>}
          </>
        )}
      </Space>
      <Table<QuarantineItem>
        rowKey="id"
        {...table.tableProps}
        size="small"
        scroll={{ x: 1100 }}
        data-testid="quarantine-table"
        rowSelection={
          resolver && status !== 'resolved'
            ? {
                selectedRowKeys: selected.map((r) => r.id),
                onChange: (_keys, rows) => setSelected(rows),
                getCheckboxProps: (r) => ({ disabled: !!r.resolvedAt }),
              }
            : undefined
        }
        columns={[
          {
            title: t('receivedAt'),
            dataIndex: 'receivedAt',
            width: 140,
            render: (v: string) => fmtDateTime(v),
          },
          {
            title: t('source'),
            dataIndex: 'source',
            width: 90,
            render: (v: string) => quarantineSource(tq, v),
          },
          { title: t('point'), dataIndex: 'pointCode', width: 160 },
          {
            title: t('ts'),
            dataIndex: 'ts',
            width: 140,
            render: (v: string | null) => (v ? fmtDateTime(v) : '—'),
          },
          { title: t('reading'), dataIndex: 'value', width: 100, align: 'right' },
          {
            title: t('reason'),
            dataIndex: 'reason',
            width: 130,
            render: (r: string) => <Tag color="orange">{reasonLabel(r)}</Tag>,
          },
          {
            title: t('detail'),
            dataIndex: 'detail',
            width: 200,
            render: (v: string | null) => quarantineDetail(tq, v),
          },
          {
            title: t('resolution'),
            key: 'resolution',
            width: 260,
            render: (_: unknown, r: QuarantineItem) =>
              r.resolution ? (
                <div data-testid="quarantine-resolution">
                  <Tag color={r.resolution === 'readmitted' ? 'green' : 'default'}>
                    {t(`resolution_${r.resolution}`)}
                  </Tag>
                  {r.resolvedBy ?? '—'}
                  <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{fmtDateTime(r.resolvedAt)}</div>
                  {r.resolutionNote && <div>{r.resolutionNote}</div>}
                </div>
              ) : (
                <Tag color="gold">{t('qStatus_open')}</Tag>
              ),
          },
        ]}
      />
      <Modal
        open={dismissing}
        title={t('dismissTitle', { n: selected.length })}
        okText={t('dismiss')}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'dismiss-ok' } as never}
        onOk={() => void dismiss()}
        onCancel={() => setDismissing(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="note"
            label={t('dismissNote')}
            extra={t('dismissNoteHelp')}
            rules={[{ required: true, whitespace: true }, { max: 500 }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="dismiss-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
