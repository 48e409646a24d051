import { useCallback, useEffect, useState } from 'react';
import dayjs from 'dayjs';
import { Button, Card, DatePicker, Segmented, Space, Table, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { nowInZone } from '../../shared/format.ts';
import { UnitSelect } from '../../shared/OrgSelects.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { attendanceApi, type Report, type ReportRow } from './api.ts';
import { m } from './messages.ts';
import { LEAVE_TYPES } from './parts.tsx';

type By = 'person' | 'department' | 'unit';

/** The monthly report per person, department or unit, in scope, with the Excel export. */
export default function ReportPage() {
  const t = useT(m);
  const showError = useApiError();
  const [month, setMonth] = useState(() => nowInZone().format('YYYY-MM'));
  const [by, setBy] = useState<By>('person');
  const [unitId, setUnitId] = useState<string | undefined>();
  const [report, setReport] = useState<Report | null>(null);
  const query = { month, by, ...(unitId ? { unitId } : {}) };
  const load = useCallback(
    () => attendanceApi.report({ month, by, ...(unitId ? { unitId } : {}) }).then(setReport, showError),
    [month, by, unitId, showError],
  );
  const loading = !report || report.month !== month || report.by !== by;
  useEffect(() => void load(), [load]);

  const leaveTypes = LEAVE_TYPES.filter((x) => report?.rows.some((r) => r.leaveByType[x]));
  const columns: TableColumnsType<ReportRow> = [
    {
      title: by === 'person' ? t('name') : by === 'department' ? t('department') : t('unit'),
      dataIndex: 'name',
      key: 'name',
      fixed: 'left',
      width: by === 'unit' ? 220 : 110,
    },
    ...(by === 'person'
      ? [
          { title: t('employeeNo'), dataIndex: 'code', key: 'code', width: 110 },
          { title: t('department'), dataIndex: 'departmentName', key: 'dep', width: 120, ellipsis: true },
        ]
      : [{ title: t('people'), dataIndex: 'people', key: 'people', width: 70 }]),
    ...(by !== 'unit'
      ? [{ title: t('unit'), dataIndex: 'unitName', key: 'unit', width: 200, ellipsis: true }]
      : []),
    { title: t('daysDue'), dataIndex: 'daysDue', key: 'daysDue', width: 80 },
    { title: t('daysPresent'), dataIndex: 'daysPresent', key: 'daysPresent', width: 80 },
    { title: t('lateCount'), dataIndex: 'lateCount', key: 'lateCount', width: 90 },
    { title: t('lateMinutes'), dataIndex: 'lateMinutes', key: 'lateMinutes', width: 100 },
    { title: t('earlyCount'), dataIndex: 'earlyCount', key: 'earlyCount', width: 100 },
    { title: t('absentDays'), dataIndex: 'absentDays', key: 'absentDays', width: 90 },
    { title: t('missingPunches'), dataIndex: 'missingPunches', key: 'missing', width: 90 },
    {
      title: t('leaveDays'),
      dataIndex: 'leaveDays',
      key: 'leaveDays',
      width: 90,
    },
    ...leaveTypes.map((x) => ({
      title: t(`leave_${x}`),
      key: `leave_${x}`,
      width: 90,
      render: (_: unknown, r: ReportRow) => r.leaveByType[x] ?? 0,
    })),
    { title: t('tripDays'), dataIndex: 'tripDays', key: 'tripDays', width: 90 },
    { title: t('overtimeHours'), dataIndex: 'overtimeHours', key: 'overtime', width: 100 },
  ];
  return (
    <>
      <PageHeader
        title={t('report')}
        sub={t('reportSub')}
        extra={
          <Space wrap>
            <Segmented<By>
              value={by}
              onChange={setBy}
              options={[
                { value: 'person', label: t('byPerson') },
                { value: 'department', label: t('byDepartment') },
                { value: 'unit', label: t('byUnit') },
              ]}
            />
            <UnitSelect
              style={{ width: 220 }}
              placeholder={t('allUnits')}
              value={unitId}
              onChange={setUnitId}
            />
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            />
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void attendanceApi.exportReport(query).catch(showError)}
              data-testid="attendance-export"
            >
              {t('export')}
            </Button>
          </Space>
        }
      />
      <Card size="small">
        <Table<ReportRow>
          size="small"
          rowKey={(r) => `${r.key ?? 'none'}|${r.unitName}`}
          columns={columns}
          dataSource={report?.rows ?? []}
          loading={loading}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          scroll={{ x: 1400 }}
          data-testid="attendance-report"
        />
      </Card>
    </>
  );
}
