import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  TimePicker,
  Typography,
} from 'antd';
import { useT } from '../../app/i18n.ts';
import { nowInZone } from '../../shared/format.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { attendanceApi, type DayRow, type MyMonth } from './api.ts';
import { m } from './messages.ts';
import { clock, LEAVE_TYPES, leaveKey, RequestTag, STATUS_COLOR } from './parts.tsx';

type Kind = 'leave' | 'trip' | 'correction';
interface RequestForm {
  leaveType?: string;
  destination?: string;
  startDate?: Dayjs;
  endDate?: Dayjs;
  workDate?: Dayjs;
  time?: Dayjs;
  reason: string;
}

const WEEK = ['一', '二', '三', '四', '五', '六', '日'];
const WEEK_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function MonthGrid({ month, days, en }: { month: string; days: DayRow[]; en: boolean }) {
  const t = useT(m);
  const first = dayjs(`${month}-01`);
  const offset = (first.day() + 6) % 7;
  const count = first.daysInMonth();
  const byDate = new Map(days.map((d) => [d.date, d]));
  const cells: (string | null)[] = [...Array<null>(offset).fill(null)];
  for (let i = 1; i <= count; i++) cells.push(`${month}-${String(i).padStart(2, '0')}`);
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 4 }}
      data-testid="attendance-calendar"
    >
      {(en ? WEEK_EN : WEEK).map((w) => (
        <div key={w} style={{ textAlign: 'center', color: '#888', fontSize: 12 }}>
          {w}
        </div>
      ))}
      {cells.map((date, i) => {
        const d = date ? byDate.get(date) : undefined;
        const color = d ? STATUS_COLOR[d.status] : 'default';
        const bg: Record<string, string> = {
          green: '#f6ffed',
          orange: '#fff7e6',
          gold: '#fffbe6',
          volcano: '#fff2e8',
          red: '#fff1f0',
          magenta: '#fff0f6',
          blue: '#e6f4ff',
          geekblue: '#f0f5ff',
          processing: '#e6f4ff',
          default: '#fafafa',
        };
        return (
          <div
            key={date ?? `x${i}`}
            title={d ? `${t(`status_${d.status}`)} ${clock(d.firstIn)}–${clock(d.lastOut)}` : ''}
            style={{
              minHeight: 54,
              borderRadius: 6,
              padding: 4,
              background: date ? bg[color] : 'transparent',
              border: date ? '1px solid #f0f0f0' : 'none',
              fontSize: 12,
            }}
          >
            {date && <div style={{ fontWeight: 600 }}>{Number(date.slice(8))}</div>}
            {d && d.status !== 'rest' && (
              <div data-testid={`day-${date}`} data-status={d.status}>
                {d.status === 'leave' ? t(leaveKey(d.leaveType)) : t(`status_${d.status}`)}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

/** My month: results as a calendar, the totals, my requests, and the forms for leave, trips and corrections. */
export default function MonthPage() {
  const t = useT(m);
  const { message } = App.useApp();
  const showError = useApiError();
  const [month, setMonth] = useState(() => nowInZone().format('YYYY-MM'));
  const [data, setData] = useState<MyMonth | null>(null);
  const [kind, setKind] = useState<Kind | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<RequestForm>();
  const load = useCallback(() => attendanceApi.month(month).then(setData, showError), [month, showError]);
  useEffect(() => void load(), [load]);
  const en = t('title') === 'Attendance';
  const w = data?.requestWindow;
  const outside = (from: string | undefined, to: string | undefined) => (d: Dayjs) => {
    const day = d.format('YYYY-MM-DD');
    return (from !== undefined && day < from) || (to !== undefined && day > to);
  };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      if (kind === 'correction') {
        await attendanceApi.requestCorrection({
          workDate: v.workDate!.format('YYYY-MM-DD'),
          time: v.time!.format('HH:mm'),
          reason: v.reason,
        });
      } else {
        await attendanceApi.requestLeave({
          kind,
          ...(kind === 'leave' ? { leaveType: v.leaveType } : { destination: v.destination }),
          startDate: v.startDate!.format('YYYY-MM-DD'),
          endDate: v.endDate!.format('YYYY-MM-DD'),
          reason: v.reason,
        });
      }
      void message.success(t('submitted'));
      setKind(null);
      form.resetFields();
      await load();
    } catch (e) {
      showError(e, form, {
        fields: ['leaveType', 'destination', 'reason', 'workDate', 'time', 'startDate', 'endDate'],
      });
    } finally {
      setBusy(false);
    }
  };

  const s = data?.summary;
  const stats: [string, number | string][] = s
    ? [
        [t('daysDue'), s.daysDue],
        [t('daysPresent'), s.daysPresent],
        [t('late'), s.late],
        [t('early'), s.early],
        [t('absent'), s.absent],
        [t('missing'), s.missing],
        [t('leave'), s.leave],
        [t('trip'), s.trip],
        [t('overtimeHours'), s.overtimeHours],
      ]
    : [];
  const requests = [
    ...(data?.leaves ?? []).map((l) => ({
      id: l.id,
      title: `${l.kind === 'leave' ? t(leaveKey(l.leaveType)) : t('tripTo', { place: l.destination ?? '' })} ${l.startDate}${l.endDate !== l.startDate ? ` ~ ${l.endDate}` : ''} · ${t('days', { n: l.days })}`,
      reason: l.reason,
      status: l.status,
      matterId: l.matterId,
    })),
    ...(data?.corrections ?? []).map((c) => ({
      id: c.id,
      title: t('correctionOf', { date: c.workDate, time: clock(c.at) }),
      reason: c.reason,
      status: c.status,
      matterId: c.matterId,
    })),
  ];

  return (
    <>
      <PageHeader
        title={t('myMonth')}
        sub={t('myMonthSub')}
        extra={
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          />
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card size="small" loading={!data}>
            <MonthGrid month={month} days={data?.days ?? []} en={en} />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" loading={!data} data-testid="attendance-summary">
            <Row gutter={[8, 8]}>
              {stats.map(([label, value]) => (
                <Col span={8} key={label}>
                  <Statistic title={label} value={value} styles={{ content: { fontSize: 20 } }} />
                </Col>
              ))}
            </Row>
            {data && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                {t('annualLeft', {
                  entitled: data.balance.entitled,
                  used: data.balance.used,
                  pending: data.balance.pending,
                  left: data.balance.left,
                })}
              </Typography.Paragraph>
            )}
          </Card>
          <Card
            size="small"
            style={{ marginTop: 16 }}
            title={t('requests')}
            extra={
              <Space size={4}>
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setKind('leave')}
                  data-testid="attendance-request-leave"
                >
                  {t('requestLeave')}
                </Button>
                <Button size="small" onClick={() => setKind('trip')}>
                  {t('requestTrip')}
                </Button>
                <Button size="small" onClick={() => setKind('correction')}>
                  {t('requestCorrection')}
                </Button>
              </Space>
            }
          >
            <ItemList
              size="small"
              items={requests}
              rowKey="id"
              empty={t('noRequests')}
              renderItem={(r) => (
                <ItemRow
                  testId="attendance-request-row"
                  extra={<RequestTag status={r.status} />}
                  title={
                    r.matterId ? (
                      <Link to={`/approvals/matters/${r.matterId}`} data-testid="attendance-request-open">
                        {r.title}
                      </Link>
                    ) : (
                      r.title
                    )
                  }
                  description={r.reason}
                />
              )}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={kind !== null}
        title={
          kind === 'leave' ? t('requestLeave') : kind === 'trip' ? t('requestTrip') : t('requestCorrection')
        }
        okText={t('submit')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setKind(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {kind === 'leave' && (
            <Form.Item
              name="leaveType"
              label={t('leaveType')}
              rules={[{ required: true }]}
              initialValue="personal"
            >
              <Select
                data-testid="attendance-leave-type"
                options={LEAVE_TYPES.map((x) => ({ value: x, label: t(`leave_${x}`) }))}
              />
            </Form.Item>
          )}
          {kind === 'trip' && (
            <Form.Item name="destination" label={t('destination')} rules={[{ required: true, max: 100 }]}>
              <Input />
            </Form.Item>
          )}
          {kind !== 'correction' && (
            // two single-month pickers rather than a range picker: its two months overflow a phone
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="startDate" label={t('startDate')} rules={[{ required: true }]}>
                  <DatePicker
                    style={{ width: '100%' }}
                    data-testid="attendance-leave-start"
                    disabledDate={outside(w?.leaveEarliest, w?.leaveLatest)}
                    onChange={(d: Dayjs | null) => {
                      const end = form.getFieldValue('endDate') as Dayjs | undefined;
                      if (d && (!end || end.isBefore(d, 'day'))) form.setFieldValue('endDate', d);
                    }}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="endDate"
                  label={t('endDate')}
                  rules={[{ required: true }]}
                  dependencies={['startDate']}
                >
                  <DatePicker
                    style={{ width: '100%' }}
                    data-testid="attendance-leave-end"
                    disabledDate={(d) => {
                      const start = form.getFieldValue('startDate') as Dayjs | undefined;
                      const from = start?.format('YYYY-MM-DD') ?? w?.leaveEarliest;
                      const span = start && w && start.add(w.leaveMaxDays - 1, 'day').format('YYYY-MM-DD');
                      const to = span && w && span < w.leaveLatest ? span : w?.leaveLatest;
                      return outside(from, to)(d);
                    }}
                  />
                </Form.Item>
              </Col>
              {w && (
                <Col span={24}>
                  <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
                    {t('leaveWindow', { from: w.leaveEarliest, to: w.leaveLatest, max: w.leaveMaxDays })}
                  </Typography.Paragraph>
                </Col>
              )}
            </Row>
          )}
          {kind === 'correction' && (
            <Space>
              <Form.Item
                name="workDate"
                label={t('workDate')}
                rules={[{ required: true }]}
                extra={w && t('correctionWindow', { from: w.correctionEarliest })}
              >
                <DatePicker disabledDate={outside(w?.correctionEarliest, w?.today)} />
              </Form.Item>
              <Form.Item name="time" label={t('time')} rules={[{ required: true }]}>
                <TimePicker format="HH:mm" />
              </Form.Item>
            </Space>
          )}
          <Form.Item name="reason" label={t('reason')} rules={[{ required: true, max: 500 }]}>
            <Input.TextArea rows={2} data-testid="attendance-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
