import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Progress, Table, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { api } from '../../shared/api.ts';
import { useApiError } from '../../shared/feedback.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { mi } from './insight-messages.ts';
import { m } from './messages.ts';

export interface ImportStatus {
  id: string;
  fileName: string;
  status: 'running' | 'done' | 'failed';
  totalBytes: number | null;
  processedBytes: number;
  rows: number;
  stored: number;
  duplicates: number;
  quarantined: number;
  error: string | null;
  createdBy: string | null;
  quarantine: {
    pointCode: string | null;
    ts: string | null;
    value: string | null;
    reason: string;
    detail: string | null;
  }[];
}

const POLL_MS = 500;

/** Import of historical readings (CSV or Excel): upload, progress while the server streams it, then the summary. */
export function ImportPage() {
  const t = useT(m);
  const ti = useT(mi);
  const showError = useApiError();
  const input = useRef<HTMLInputElement>(null);
  const [job, setJob] = useState<ImportStatus | null>(null);
  const [uploading, setUploading] = useState(false);

  // poll the import while it runs
  useEffect(() => {
    if (!job || job.status !== 'running') return;
    const timer = setTimeout(() => {
      api.get<ImportStatus>(`/api/energy/imports/${job.id}`).then(setJob, showError);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, showError]);

  const start = async (file: File) => {
    setUploading(true);
    setJob(null);
    try {
      const { id } = await api.upload<{ id: string }>('/api/energy/imports', file);
      setJob(await api.get<ImportStatus>(`/api/energy/imports/${id}`));
    } catch (e) {
      showError(e);
    } finally {
      setUploading(false);
    }
  };

  const percent = job
    ? job.status === 'done'
      ? 100
      : Math.floor((100 * job.processedBytes) / Math.max(1, job.totalBytes ?? 1))
    : 0;

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
          {t('importFormat')}
        </Typography.Paragraph>
      </Card>
      {job && (
        <Card size="small" title={job.fileName} data-testid="readings-import-status" data-status={job.status}>
          <Progress
            percent={percent}
            status={job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active'}
            data-testid="readings-import-progress"
          />
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} style={{ marginTop: 8 }}>
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
          </Descriptions>
          {job.status === 'done' && (
            <Alert
              type={job.quarantined > 0 ? 'warning' : 'success'}
              showIcon
              message={t('importFinished', {
                stored: job.stored,
                duplicates: job.duplicates,
                quarantined: job.quarantined,
              })}
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
    </>
  );
}
