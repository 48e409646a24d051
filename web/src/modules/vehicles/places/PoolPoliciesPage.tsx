import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useT } from '../../../app/i18n.ts';
import { useSession } from '../../../app/session.tsx';
import { ApiError } from '../../../shared/api.ts';
import { useApiError } from '../../../shared/feedback.ts';
import { useJurisdictions, type Jurisdiction } from '../../../shared/OrgSelects.tsx';
import { PageHeader } from '../../../shared/Page.tsx';
import { POOL_MODES, placeApi, type PoolMode } from './api.ts';
import { mp } from './messages.ts';

const pairKey = (lender: string, borrower: string) => `${lender}>${borrower}`;
const MODE_COLOR: Record<PoolMode, string> = { never: 'default', approval: 'orange', automatic: 'green' };

/**
 * 同城派车策略: the lender × borrower matrix of pools with one policy per ordered pair. The bureau
 * admin changes cells and saves them; everyone else with the read permission sees the matrix read-only.
 */
export default function PoolPoliciesPage() {
  const t = useT(mp);
  const { can } = useSession();
  const { message } = App.useApp();
  const onError = useApiError();
  const canEdit = can('vehicles.pool.write');
  const jurisdictions = useJurisdictions();
  const pools = useMemo(
    () =>
      [...jurisdictions].sort(
        (a, b) => Number(b.kind === 'city') - Number(a.kind === 'city') || a.code.localeCompare(b.code),
      ),
    [jurisdictions],
  );
  const [saved, setSaved] = useState<Record<string, PoolMode> | null>(null);
  const [draft, setDraft] = useState<Record<string, PoolMode>>({});
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    placeApi.policies().then(
      (list) => {
        if (!live) return;
        setSaved(Object.fromEntries(list.map((p) => [pairKey(p.lenderId, p.borrowerId), p.mode])));
        setDraft({});
      },
      (e: unknown) => live && onError(e),
    );
    return () => {
      live = false;
    };
  }, [tick, onError]);

  const modeOf = (k: string): PoolMode => draft[k] ?? saved?.[k] ?? 'never';
  const changed = Object.entries(draft).filter(([k, v]) => v !== (saved?.[k] ?? 'never'));

  const save = async () => {
    setBusy(true);
    const errs: Record<string, string> = {};
    let ok = 0;
    for (const [k, mode] of changed) {
      const [lenderId = '', borrowerId = ''] = k.split('>');
      try {
        await placeApi.setPolicy({ lenderId, borrowerId, mode });
        ok += 1;
      } catch (e) {
        if (e instanceof ApiError && e.status !== 401) errs[k] = e.message;
        onError(e);
      }
    }
    setCellErrors(errs);
    setBusy(false);
    if (ok > 0) message.success(t('poolSaved', { n: ok }));
    setTick((n) => n + 1);
  };

  const cell = (lender: Jurisdiction, borrower: Jurisdiction) => {
    if (lender.id === borrower.id) return <Typography.Text type="secondary">{t('self')}</Typography.Text>;
    const k = pairKey(lender.id, borrower.id);
    const mode = modeOf(k);
    const err = cellErrors[k];
    const dirty = k in draft && draft[k] !== (saved?.[k] ?? 'never');
    if (!canEdit) return <Tag color={MODE_COLOR[mode]}>{t(`mode_${mode}`)}</Tag>;
    return (
      <div>
        <Select<PoolMode>
          size="small"
          value={mode}
          status={err ? 'error' : dirty ? 'warning' : undefined}
          style={{ width: 136 }}
          options={POOL_MODES.map((m) => ({ value: m, label: t(`mode_${m}`) }))}
          onChange={(v) => {
            setDraft((d) => ({ ...d, [k]: v }));
            setCellErrors(({ [k]: _, ...rest }) => rest);
          }}
          data-testid={`veh-pool-${lender.code}-${borrower.code}`}
        />
        {err && (
          <Typography.Text
            type="danger"
            style={{ display: 'block', fontSize: 12 }}
            data-testid="veh-pool-error"
          >
            {err}
          </Typography.Text>
        )}
      </div>
    );
  };

  const columns: TableColumnsType<Jurisdiction> = [
    {
      title: t('lender'),
      dataIndex: 'name',
      fixed: 'left',
      width: 110,
      render: (n: string) => <Typography.Text strong>{n}</Typography.Text>,
    },
    ...pools.map((b) => ({
      // a pool's name is data (the jurisdiction's own name), not a label to translate
      title: <span data-goa-data>{b.name}</span>,
      key: b.id,
      width: 152,
      render: (_: unknown, l: Jurisdiction) => cell(l, b),
    })),
  ];

  return (
    <>
      <PageHeader
        title={t('poolTitle')}
        sub={t('poolSub')}
        extra={
          canEdit && (
            <Space wrap>
              <Button
                disabled={changed.length === 0 || busy}
                onClick={() => setDraft({})}
                data-testid="veh-pool-reset"
              >
                {t('poolReset')}
              </Button>
              <Button
                type="primary"
                loading={busy}
                disabled={changed.length === 0}
                onClick={() => void save()}
                data-testid="veh-pool-save"
              >
                {t('poolSave')}
              </Button>
            </Space>
          )
        }
      />
      {!canEdit && <Alert type="info" showIcon message={t('poolReadOnly')} style={{ marginBottom: 12 }} />}
      {canEdit && (
        <Typography.Text
          type={changed.length ? 'warning' : 'secondary'}
          style={{ display: 'block', marginBottom: 8 }}
          data-testid="veh-pool-status"
        >
          {changed.length ? t('poolChanged', { n: changed.length }) : t('poolUnchanged')}
        </Typography.Text>
      )}
      <Table<Jurisdiction>
        rowKey="id"
        size="small"
        bordered
        columns={columns}
        dataSource={pools}
        loading={saved === null}
        pagination={false}
        scroll={{ x: 110 + 128 * pools.length }}
        data-testid="veh-pool-matrix"
      />
    </>
  );
}
