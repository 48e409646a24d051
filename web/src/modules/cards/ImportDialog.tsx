import { useState } from 'react';
import { Alert, Button, Modal, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { ApiError } from '../../shared/api.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtYuan } from '../../shared/format.ts';
import { ListyRows } from '../mine/listy.tsx';
import { cardsApi } from './api.ts';
import { m } from './messages.ts';

/** Imports a terminal CSV; on refusal lists every bad line. */
export function ImportDialog({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT(m);
  const showError = useApiError();
  const [result, setResult] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ row?: number; field?: string; message?: string }[]>([]);
  const run = async (file: File) => {
    setResult(null);
    setProblems([]);
    try {
      const r = await cardsApi.importCsv(await file.text());
      setResult(t('imported', { n: r.imported, spent: fmtYuan(r.spent), refunded: fmtYuan(r.refunded) }));
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.details.length) setProblems(e.details);
      else showError(e);
    }
    return false;
  };
  return (
    <Modal open={open} title={t('importTerminal')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('importHint')}</Typography.Paragraph>
      <Upload accept=".csv,text/csv" showUploadList={false} beforeUpload={(f) => run(f)}>
        <Button icon={<UploadOutlined />}>{t('chooseCsv')}</Button>
      </Upload>
      {result && <Alert style={{ marginTop: 12 }} type="success" title={result} />}
      {problems.length > 0 && (
        <>
          <Alert style={{ marginTop: 12 }} type="error" title={t('importProblems')} />
          <ListyRows
            size="small"
            items={problems.map((p, key) => ({ ...p, key }))}
            rowKey="key"
            render={(p) => (
              <>
                {p.row !== undefined ? t('row', { row: p.row }) : ''} {p.field ? `[${p.field}]` : ''}{' '}
                {p.message}
              </>
            )}
          />
        </>
      )}
    </Modal>
  );
}
