import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  InputNumber,
  DatePicker,
  Input,
  Row,
  Space,
  Table,
  Tag,
  Tree,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useParams } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { ApiError } from '../../shared/api.ts';
import { Forbidden, NotFound, PageHeader } from '../../shared/Page.tsx';
import { energyApi, type Building, type Institution, type ManualEntry, type Point } from './api.ts';
import { m } from './messages.ts';
import { meterForest, type MeterNode } from './tree.ts';
import { PointCurves } from './PointCurves.tsx';
import { ReplacementPanel } from './ReplacementPanel.tsx';

const TYPE_COLORS = { electricity: 'blue', water: 'cyan', gas: 'orange', heat: 'red' } as const;

function PointLabel({ p }: { p: Point }) {
  const t = useT(m);
  return (
    <span data-testid="meter-node">
      <Tag color={TYPE_COLORS[p.energyType]}>{t(`energy_${p.energyType}`)}</Tag>
      {p.name} <Typography.Text type="secondary">{p.code}</Typography.Text>
      {p.subItem && <Tag style={{ marginLeft: 6 }}>{t(`sub_${p.subItem}`)}</Tag>}
      {p.kind !== 'metered' && (
        <Tag color={p.kind === 'virtual' ? 'purple' : 'default'}>{t(`pointKind_${p.kind}`)}</Tag>
      )}
    </span>
  );
}

function toTreeData(
  nodes: MeterNode[],
): { key: string; title: React.ReactNode; children: ReturnType<typeof toTreeData> }[] {
  return nodes.map((n) => ({
    key: n.key,
    title: <PointLabel p={n.point} />,
    children: toTreeData(n.children),
  }));
}

function ManualEntries({ point }: { point: Point }) {
  const t = useT(m);
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useApiError();
  const [entries, setEntries] = useState<ManualEntry[]>([]);
  const [form] = Form.useForm<{ month: Dayjs; value: number; note?: string }>();
  const load = useCallback(
    () => energyApi.entries(point.id).then(setEntries, showError),
    [point.id, showError],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const save = async (v: { month: Dayjs; value: number; note?: string }) => {
    try {
      await energyApi.putEntry(point.id, {
        month: v.month.format('YYYY-MM'),
        value: v.value,
        note: v.note || null,
      });
      message.success(t('entrySaved'));
      form.resetFields();
      await load();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <>
      {can('energy.entry.write') && (
        <Form
          form={form}
          layout="inline"
          onFinish={(v) => void save(v)}
          style={{ marginBottom: 12, rowGap: 8 }}
        >
          <Form.Item name="month" rules={[{ required: true }]}>
            <DatePicker picker="month" placeholder={t('month')} />
          </Form.Item>
          <Form.Item name="value" rules={[{ required: true }]}>
            <InputNumber min={0} placeholder={`${t('value')} (${point.unit})`} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="note">
            <Input placeholder={t('note')} maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="entry-save">
            {t('addEntry')}
          </Button>
        </Form>
      )}
      <Table<ManualEntry>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={entries}
        columns={[
          { title: t('month'), dataIndex: 'month' },
          { title: `${t('value')} (${point.unit})`, dataIndex: 'value', align: 'right' },
          { title: t('note'), dataIndex: 'note' },
          { title: t('enteredBy'), dataIndex: 'enteredBy' },
        ]}
      />
    </>
  );
}

export function InstitutionPage() {
  const t = useT(m);
  const { id = '' } = useParams();
  const showError = useApiError();
  const [inst, setInst] = useState<Institution | null>(null);
  const [buildings, setBuildings] = useState<Building[]>([]);
  const [points, setPoints] = useState<Point[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  // an address that names no institution (or one outside the user's scope) answers with a page, not
  // an endless skeleton under a stack of error toasts
  const [refused, setRefused] = useState<{ id: string; kind: 'forbidden' | 'not_found' } | null>(null);
  useEffect(() => {
    let live = true;
    energyApi.institution(id).then(
      (found) => {
        if (!live) return;
        setInst(found);
        energyApi.buildings(id).then((b) => live && setBuildings(b), showError);
        energyApi.points({ institutionId: id, pageSize: 500 }).then((p) => {
          if (!live) return;
          setPoints(p.items);
          setSelected((s) => s ?? p.items.find((x) => !x.parentId)?.id ?? null);
        }, showError);
      },
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 403) setRefused({ id, kind: 'forbidden' });
        else if (e instanceof ApiError && (e.status === 404 || e.status === 400))
          setRefused({ id, kind: 'not_found' });
        else showError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [id, showError]);
  const forest = useMemo(() => meterForest(points), [points]);
  const point = points.find((p) => p.id === selected) ?? null;
  if (refused?.id === id) return refused.kind === 'forbidden' ? <Forbidden /> : <NotFound />;
  if (!inst) return <Card loading />;
  return (
    <>
      <PageHeader
        title={<span data-testid="institution-title">{inst.name}</span>}
        sub={
          <Space wrap>
            <span>{inst.code}</span>
            <span>{inst.jurisdictionName}</span>
            <span>{t(`kind_${inst.kind}`)}</span>
            {inst.demonstration && <Tag color="gold">{t(`demo_${inst.demonstration}`)}</Tag>}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('basics')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={2} size="small">
              <Descriptions.Item label={t('unit')}>{inst.unitName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('occupants')}>{inst.occupants}</Descriptions.Item>
              <Descriptions.Item label={t('floorArea')}>
                {inst.floorArea.toLocaleString('zh-CN', { maximumFractionDigits: 0 })}
              </Descriptions.Item>
              <Descriptions.Item label={t('points')}>{inst.points}</Descriptions.Item>
              <Descriptions.Item label={t('address')} span={2}>
                {inst.address ?? '—'}
              </Descriptions.Item>
            </Descriptions>
            <Table<Building>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={buildings}
              columns={[
                { title: t('buildingName'), dataIndex: 'name' },
                { title: t('floorArea'), dataIndex: 'floorArea', align: 'right' },
                { title: t('occupants'), dataIndex: 'occupants', align: 'right' },
                { title: t('builtYear'), dataIndex: 'builtYear', align: 'right' },
              ]}
            />
          </Card>
          <Card title={t('meterTree')} size="small" data-testid="meter-tree">
            {forest.length === 0 ? (
              <Empty description={t('noPoints')} />
            ) : (
              <Tree
                blockNode
                defaultExpandAll
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => keys[0] && setSelected(String(keys[0]))}
                treeData={toTreeData(forest)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          {point && (
            <Card size="small" title={<PointLabel p={point} />} data-testid="point-detail">
              <Descriptions column={{ xs: 1, sm: 2 }} size="small" style={{ marginBottom: 12 }}>
                <Descriptions.Item label={t('kind')}>{t(`pointKind_${point.kind}`)}</Descriptions.Item>
                <Descriptions.Item label={t('interval')}>
                  {t('minutes', { n: point.intervalMinutes })}
                </Descriptions.Item>
                <Descriptions.Item label={t('buildingName')}>{point.buildingName ?? '—'}</Descriptions.Item>
                {point.formula && (
                  <Descriptions.Item label={t('formula')}>
                    <Typography.Text code>{point.formula}</Typography.Text>
                  </Descriptions.Item>
                )}
              </Descriptions>
              {point.kind === 'manual' ? <ManualEntries point={point} /> : <PointCurves point={point} />}
              {point.kind === 'metered' && <ReplacementPanel key={point.id} point={point} />}
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
