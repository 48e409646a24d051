import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Flex, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { SearchInput } from '../../shared/SearchInput.tsx';
import { usePagedTable } from '../../shared/table.ts';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { STATUS_COLORS, VISIT_STATUSES, visitorsApi, type Visit, type VisitStatus } from './api.ts';
import { m } from './messages.ts';
import { VISITOR_PERM } from './module.ts';

type Filters = { status?: VisitStatus; q?: string };

export function StatusTag({ v }: { v: Pick<Visit, 'status' | 'walkIn' | 'flagged'> }) {
  const t = useT(m);
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLORS[v.status]} data-testid="visit-status">
        {t(`st_${v.status}`)}
      </Tag>
      {v.walkIn && <Tag>{t('walkInTag')}</Tag>}
      {v.flagged && <Tag color="red">{t('flaggedTag')}</Tag>}
    </Space>
  );
}

/** Hosts decide their visitors' appointments; unit admins see their unit's. */
export function VisitsPage() {
  const t = useT(m);
  const isPhone = useIsPhone();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const { id: openId } = useParams();
  const table = usePagedTable<Visit, Filters>(visitorsApi.visits, {});
  const [link, setLink] = useState<string | null>(null);
  const [focus, setFocus] = useState<Visit | null>(null);

  useEffect(() => {
    visitorsApi.hostLink().then(
      (r) => setLink(`${window.location.origin}/visit/${r.token}`),
      () => setLink(null),
    );
  }, []);
  useEffect(() => {
    if (openId) visitorsApi.visit(openId).then(setFocus, showError);
  }, [openId, showError]);

  const decide = useMemo(
    () => ({
      approve: async (v: Visit) => {
        try {
          const r = await visitorsApi.approve(v.id);
          void message.success(t('approved', { code: r.passCode ?? '' }));
          setFocus(null);
          table.reload();
        } catch (e) {
          showError(e);
        }
      },
      decline: (v: Visit) => {
        let reason = '';
        modal.confirm({
          title: t('decline'),
          content: (
            <Input.TextArea
              placeholder={t('declineReason')}
              maxLength={200}
              onChange={(e) => (reason = e.target.value)}
              data-testid="decline-reason"
            />
          ),
          onOk: async () => {
            try {
              await visitorsApi.decline(v.id, reason);
              void message.success(t('declined'));
              setFocus(null);
              table.reload();
            } catch (e) {
              showError(e);
            }
          },
        });
      },
    }),
    [message, modal, showError, t, table],
  );

  // a visit whose time is over can only be declined (the server refuses a pass for it: visit_over)
  // (as of when the page opened; a later approve of an ended visit gets the server's visit_over)
  const [openedAt] = useState(() => Date.now());
  const over = (v: Visit) => new Date(v.endsAt).getTime() <= openedAt;
  const actions = (v: Visit) =>
    v.status === 'pending' && can(VISITOR_PERM.decide) ? (
      <Space>
        {over(v) ? (
          <Tag data-testid="visit-over">{t('visitOver')}</Tag>
        ) : (
          <Button
            type="primary"
            size="small"
            onClick={() => void decide.approve(v)}
            data-testid="visit-approve"
          >
            {t('approve')}
          </Button>
        )}
        <Button danger size="small" onClick={() => decide.decline(v)} data-testid="visit-decline">
          {t('decline')}
        </Button>
      </Space>
    ) : null;

  const columns: TableColumnsType<Visit> = [
    {
      title: t('visitor'),
      key: 'visitor',
      render: (_, v) => (
        <>
          <Typography.Link onClick={() => setFocus(v)} data-testid="visit-open">
            {v.visitorName}
          </Typography.Link>
          <Typography.Text type="secondary">{v.company}</Typography.Text>
        </>
      ),
    },
    {
      title: t('host'),
      key: 'host',
      render: (_, v) => (
        <>
          <div>{v.hostName}</div>
          <Typography.Text type="secondary">{v.unitName}</Typography.Text>
        </>
      ),
    },
    {
      title: t('time'),
      key: 'time',
      render: (_, v) => `${fmtDateTime(v.startsAt)} – ${fmtDateTime(v.endsAt).slice(-5)}`,
    },
    { title: t('purpose'), dataIndex: 'purpose', key: 'purpose' },
    { title: t('idNumber'), dataIndex: 'idMasked', key: 'idMasked' },
    { title: t('plate'), dataIndex: 'plate', key: 'plate' },
    { title: t('status'), key: 'status', render: (_, v) => <StatusTag v={v} /> },
    { title: '', key: 'actions', render: (_, v) => actions(v) },
  ];

  return (
    <>
      <PageHeader title={t('appointments')} />
      {link && (
        <Card size="small" style={{ marginBottom: 16 }} title={t('myLink')}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('myLinkHint')}
          </Typography.Paragraph>
          <Space.Compact style={{ width: '100%' }}>
            <Input value={link} readOnly data-testid="my-visit-link" />
            <Button
              icon={<CopyOutlined />}
              onClick={() =>
                void navigator.clipboard?.writeText(link).then(() => message.success(t('copied')))
              }
            >
              {!isPhone && t('copy')}
            </Button>
          </Space.Compact>
        </Card>
      )}
      {/* on a phone the status filter scrolls sideways instead of widening the page */}
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Segmented
            value={table.filters.status ?? 'all'}
            options={[
              { value: 'all', label: t('all') },
              ...VISIT_STATUSES.filter((s) => s !== 'cancelled').map((s) => ({
                value: s,
                label: t(`st_${s}`),
              })),
            ]}
            onChange={(v) => table.setFilters({ status: v === 'all' ? undefined : (v as VisitStatus) })}
          />
        </div>
        <SearchInput
          placeholder={t('visitor')}
          testId="visit-search"
          onSearch={(q) => table.setFilters({ q })}
        />
      </Flex>
      {isPhone ? (
        <ItemList<Visit>
          loading={table.loading}
          items={table.data?.items}
          rowKey="id"
          pagination={table.listPagination}
          renderItem={(v) => (
            <ItemRow
              testId="visit-row"
              extra={actions(v)}
              title={
                <Space wrap>
                  {/* the whole appointment (company, ID, plate) before deciding */}
                  <Typography.Link onClick={() => setFocus(v)} data-testid="visit-open">
                    {v.visitorName}
                  </Typography.Link>
                  <StatusTag v={v} />
                </Space>
              }
              description={`${fmtDateTime(v.startsAt)} · ${v.hostName} · ${v.purpose}`}
            />
          )}
        />
      ) : (
        <Table<Visit>
          rowKey="id"
          columns={columns}
          {...table.tableProps}
          onRow={() => ({ 'data-testid': 'visit-row' }) as object}
        />
      )}
      <Modal
        open={focus !== null}
        title={focus?.visitorName}
        footer={focus ? actions(focus) : null}
        onCancel={() => setFocus(null)}
      >
        {focus && (
          <ItemList
            size="small"
            rowKey="key"
            items={[
              { key: 'status', label: t('status'), value: <StatusTag v={focus} /> },
              {
                key: 'host',
                label: t('host'),
                value: t('withNote', { a: focus.hostName, b: focus.unitName }),
              },
              { key: 'company', label: t('company'), value: focus.company ?? '—' },
              { key: 'purpose', label: t('purpose'), value: focus.purpose },
              {
                key: 'time',
                label: t('time'),
                value: `${fmtDateTime(focus.startsAt)} – ${fmtDateTime(focus.endsAt)}`,
              },
              { key: 'id', label: t('idNumber'), value: focus.idMasked ?? '—' },
              { key: 'plate', label: t('plate'), value: focus.plate ?? '—' },
              ...(focus.passCode ? [{ key: 'code', label: t('passCode'), value: focus.passCode }] : []),
            ]}
            renderItem={(row) => (
              <>
                {row.label}: {row.value}
              </>
            )}
          />
        )}
      </Modal>
    </>
  );
}
