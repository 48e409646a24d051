import { useRef, useState } from 'react';
import { Alert, Button, Modal, Space, Table, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { api, ApiError, type ErrorDetail } from '../../shared/api.ts';
import { useApiError } from '../../shared/feedback.ts';
import { common } from '../../shared/messages.ts';
import type { ImportResult } from './api.ts';
import { m } from './messages.ts';

/**
 * Import from .xlsx: choose a file, import, then either the counts or every bad row with its reason
 * (the server wrote nothing in that case).
 */
export function ImportDialog({
  open,
  what,
  template,
  run,
  onClose,
  onImported,
}: {
  open: boolean;
  what: string;
  template?: { url: string; name: string };
  run: (file: File) => Promise<ImportResult>;
  onClose: () => void;
  onImported: () => void;
}) {
  const t = useT(m);
  const c = useT(common);
  const showError = useApiError();
  const [file, setFile] = useState<File | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problems, setProblems] = useState<{ message: string; rows: ErrorDetail[] } | null>(null);

  const reset = () => {
    setFile(null);
    setResult(null);
    setProblems(null);
  };

  const start = async () => {
    if (!file) return;
    setBusy(true);
    setResult(null);
    setProblems(null);
    try {
      setResult(await run(file));
      onImported();
    } catch (e) {
      if (e instanceof ApiError && e.details.some((d) => typeof d.row === 'number')) {
        setProblems({ message: e.message, rows: e.details });
      } else if (e instanceof ApiError && e.status === 400) {
        setProblems({ message: e.message, rows: [] });
      } else showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('importTitle', { what })}
      width={760}
      onCancel={() => {
        reset();
        onClose();
      }}
      afterClose={reset}
      footer={
        <Space wrap>
          <Button
            onClick={() => {
              reset();
              onClose();
            }}
          >
            {c('close')}
          </Button>
          <Button
            type="primary"
            disabled={!file}
            loading={busy}
            onClick={() => void start()}
            data-testid="import-submit"
          >
            {t('startImport')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('importHint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <input
          ref={input}
          type="file"
          hidden
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setResult(null);
            setProblems(null);
            e.target.value = '';
          }}
          data-testid="import-file"
        />
        <Button
          icon={<FileExcelOutlined />}
          onClick={() => input.current?.click()}
          data-testid="import-choose"
        >
          {t('chooseFile')}
        </Button>
        <Typography.Text data-testid="import-file-name">{file?.name ?? t('noFile')}</Typography.Text>
        {template && (
          <Button
            type="link"
            icon={<DownloadOutlined />}
            onClick={() => void api.download(template.url, undefined, template.name).catch(showError)}
            data-testid="import-template"
          >
            {t('template')}
          </Button>
        )}
      </Space>
      {result && (
        <Alert type="success" showIcon title={t('importDone', { ...result })} data-testid="import-result" />
      )}
      {problems && (
        <>
          <Alert
            type="error"
            showIcon
            title={problems.message}
            description={problems.rows.length > 0 ? undefined : t('importFailed')}
            style={{ marginBottom: 12 }}
          />
          {problems.rows.length > 0 && (
            <Table<ErrorDetail>
              size="small"
              rowKey={(d) => `${d.row}-${d.field}-${d.code}`}
              dataSource={problems.rows}
              pagination={problems.rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
              tableLayout="fixed"
              columns={[
                { title: t('row'), dataIndex: 'row', key: 'row', width: 64 },
                {
                  title: t('column'),
                  key: 'column',
                  width: 110,
                  render: (_, d) => String(d.column ?? d.field ?? ''),
                },
                { title: t('problem'), dataIndex: 'message', key: 'message' },
              ]}
              data-testid="import-errors"
            />
          )}
        </>
      )}
    </Modal>
  );
}
