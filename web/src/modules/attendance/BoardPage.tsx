import { useCallback, useEffect, useState } from 'react';
import dayjs from 'dayjs';
import {
  Card,
  Col,
  DatePicker,
  Row,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import { useT } from '../../app/i18n.ts';
import { nowInZone } from '../../shared/format.ts';
import { UnitSelect } from '../../shared/OrgSelects.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { attendanceApi, type Board, type BoardRow } from './api.ts';
import { m } from './messages.ts';
import { clock, leaveKey, StatusTag } from './parts.tsx';

const ISSUES = new Set(['late', 'late_early', 'early_leave', 'absent', 'missing_punch']);

/** The attendance office's day: counts and everyone's status, per unit. */
export default function BoardPage() {
  const t = useT(m);
  const showError = useApiError();
  const [date, setDate] = useState(() => nowInZone().format('YYYY-MM-DD'));
  const [unitId, setUnitId] = useState<string | undefined>();
  const [issues, setIssues] = useState(false);
  const [board, setBoard] = useState<Board | null>(null);
  const load = useCallback(
    () => attendanceApi.board({ date, ...(unitId ? { unitId } : {}) }).then(setBoard, showError),
    [date, unitId, showError],
  );
  useEffect(() => void load(), [load]);

  const s = board?.summary;
  const rows = (board?.rows ?? []).filter(
    (r) => !issues || ISSUES.has(r.status) || (r.status === 'pending' && r.lateMin > 0),
  );
  const columns: TableColumnsType<BoardRow> = [
    { title: t('name'), dataIndex: 'name', key: 'name', width: 100 },
    { title: t('employeeNo'), dataIndex: 'employeeNo', key: 'employeeNo', width: 120 },
    { title: t('unit'), dataIndex: 'unitName', key: 'unitName', ellipsis: true },
    {
      title: t('status'),
      key: 'status',
      width: 170,
      render: (_, r) => (
        <Space size={4}>
          {r.status === 'pending' && !r.firstIn ? (
            <Tag>{t('notYet')}</Tag>
          ) : (
            <StatusTag status={r.status} lateMin={r.lateMin} />
          )}
          {r.status === 'leave' && <span>{t(leaveKey(r.leaveType))}</span>}
        </Space>
      ),
    },
    { title: t('firstIn'), key: 'firstIn', width: 80, render: (_, r) => clock(r.firstIn) },
    { title: t('lastOut'), key: 'lastOut', width: 80, render: (_, r) => clock(r.lastOut) },
  ];
  const stat = (label: string, value: number | undefined, color?: string) => (
    <Col xs={8} md={3}>
      <Statistic title={label} value={value ?? 0} styles={color ? { content: { color } } : undefined} />
    </Col>
  );
  return (
    <>
      <PageHeader
        title={t('board')}
        sub={t('boardSub')}
        extra={
          <Space wrap>
            <UnitSelect
              style={{ width: 240 }}
              placeholder={t('allUnits')}
              value={unitId}
              onChange={setUnitId}
            />
            <DatePicker
              allowClear={false}
              value={dayjs(date)}
              onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
            />
          </Space>
        }
      />
      <Card size="small" loading={!board} data-testid="attendance-board-summary">
        <Row gutter={[8, 8]}>
          {stat(t('people'), s?.people)}
          {stat(t('present'), s?.present, '#389e0d')}
          {stat(t('late'), s?.late, '#d46b08')}
          {stat(t('absent'), s?.absent, '#cf1322')}
          {stat(t('notYet'), s?.notYet)}
          {stat(t('leave'), s?.leave, '#1677ff')}
          {stat(t('trip'), s?.trip, '#2f54eb')}
          {stat(t('status_rest'), s?.rest)}
        </Row>
      </Card>
      <Card
        size="small"
        style={{ marginTop: 16 }}
        extra={
          <Space>
            {t('onlyIssues')}
            <Switch checked={issues} onChange={setIssues} />
          </Space>
        }
      >
        <Table<BoardRow>
          size="small"
          rowKey="personId"
          columns={columns}
          dataSource={rows}
          loading={!board}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          scroll={{ x: 700 }}
          data-testid="attendance-board"
        />
      </Card>
    </>
  );
}
