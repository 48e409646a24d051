import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Progress,
  Space,
  Table,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import { StopOutlined, UploadOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { api } from '../../shared/api.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { mImport } from './import-messages.ts';
import { mi } from './insight-messages.ts';
import { m } from './messages.ts';

// the wire types are the server's own (type-only: nothing of the server is bundled)
import type {
  ImportState as Status,
  ImportStatus,
  ImportView as ImportSummary,
} from '../../../../server/modules/energy/ingest/import/view.types.ts';

const POLL_MS = 1000;
const STATUS_COLOR: Record<Status, string> = {
  running: 'processing',
  done: 'success',
  failed: 'error',
  cancelled: 'default',
};

/**
 * Import of historical readings (CSV or Excel): upload, then the server's import job runs it in
 * batches; this page polls its progress (also after coming back to the page), may cancel it, and
 * shows the summary with the quarantined rows. Recent imports are listed below.
 */
export function ImportPage() {
  const t = useT(m);
  const ti = useT(mi);
  const tm = useT(mImport);
  const showError = useApiError();
  const input = useRef<HTMLInputElement>(null);
  const [job, setJob] = useState<ImportStatus | null>(null);
  const [recent, setRecent] = useState<ImportSummary[]>([]);
  const [uploading, setUploading] = useState(false);
  const [cancelling, setCancelling] = useState(false);

  const loadRecent = useCallback(
    () =>
      api.get<{ items: ImportSummary[] }>('/api/energy/imports', { limit: 10 }).then((r) => {
        setRecent(r.items);
        return r.items;
      }),
    [],
  );
  const open = useCallback(
    (id: string) => api.get<ImportStatus>(`/api/energy/imports/${id}`).then(setJob, showError),
    [showError],
  );

  // on arrival: the newest running import, if any, is followed
  useEffect(() => {
    loadRecent().then((items) => {
      const running = items.find((x) => x.status === 'running');
      if (running) void open(running.id);
    }, showError);
  }, [loadRecent, open, showError]);

  // poll the import while it runs; when it ends, refresh the list
  useEffect(() => {
    if (!job || job.status !== 'running') return;
    const timer = setTimeout(() => {
      api.get<ImportStatus>(`/api/energy/imports/${job.id}`).then((next) => {
        setJob(next);
        if (next.status !== 'running') void loadRecent();
      }, showError);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, showError, loadRecent]);

  const start = async (file: File) => {
    setUploading(true);
    setJob(null);
    try {
      const { id } = await api.upload<{ id: string }>('/api/energy/imports', file);
      setJob(await api.get<ImportStatus>(`/api/energy/imports/${id}`));
      void loadRecent();
    } catch (e) {
      showError(e);
    } finally {
      setUploading(false);
    }
  };

  const cancel = async () => {
    if (!job) return;
    setCancelling(true);
    try {
      await api.post(`/api/energy/imports/${job.id}/cancel`);
      await open(job.id);
      await loadRecent();
    } catch (e) {
      showError(e);
      void open(job.id);
    } finally {
      setCancelling(false);
    }
  };

  const percent = job
    ? job.status === 'done'
      ? 100
      : Math.floor((100 * job.processedBytes) / Math.max(1, job.totalBytes ?? 1))
    : 0;
  const statusTag = (s: Status) => (
    <Tag color={STATUS_COLOR[s]} data-testid="readings-import-state">
      {tm(`status_${s}`)}
    </Tag>
  );

  return (
    <>
      <PageHeader title={t('importTitle')} sub={t('importHint')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <input
          ref={input}
          type="file"
          hidden
          accept=".csv,.txt,.xlsx"
          data-testid="readings-import-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void start(f);
          }}
        />
        <Button
          type="primary"
          icon={<UploadOutlined />}
          loading={uploading}
          disabled={job?.status === 'running'}
          onClick={() => input.current?.click()}
          data-testid="readings-import"
        >
          {t('importChoose')}
        </Button>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('importFormat')} {tm('durable')}
        </Typography.Paragraph>
      </Card>
      {job && (
        <Card
          size="small"
          title={
            <Space wrap>
              <span>{job.fileName}</span>
              {statusTag(job.status)}
            </Space>
          }
          extra={
            job.status === 'running' && (
              <Popconfirm
                title={tm('cancelConfirm')}
                onConfirm={() => void cancel()}
                okButtonProps={{ danger: true, 'data-testid': 'readings-import-cancel-ok' } as ButtonProps}
              >
                <Button
                  danger
                  size="small"
                  icon={<StopOutlined />}
                  loading={cancelling}
                  data-testid="readings-import-cancel"
                >
                  {tm('cancel')}
                </Button>
              </Popconfirm>
            )
          }
          style={{ marginBottom: 12 }}
          data-testid="readings-import-status"
          data-status={job.status}
        >
          <Progress
            percent={percent}
            status={
              job.status === 'failed'
                ? 'exception'
                : job.status === 'done'
                  ? 'success'
                  : job.status === 'cancelled'
                    ? 'normal'
                    : 'active'
            }
            data-testid="readings-import-progress"
          />
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 5 }} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('importRows')}>
              <span data-testid="readings-import-rows">{job.rows.toLocaleString()}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('importStored')}>
              <span data-testid="readings-import-stored">{job.stored.toLocaleString()}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('importDuplicates')}>
              {job.duplicates.toLocaleString()}
            </Descriptions.Item>
            <Descriptions.Item label={t('importQuarantined')}>
              <span data-testid="readings-import-quarantined">{job.quarantined.toLocaleString()}</span>
            </Descriptions.Item>
            <Descriptions.Item label={tm('batches')}>
              <span data-testid="readings-import-batches">{job.batches}</span>
            </Descriptions.Item>
          </Descriptions>
          {job.status === 'running' && job.attempts === 0 && (
            <Alert type="info" showIcon message={tm('waiting')} style={{ marginBottom: 12 }} />
          )}
          {job.status === 'running' && job.attempts > 1 && (
            <Alert
              type="warning"
              showIcon
              message={
                job.lastError
                  ? tm('resumed', { error: job.lastError, attempts: job.attempts })
                  : tm('resumedAfterExit', { attempts: job.attempts })
              }
              style={{ marginBottom: 12 }}
              data-testid="readings-import-resumed"
            />
          )}
          {job.status === 'done' && (
            <Alert
              type={job.quarantined > 0 ? 'warning' : 'success'}
              showIcon
              message={t('importFinished', {
                stored: job.stored.toLocaleString(),
                duplicates: job.duplicates.toLocaleString(),
                quarantined: job.quarantined.toLocaleString(),
              })}
              style={{ marginBottom: 12 }}
            />
          )}
          {job.status === 'cancelled' && (
            <Alert
              type="info"
              showIcon
              message={tm('cancelled', { stored: job.stored.toLocaleString() })}
              description={job.cancelledBy ? tm('cancelledBy', { who: job.cancelledBy }) : undefined}
              style={{ marginBottom: 12 }}
            />
          )}
          {job.status === 'failed' && (
            <Alert
              type="error"
              showIcon
              message={t('importFailed')}
              description={job.error}
              style={{ marginBottom: 12 }}
            />
          )}
          {job.quarantine.length > 0 && (
            <Table
              size="small"
              rowKey={(_r, i) => String(i)}
              dataSource={job.quarantine}
              pagination={{ pageSize: 10, showSizeChanger: false }}
              scroll={{ x: 640 }}
              data-testid="readings-import-quarantine"
              columns={[
                { title: t('importPoint'), dataIndex: 'pointCode' },
                { title: t('importTs'), dataIndex: 'ts' },
                { title: t('importValue'), dataIndex: 'value' },
                {
                  title: t('importReason'),
                  dataIndex: 'reason',
                  render: (r: string) => ti(`reason_${r}` as Parameters<typeof ti>[0]),
                },
              ]}
            />
          )}
        </Card>
      )}
      {recent.length > 0 && (
        <Card size="small" title={tm('recent')}>
          <Table
            size="small"
            rowKey="id"
            dataSource={recent.map((r) => (r.id === job?.id ? job : r))}
            pagination={false}
            scroll={{ x: 720 }}
            data-testid="readings-import-recent"
            onRow={(r) => ({ onClick: () => void open(r.id), style: { cursor: 'pointer' } })}
            rowClassName={(r) => (r.id === job?.id ? 'ant-table-row-selected' : '')}
            columns={[
              { title: tm('file'), dataIndex: 'fileName', ellipsis: true },
              {
                title: tm('status'),
                dataIndex: 'status',
                width: 90,
                render: (s: Status) => <Tag color={STATUS_COLOR[s]}>{tm(`status_${s}`)}</Tag>,
              },
              {
                title: t('importRows'),
                dataIndex: 'rows',
                align: 'right',
                render: (n: number) => n.toLocaleString(),
              },
              {
                title: t('importStored'),
                dataIndex: 'stored',
                align: 'right',
                render: (n: number) => n.toLocaleString(),
              },
              {
                title: t('importQuarantined'),
                dataIndex: 'quarantined',
                align: 'right',
                render: (n: number) => n.toLocaleString(),
              },
              { title: tm('createdBy'), dataIndex: 'createdBy', width: 120 },
              {
                title: tm('startedAt'),
                dataIndex: 'startedAt',
                width: 150,
                render: (s: string) => fmtDateTime(s),
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
