import { Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useLocale, useT } from '../../app/i18n.ts';
import { fieldLabel } from './codes.ts';
import { diffRows, showValue, type DiffRow } from './diff.ts';
import { m } from './messages.ts';

/** One record of the audit trail (GET /api/audit). */
export interface AuditRecord {
  id: number;
  at: string;
  actorAccountId: string | null;
  actorLabel: string;
  ip: string | null;
  entity: string;
  entityId: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

/** A code as a name, with the code itself below in small print (codes are what the API and exports use). */
export function Coded({ label, code, tag }: { label: string; code: string; tag?: string }) {
  return (
    <span className="goa-coded">
      {tag ? <Tag color={tag}>{label}</Tag> : <span>{label}</span>}
      {label !== code && <span className="goa-code">{code}</span>}
    </span>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The record's id: a link where the web app has a page for it, ids shortened with a copy button. */
export function EntityId({ entity, id }: { entity: string; id: string | null }) {
  if (!id) return <>—</>;
  const text = UUID.test(id) ? id.slice(0, 8) : id;
  if (entity === 'approvals.matter') {
    return (
      <Typography.Text copyable={{ text: id }}>
        <Link to={`/approvals/matters/${id}`}>{text}</Link>
      </Typography.Text>
    );
  }
  return <Typography.Text copyable={{ text: id }}>{text}</Typography.Text>;
}

/** The before/after values of a record, changed fields first. */
export function Diff({ record }: { record: AuditRecord }) {
  const t = useT(m);
  const locale = useLocale();
  const rows = diffRows(record.before, record.after);
  if (rows.length === 0) return <Typography.Text type="secondary">{t('noChanges')}</Typography.Text>;
  return (
    <Table<DiffRow>
      className="goa-diff"
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      rowClassName={(r) => (r.changed ? 'goa-diff-changed' : '')}
      columns={[
        {
          title: t('field'),
          dataIndex: 'field',
          key: 'field',
          render: (f: string) => (f ? <Coded label={fieldLabel(f, locale)} code={f} /> : '—'),
        },
        {
          title: t('before'),
          key: 'before',
          render: (_, r) => <pre className={r.changed ? 'goa-diff-old' : ''}>{showValue(r.before)}</pre>,
        },
        {
          title: t('after'),
          key: 'after',
          render: (_, r) => <pre className={r.changed ? 'goa-diff-new' : ''}>{showValue(r.after)}</pre>,
        },
      ]}
      data-testid="audit-diff"
    />
  );
}
