import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Col,
  Divider,
  Empty,
  Input,
  Listy,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Tooltip,
} from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useT } from '../../../app/i18n.ts';
import { PageHeader } from '../../../shared/Page.tsx';
import { useApiError } from '../../../shared/feedback.ts';
import { fmtDateTime, fmtDateTimeSeconds } from '../../../shared/format.ts';
import { STATUS_COLOURS } from '../map/BaseMap.tsx';
import { loadMapSettings } from '../map/settings.ts';
import { CATEGORIES } from '../api.ts';
import { m } from '../messages.ts';
import {
  commandApi,
  STATUSES,
  type Board,
  type BoardVehicle,
  type OpenAlert,
  type VehicleStatus,
} from './api.ts';
import { LiveMap } from './LiveMap.tsx';
import { Replay } from './Replay.tsx';
import { cm } from './messages.ts';

const LEVEL_COLOUR = { red: 'red', yellow: 'gold', green: 'green' } as const;

/**
 * The command view (指挥): counts by status and pool, the live map of last positions, a filterable
 * vehicle list, open alerts, and trip replay. The board is polled (every refreshSeconds, 10 s by
 * default, paused while the tab is hidden): GPS units report every 10–30 s, each poll is one scoped
 * query answered in milliseconds, and polling needs no long-lived connections through proxies or
 * state shared between server instances, unlike SSE.
 */
