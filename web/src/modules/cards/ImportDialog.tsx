import { useState } from 'react';
import { Alert, Button, Modal, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useT, type Translate } from '../../app/i18n.ts';
import { ApiError } from '../../shared/api.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtYuan } from '../../shared/format.ts';
import { ItemList } from '../../shared/ItemList.tsx';
import { cardsApi } from './api.ts';
import { m, type MessageKey } from './messages.ts';

/** The columns of a terminal file and the problem codes the server reports on its lines. */
const COLUMNS = ['terminalId', 'terminalSeq', 'cardNo', 'occurredAt', 'amount', 'kind'] as const;
const CODES = [
  'csv_malformed',
  'csv_header',
  'csv_empty',
  'terminal_id_invalid',
  'terminal_seq_invalid',
  'card_no_invalid',
  'time_invalid',
  'amount_invalid',
  'kind_invalid',
  'terminal_duplicate_in_file',
  'terminal_duplicate',
  'card_unknown',
  'card_not_active',
  'card_insufficient_balance',
] as const;
const known = <T extends string>(list: readonly T[], v: unknown): v is T => list.includes(v as T);

type Problem = {
  row?: number;
  field?: string;
  code?: string;
  message?: string;
  missing?: string[];
  duplicateOf?: number;
};

/**
 * One bad line in the user's language: the server's details carry an English message and the field's
 * internal name ('[terminalSeq] sequence number must be…' showed in the Chinese dialog); the code and the
 * field are translated here, the server's text is kept only for a code this page does not know.
 */
export function problemText(t: Translate<MessageKey>, p: Problem): string {
  const col = (f: string) => (known(COLUMNS, f) ? t(`col_${f}`) : f);
  const what = known(CODES, p.code)
    ? t(`imp_${p.code}`, { missing: (p.missing ?? []).map(col).join('、'), first: p.duplicateOf ?? '' })
    : (p.message ?? '');
  return [p.row ? t('row', { row: p.row }) : '', p.field ? `[${col(p.field)}]` : '', what]
    .filter(Boolean)
    .join(' ');
}

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
  const [problems, setProblems] = useState<Problem[]>([]);
  const run = async (file: File) => {
    setResult(null);
    setProblems([]);
    try {
      const r = await cardsApi.importCsv(await file.text());
      setResult(t('imported', { n: r.imported, spent: fmtYuan(r.spent), refunded: fmtYuan(r.refunded) }));
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.details.length) setProblems(e.details as Problem[]);
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
          <ItemList
            size="small"
            items={problems.map((p, key) => ({ ...p, key }))}
            rowKey="key"
            renderItem={(p) => problemText(t, p)}
          />
        </>
      )}
    </Modal>
  );
}
