import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Popconfirm,
  Row,
  Space,
  Spin,
  Tag,
  Tree,
  Typography,
} from 'antd';
import {
  ApartmentOutlined,
  BankOutlined,
  DownloadOutlined,
  PlusOutlined,
  SearchOutlined,
  TeamOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { PERM } from '../../app/permissions.ts';
import { useSession } from '../../app/session.tsx';
import { api } from '../../shared/api.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { common } from '../../shared/messages.ts';
import type { Jurisdiction } from '../../shared/OrgSelects.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { orgApi, type TreeUnit, type Unit } from './api.ts';
import { Departments } from './Departments.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { m } from './messages.ts';
import { buildOrgTree, defaultExpanded, matchKeys, type OrgNode } from './tree.ts';
import { UnitDrawer, type UnitDraft } from './UnitDrawer.tsx';
import { UnitsChart } from './UnitsChart.tsx';

interface AntNode {
  key: string;
  title: React.ReactNode;
  icon: React.ReactNode;
  children: AntNode[];
}

function toAnt(nodes: readonly OrgNode[], hits: Set<string>): AntNode[] {
  return nodes.map((n) => ({
    key: n.key,
    title: hits.has(n.key) ? <Typography.Text mark>{n.title}</Typography.Text> : n.title,
    icon: n.kind === 'jurisdiction' ? <BankOutlined /> : <ApartmentOutlined />,
    children: toAnt(n.children, hits),
  }));
}

function UnitDetail({
  unit,
  children,
  writable,
  onEdit,
  onAddChild,
  onDeleted,
}: {
  unit: Unit;
  children: TreeUnit[];
  writable: boolean;
  onEdit: () => void;
  onAddChild: () => void;
  onDeleted: () => void;
}) {
  const t = useT(m);
  const c = useT(common);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useApiError();
  const remove = async () => {
    try {
      await orgApi.deleteUnit(unit.id);
      void message.success(c('deleted'));
      onDeleted();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span data-testid="unit-title">{unit.name}</span>
            <Tag>{t(`kind_${unit.kind}`)}</Tag>
          </Space>
        }
        extra={
          <Space wrap>
            <Button
              size="small"
              icon={<TeamOutlined />}
              onClick={() =>
                navigate(`/org/people?unitId=${unit.id}&unitName=${encodeURIComponent(unit.name)}`)
              }
            >
              {t('viewPeople')}
            </Button>
            {writable && (
              <Button size="small" onClick={onEdit} data-testid="unit-edit">
                {c('edit')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('code')}>{unit.code}</Descriptions.Item>
          <Descriptions.Item label={t('shortName')}>{unit.shortName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('level')}>{t(`level_${unit.level}`)}</Descriptions.Item>
          <Descriptions.Item label={t('jurisdiction')}>{unit.jurisdictionName}</Descriptions.Item>
          <Descriptions.Item label={t('parent')}>{unit.parentName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('establishment')}>{unit.establishment}</Descriptions.Item>
          <Descriptions.Item label={t('headcount')}>{unit.headcount}</Descriptions.Item>
          <Descriptions.Item label={t('address')}>{unit.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={c('updatedAt')}>{fmtDateTime(unit.updatedAt)}</Descriptions.Item>
        </Descriptions>
        {writable && (
          <Space wrap style={{ marginTop: 12 }}>
            <Button size="small" icon={<PlusOutlined />} onClick={onAddChild}>
              {t('newUnit')}
            </Button>
            <Popconfirm
              title={t('confirmDeleteUnit')}
              onConfirm={() => remove()}
              okButtonProps={{ danger: true }}
            >
              <Button size="small" danger>
                {t('deleteUnit')}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </Card>
      <Card title={t('departments')} size="small">
        <Departments unitId={unit.id} writable={writable} />
      </Card>
      {children.length > 0 && (
        <Card title={t('chart')} size="small">
          <UnitsChart units={children} />
        </Card>
      )}
    </Space>
  );
}

/** 组织机构: the jurisdiction → unit tree with each unit's details, departments and edit forms. */
export function OrgPage() {
  const t = useT(m);
  const c = useT(common);
  const { me, can } = useSession();
  const writable = can(PERM.orgWrite);
  const showError = useApiError();
  const [jurisdictions, setJurisdictions] = useState<Jurisdiction[]>([]);
  const [units, setUnits] = useState<TreeUnit[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<Unit | null>(null);
  const [q, setQ] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [drawer, setDrawer] = useState<Unit | UnitDraft | null>(null);
  const [importing, setImporting] = useState(false);

  const load = useCallback(() => {
    Promise.all([orgApi.jurisdictions(), orgApi.tree()]).then(
      ([j, u]) => {
        setJurisdictions(j);
        setUnits(u);
        // one unit in scope (a unit administrator): show it straight away
        const only = u.length === 1 ? u[0] : undefined;
        if (only) setSelected((prev) => prev ?? `u:${only.id}`);
      },
      (e: unknown) => {
        setUnits([]);
        showError(e);
      },
    );
  }, [showError]);

  useEffect(load, [load]);

  // empty jurisdictions stay in the tree where the user may create their first unit
  const keepEmpty = useMemo(() => {
    if (!writable || !me) return false;
    if (me.roles.some((r) => r.scopeKind === 'city')) return true;
    const mine = new Set(me.roles.filter((r) => r.scopeKind === 'jurisdiction').map((r) => r.jurisdictionId));
    return (id: string) => mine.has(id);
  }, [me, writable]);
  const tree = useMemo(
    () => buildOrgTree(jurisdictions, units ?? [], keepEmpty),
    [jurisdictions, units, keepEmpty],
  );
  const { hits, expand } = useMemo(() => matchKeys(tree, q), [tree, q]);
  const antTree = useMemo(() => toAnt(tree, hits), [tree, hits]);

  // the top level is open until the user folds or unfolds something; a search opens its hits' ancestors
  const baseExpanded = expanded ?? defaultExpanded(tree);
  const shownExpanded = q.trim() ? [...new Set([...baseExpanded, ...expand])] : baseExpanded;

  const selectedUnitId = selected?.startsWith('u:') ? selected.slice(2) : null;
  const selectedJurisdiction = selected?.startsWith('j:')
    ? jurisdictions.find((j) => `j:${j.id}` === selected)
    : undefined;

  useEffect(() => {
    if (!selectedUnitId) return;
    let live = true;
    orgApi.unit(selectedUnitId).then((u) => live && setDetail(u), showError);
    return () => {
      live = false;
    };
  }, [selectedUnitId, showError]);

  const jurisdictionUnits = selectedJurisdiction
    ? (units ?? []).filter((u) => u.jurisdictionId === selectedJurisdiction.id)
    : [];
  const childUnits = selectedUnitId ? (units ?? []).filter((u) => u.parentId === selectedUnitId) : [];

  const exportUnits = () =>
    api.download('/api/org/units/export.xlsx', undefined, 'units.xlsx').catch(showError);

  return (
    <>
      <PageHeader
        title={t('orgTitle')}
        sub={units ? t('unitCount', { count: units.length }) : undefined}
        extra={
          <Space wrap>
            {writable && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() =>
                  setDrawer({ jurisdictionId: selectedJurisdiction?.id ?? detail?.jurisdictionId })
                }
                data-testid="unit-new"
              >
                {t('newUnit')}
              </Button>
            )}
            {writable && (
              <Button
                icon={<UploadOutlined />}
                onClick={() => setImporting(true)}
                data-testid="units-import-button"
              >
                {t('importUnits')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} onClick={() => void exportUnits()} data-testid="units-export">
              {t('exportUnits')}
            </Button>
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10} xl={8}>
          <Card size="small" styles={{ body: { padding: 8 } }}>
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('treeSearch')}
              onChange={(e) => setQ(e.target.value)}
              style={{ marginBottom: 8 }}
              data-testid="org-tree-search"
            />
            {units === null ? (
              <Spin />
            ) : antTree.length === 0 ? (
              <Empty description={c('noData')} />
            ) : (
              <div className="goa-org-tree">
                <Tree
                  showIcon
                  blockNode
                  treeData={antTree}
                  expandedKeys={shownExpanded}
                  onExpand={(keys) => setExpanded(keys.map(String))}
                  selectedKeys={selected ? [selected] : []}
                  onSelect={(keys) => keys[0] && setSelected(String(keys[0]))}
                  data-testid="org-tree"
                />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} md={14} xl={16}>
          {detail && selectedUnitId === detail.id ? (
            <UnitDetail
              unit={detail}
              children={childUnits}
              writable={writable}
              onEdit={() => setDrawer(detail)}
              onAddChild={() =>
                setDrawer({
                  jurisdictionId: detail.jurisdictionId,
                  parent: { id: detail.id, name: detail.name },
                })
              }
              onDeleted={() => {
                setSelected(null);
                load();
              }}
            />
          ) : selectedJurisdiction ? (
            <Card title={selectedJurisdiction.name}>
              <Typography.Paragraph type="secondary">
                {t('summaryJurisdiction', {
                  units: jurisdictionUnits.length,
                  establishment: jurisdictionUnits.reduce((s, u) => s + u.establishment, 0),
                  headcount: jurisdictionUnits.reduce((s, u) => s + u.headcount, 0),
                })}
              </Typography.Paragraph>
              {jurisdictionUnits.length > 0 && <UnitsChart units={jurisdictionUnits} />}
            </Card>
          ) : selectedUnitId ? (
            <Spin />
          ) : (
            <Card>
              <Empty description={t('selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
      <UnitDrawer
        unit={drawer}
        onClose={() => setDrawer(null)}
        onSaved={(u) => {
          setDrawer(null);
          setSelected(`u:${u.id}`);
          setDetail(u);
          load();
        }}
      />
      <ImportDialog
        open={importing}
        what={t('units')}
        run={orgApi.importUnits}
        onClose={() => setImporting(false)}
        onImported={() => void load()}
      />
    </>
  );
}