export default function CommandPage() {
  const t = useT(cm);
  const tm = useT(m);
  const onError = useApiError();
  const [board, setBoard] = useState<Board | null>(null);
  const [alerts, setAlerts] = useState<OpenAlert[]>([]);
  const [auto, setAuto] = useState(true);
  // ?trip=ID opens that trip's replay (links from alerts, the desk or a message)
  const [params] = useSearchParams();
  const [tab, setTab] = useState<'live' | 'replay'>(params.get('trip') ? 'replay' : 'live');
  const [status, setStatus] = useState<VehicleStatus | null>(null);
  const [pool, setPool] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [plate, setPlate] = useState('');
  const [focus, setFocus] = useState<{ id: string; n: number } | null>(null);
  const [replayTrip, setReplayTrip] = useState<string | null>(params.get('trip'));
  const [refreshSeconds, setRefreshSeconds] = useState(10);
  const busy = useRef(false);

  const refresh = useCallback(() => {
    if (busy.current) return;
    busy.current = true;
    Promise.all([commandApi.board(), commandApi.alerts()])
      .then(([b, a]) => {
        setBoard(b);
        setAlerts(a);
      }, onError)
      .finally(() => (busy.current = false));
  }, [onError]);

  useEffect(() => {
    refresh();
    loadMapSettings().then(
      (s) => setRefreshSeconds(s.config.refreshSeconds),
      () => undefined,
    );
  }, [refresh]);

  useEffect(() => {
    if (!auto || tab !== 'live') return;
    const id = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, refreshSeconds * 1000);
    return () => window.clearInterval(id);
  }, [auto, tab, refresh, refreshSeconds]);

  const vehicles = useMemo(() => board?.vehicles ?? [], [board]);
  const shown = useMemo(() => {
    const q = plate.trim().toUpperCase();
    return vehicles.filter(
      (v) =>
        (!status || v.status === status) &&
        (!pool || v.jurisdictionId === pool) &&
        (!category || v.category === category) &&
        (!q || v.plate.toUpperCase().includes(q)),
    );
  }, [vehicles, status, pool, category, plate]);

  const openReplay = useCallback((tripId: string) => {
    setReplayTrip(tripId);
    setTab('replay');
  }, []);

  const counts = board?.counts;
  const statusCards = (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <Col xs={12} sm={8} md={4}>
        <Card
          size="small"
          hoverable
          onClick={() => setStatus(null)}
          className={status === null ? 'veh-cmd-count veh-cmd-count-on' : 'veh-cmd-count'}
          data-testid="veh-cmd-count-total"
        >
          <div className="veh-cmd-count-label">{t('total')}</div>
          <div className="veh-cmd-count-value">{vehicles.length}</div>
        </Card>
      </Col>
      {STATUSES.map((s) => (
        <Col xs={12} sm={8} md={4} key={s}>
          <Card
            size="small"
            hoverable
            onClick={() => setStatus(status === s ? null : s)}
            className={status === s ? 'veh-cmd-count veh-cmd-count-on' : 'veh-cmd-count'}
            style={{ borderTop: `3px solid ${STATUS_COLOURS[s]}` }}
            data-testid={`veh-cmd-count-${s}`}
          >
            <div className="veh-cmd-count-label">{t(`st_${s}`)}</div>
            <div className="veh-cmd-count-value" style={{ color: STATUS_COLOURS[s] }}>
              {counts?.[s] ?? 0}
            </div>
          </Card>
        </Col>
      ))}
    </Row>
  );

  const poolTable = (
    <Table
      size="small"
      rowKey="jurisdictionId"
      pagination={false}
      dataSource={board?.pools ?? []}
      data-testid="veh-cmd-pools"
      scroll={{ x: 520 }}
      onRow={(r) => ({ onClick: () => setPool(pool === r.jurisdictionId ? null : r.jurisdictionId) })}
      rowClassName={(r) => (r.jurisdictionId === pool ? 'ant-table-row-selected' : '')}
      columns={[
        { title: t('pool'), dataIndex: 'jurisdictionName', fixed: 'left' },
        { title: t('total'), dataIndex: 'total', align: 'right' },
        ...STATUSES.map((s) => ({
          title: t(`st_${s}`),
          align: 'right' as const,
          render: (_: unknown, r: Board['pools'][number]) =>
            r.counts[s] || <span style={{ color: '#bfbfbf' }}>0</span>,
        })),
      ]}
    />
  );

  const list = (
    <Card
      size="small"
      title={tm('counted', { label: t('list'), n: t('vehicles', { n: shown.length }) })}
      styles={{ body: { padding: 0 } }}
    >
      <Space wrap style={{ padding: 8 }}>
        <Select
          allowClear
          placeholder={t('allStatuses')}
          value={status ?? undefined}
          onChange={(v?: VehicleStatus) => setStatus(v ?? null)}
          style={{ width: 110 }}
          data-testid="veh-cmd-filter-status"
          options={STATUSES.map((s) => ({ value: s, label: t(`st_${s}`) }))}
        />
        <Select
          allowClear
          placeholder={t('allPools')}
          value={pool ?? undefined}
          onChange={(v?: string) => setPool(v ?? null)}
          style={{ width: 120 }}
          options={(board?.pools ?? []).map((p) => ({ value: p.jurisdictionId, label: p.jurisdictionName }))}
        />
        <Select
          allowClear
          placeholder={t('allCategories')}
          value={category ?? undefined}
          onChange={(v?: string) => setCategory(v ?? null)}
          style={{ width: 130 }}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`cat_${c}`) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('searchPlate')}
          style={{ width: 130 }}
          onChange={(e) => setPlate(e.target.value)}
        />
      </Space>
      <Table<BoardVehicle>
        size="small"
        rowKey="id"
        dataSource={shown}
        data-testid="veh-cmd-list"
        pagination={{ pageSize: 12, size: 'small', showSizeChanger: false }}
        onRow={(v) => ({ onClick: () => v.position && setFocus({ id: v.id, n: Date.now() }) })}
        columns={[
          {
            title: t('plate'),
            dataIndex: 'plate',
            render: (p: string, v) => (
              <Space size={4}>
                <Badge color={STATUS_COLOURS[v.status]} />
                <span>{p}</span>
              </Space>
            ),
          },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (s: VehicleStatus) => <Tag color={STATUS_COLOURS[s]}>{t(`st_${s}`)}</Tag>,
          },
          {
            title: t('trip'),
            render: (_, v) =>
              v.trip ? (
                <Tooltip title={v.trip.route ?? ''}>
                  <a
                    onClick={(e) => {
                      e.stopPropagation();
                      openReplay(v.trip!.id);
                    }}
                  >
                    {v.trip.driverName}
                  </a>
                </Tooltip>
              ) : (
                '—'
              ),
          },
          {
            title: t('lastSeen'),
            render: (_, v) =>
              v.position ? (
                <Tooltip title={`${fmtDateTimeSeconds(v.position.at)} · ${t(`src_${v.position.source}`)}`}>
                  <span style={v.position.stale ? { color: '#cf1322' } : undefined}>
                    {fmtDateTime(v.position.at).slice(-5)}
                    {v.position.stale ? ` · ${t('stale')}` : ''}
                  </span>
                </Tooltip>
              ) : (
                <span style={{ color: '#bfbfbf' }}>{t('noPosition')}</span>
              ),
          },
        ]}
      />
    </Card>
  );

  const alertPanel = (
    <Card
      size="small"
      title={tm('counted', { label: t('alerts'), n: alerts.length })}
      style={{ marginTop: 16 }}
      data-testid="veh-cmd-alerts"
    >
      {alerts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noAlerts')} />
      ) : (
        <Listy
          items={alerts.slice(0, 30)}
          rowKey="id"
          styles={{ item: { padding: '8px 0' } }}
          itemRender={(a) => (
            <div
              data-testid="veh-cmd-alert"
              style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}
            >
              <Space size={6} wrap style={{ flex: 1, minWidth: 0 }}>
                <Tag color={LEVEL_COLOUR[a.level]}>{t(`lvl_${a.level}`)}</Tag>
                <b>{a.plate}</b>
                <span>{t(`ak_${a.kind}` as 'ak_off_hours')}</span>
                <span style={{ color: '#8c8c8c' }}>{fmtDateTime(a.at)}</span>
              </Space>
              <Space size={0} separator={<Divider orientation="vertical" />}>
                <a onClick={() => setFocus({ id: a.vehicleId, n: Date.now() })}>{t('showOnMap')}</a>
                {a.tripId ? <a onClick={() => openReplay(a.tripId!)}>{t('replayTrip')}</a> : null}
              </Space>
            </div>
          )}
        />
      )}
    </Card>
  );

  return (
    <div>
      <PageHeader
        title={t('title')}
        sub={t('sub')}
        extra={
          <Space>
            <span style={{ color: '#8c8c8c' }} data-testid="veh-cmd-refreshed">
              {board ? t('refreshed', { t: fmtDateTimeSeconds(board.at).slice(-8) }) : ''}
            </span>
            <Switch
              checked={auto}
              onChange={setAuto}
              checkedChildren={t('autoRefresh')}
              unCheckedChildren={t('autoRefresh')}
            />
            <Button icon={<ReloadOutlined />} onClick={() => refresh()}>
              {t('refresh')}
            </Button>
          </Space>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'live' | 'replay')}
        items={[
          {
            key: 'live',
            label: t('live'),
            children: (
              <>
                {statusCards}
                <Row gutter={[16, 16]}>
                  <Col xs={24} xl={15}>
                    <LiveMap vehicles={shown} focus={focus} onReplay={openReplay} />
                    <Card size="small" title={t('pools')} style={{ marginTop: 16 }}>
                      {poolTable}
                    </Card>
                  </Col>
                  <Col xs={24} xl={9}>
                    {list}
                    {alertPanel}
                  </Col>
                </Row>
              </>
            ),
          },
          {
            key: 'replay',
            label: <span data-testid="veh-cmd-tab-replay">{t('replay')}</span>,
            children: <Replay vehicles={vehicles} tripId={replayTrip} onTrip={setReplayTrip} />,
          },
        ]}
      />
    </div>
  );
}
