import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Row, Space, Table, Tag, Tree, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { ApiError } from '../../shared/api.ts';
import { common } from '../../shared/messages.ts';
import { Forbidden, NotFound, PageHeader } from '../../shared/Page.tsx';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { energyApi, type Building, type Institution, type Point } from './api.ts';
import { BuildingDrawer } from './BuildingDrawer.tsx';
import { DeleteButton } from './DeleteButton.tsx';
import { InstitutionDrawer } from './InstitutionDrawer.tsx';
import { InstitutionYear } from './InstitutionYear.tsx';
import { ManualEntries } from './ManualEntries.tsx';
import { m } from './messages.ts';
import { PointDrawer } from './PointDrawer.tsx';
import { mr } from './registry-messages.ts';
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

export function InstitutionPage() {
  const t = useT(m);
  const r = useT(mr);
  const c = useT(common);
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { can } = useSession();
  const canEdit = can('energy.registry.write');
  const isPhone = useIsPhone();
  const showError = useApiError();
  const [inst, setInst] = useState<Institution | null>(null);
  const [buildings, setBuildings] = useState<Building[]>([]);
  const [points, setPoints] = useState<Point[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Institution | null>(null);
  const [buildingForm, setBuildingForm] = useState<Building | 'new' | null>(null);
  const [pointForm, setPointForm] = useState<Point | 'new' | null>(null);
  // an address that names no institution (or one outside the user's scope) answers with a page, not
  // an endless skeleton under a stack of error toasts
  const [refused, setRefused] = useState<{ id: string; kind: 'forbidden' | 'not_found' } | null>(null);
  /** the institution's figures (floor area, points), buildings and points again after a change */
  const reload = useCallback(async () => {
    const [found, b, p] = await Promise.all([
      energyApi.institution(id),
      energyApi.buildings(id),
      energyApi.points({ institutionId: id, pageSize: 500 }),
    ]);
    setInst(found);
    setBuildings(b);
    setPoints(p.items);
    return p.items;
  }, [id]);
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
        extra={
          canEdit && (
            <Space wrap>
              <Button icon={<EditOutlined />} onClick={() => setEditing(inst)} data-testid="institution-edit">
                {c('edit')}
              </Button>
              <DeleteButton
                confirm={r('deleteInstitutionConfirm')}
                label={r('deleteInstitution')}
                testId="institution-delete"
                onConfirm={() =>
                  energyApi.deleteInstitution(inst.id).then(() => navigate('/energy/institutions'))
                }
              />
            </Space>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card
            title={t('basics')}
            size="small"
            style={{ marginBottom: 16 }}
            extra={
              canEdit && (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setBuildingForm('new')}
                  data-testid="building-add"
                >
                  {r('newBuilding')}
                </Button>
              )
            }
          >
            <Descriptions column={{ xs: 1, sm: 2 }} size="small">
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
              scroll={{ x: 'max-content' }}
              data-testid="building-table"
              columns={[
                { title: t('buildingName'), dataIndex: 'name' },
                {
                  title: t('floorArea'),
                  dataIndex: 'floorArea',
                  align: 'right',
                  render: (v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: 0 }),
                },
                { title: t('occupants'), dataIndex: 'occupants', align: 'right' },
                { title: t('builtYear'), dataIndex: 'builtYear', align: 'right' },
                ...(canEdit
                  ? [
                      {
                        title: r('actions'),
                        key: 'actions',
                        render: (_: unknown, b: Building) => (
                          <Space size={4}>
                            <Button
                              size="small"
                              icon={<EditOutlined />}
                              aria-label={r('editBuilding')}
                              onClick={() => setBuildingForm(b)}
                              data-testid="building-edit"
                            />
                            <DeleteButton
                              confirm={r('deleteBuildingConfirm')}
                              label=""
                              testId="building-delete"
                              onConfirm={() => energyApi.deleteBuilding(b.id).then(reload)}
                            />
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
          <Card
            title={t('meterTree')}
            size="small"
            data-testid="meter-tree"
            extra={
              canEdit && (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setPointForm('new')}
                  data-testid="point-add"
                >
                  {r('newPoint')}
                </Button>
              )
            }
          >
            {forest.length === 0 ? (
              <Empty description={t('noPoints')} />
            ) : (
              <Tree
                blockNode
                defaultExpandAll
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => {
                  if (!keys[0]) return;
                  setSelected(String(keys[0]));
                  // on a phone the point's card lies below the tree: bring it into view
                  if (isPhone)
                    requestAnimationFrame(() =>
                      document
                        .querySelector('[data-testid="point-detail"]')
                        ?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
                    );
                }}
                treeData={toTreeData(forest)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <InstitutionYear id={inst.id} />
          {point && (
            <Card
              size="small"
              title={<PointLabel p={point} />}
              data-testid="point-detail"
              extra={
                canEdit && (
                  <Space size={4}>
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setPointForm(point)}
                      data-testid="point-edit"
                    >
                      {c('edit')}
                    </Button>
                    <DeleteButton
                      confirm={r('deletePointConfirm')}
                      testId="point-delete"
                      onConfirm={() =>
                        energyApi
                          .deletePoint(point.id)
                          .then(reload)
                          .then((list) => setSelected(list.find((x) => !x.parentId)?.id ?? null))
                      }
                    />
                  </Space>
                )
              }
            >
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
      <InstitutionDrawer
        institution={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          setInst(saved);
        }}
      />
      <BuildingDrawer
        institutionId={inst.id}
        building={buildingForm}
        onClose={() => setBuildingForm(null)}
        onSaved={() => {
          setBuildingForm(null);
          reload().catch(showError);
        }}
      />
      <PointDrawer
        institutionId={inst.id}
        point={pointForm}
        points={points}
        buildings={buildings}
        onClose={() => setPointForm(null)}
        onSaved={(saved) => {
          setPointForm(null);
          reload()
            .then(() => setSelected(saved.id))
            .catch(showError);
        }}
      />
    </>
  );
}
