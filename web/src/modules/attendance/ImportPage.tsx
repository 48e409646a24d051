import { useState } from 'react';
import { Alert, Button, Card, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useT, type Translate } from '../../app/i18n.ts';
import { ApiError, type ErrorDetail } from '../../shared/api.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { attendanceApi, type ImportResult } from './api.ts';
import { m, type MessageKey } from './messages.ts';

const COLUMNS = ['code', 'time', 'device'] as const;
const CODES = [
  'required',
  'unknown',
  'out_of_scope',
  'invalid',
  'future',
  'too_long',
  'duplicate_in_file',
] as const;
const known = <T extends string>(list: readonly T[], v: unknown): v is T => list.includes(v as T);

/** A bad row's column in the user's language (the server names it 'code', 'time'). */
export function columnText(t: Translate<MessageKey>, d: ErrorDetail): string {
  return known(COLUMNS, d.field) ? t(`col_${d.field}`) : String(d.field ?? '');
}

/** A bad row's problem in the user's language (the server's text carries both, '未知工号 X / unknown staff number'). */
export function problemText(t: Translate<MessageKey>, d: ErrorDetail): string {
  if (!known(CODES, d.code)) return String(d.message ?? d.code ?? '');
  return t(`imp_${d.code}`, { value: String(d.value ?? ''), first: String(d.duplicateOf ?? '') });
}

/** Import of attendance-machine records: all or nothing, every bad row listed. */
export default function ImportPage() {
  const t = useT(m);
  const showError = useApiError();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [problems, setProblems] = useState<ErrorDetail[] | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setDone(null);
    setProblems(null);
    try {
      setDone(await attendanceApi.importRecords(file));
    } catch (e) {
      if (e instanceof ApiError && e.details.some((d) => d.row !== undefined)) setProblems(e.details);
      else showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeader title={t('import')} sub={t('importSub')} />
      <Card size="small">
        <Typography.Paragraph>
          <Typography.Text strong>{t('importFormat')}：</Typography.Text>
          {t('importFormatText')}
        </Typography.Paragraph>
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="attendance-import">
            {t('importPick')}
          </Button>
        </Upload>
        {done && (
          <Alert
            style={{ marginTop: 16 }}
            type="success"
            showIcon
            title={t('importDone', { ...done })}
            data-testid="attendance-import-done"
          />
        )}
        {problems && (
          <>
            <Alert
              style={{ marginTop: 16 }}
              type="error"
              showIcon
              title={t('importErrors', { n: problems.length })}
            />
            <Table<ErrorDetail>
              style={{ marginTop: 8 }}
              size="small"
              rowKey={(d) => `${String(d.row)}-${String(d.field)}-${String(d.code)}`}
              dataSource={problems}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: t('row'), dataIndex: 'row', key: 'row', width: 80 },
                { title: t('field'), key: 'field', width: 100, render: (_, d) => columnText(t, d) },
                { title: t('problem'), key: 'message', render: (_, d) => problemText(t, d) },
              ]}
            />
          </>
        )}
      </Card>
    </>
  );
}
