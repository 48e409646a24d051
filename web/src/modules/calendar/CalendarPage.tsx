import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../app/i18n.ts';
import { PERM } from '../../app/permissions.ts';
import { useSession } from '../../app/session.tsx';
import { api } from '../../shared/api.ts';
import { useApiError } from '../../shared/feedback.ts';
import { nowInZone } from '../../shared/format.ts';
import { ItemList } from '../../shared/ItemList.tsx';
import { common } from '../../shared/messages.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { isWeekend, monthGrid, periods, type DayEntry } from './grid.ts';
import { m } from './messages.ts';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

interface DayValues {
  kind: DayEntry['kind'];
  name: string;
  nameEn?: string;
  note?: string;
}

function Month({
  year,
  month,
  days,
  today,
  onPick,
}: {
  year: number;
  month: number;
  days: Map<string, DayEntry>;
  today: string;
  onPick?: (date: string) => void;
}) {
  const t = useT(m);
  const locale = useLocale();
  return (
    <Card
      size="small"
      title={t('month', {
        month:
          locale === 'en'
            ? new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(
                Date.UTC(year, month - 1, 1),
              )
            : month,
      })}
      className="goa-month"
    >
      <table className="goa-month-grid">
        <thead>
          <tr>
            {WEEKDAYS.map((w) => (
              <th key={w}>{t(w)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(year, month).map((week, i) => (
            <tr key={i}>
              {week.map((date, j) => {
                if (!date) return <td key={j} />;
                const entry = days.get(date);
                const cls = [
                  'goa-day',
                  entry ? `goa-day-${entry.kind}` : isWeekend(date) ? 'goa-day-weekend' : '',
                  date === today ? 'goa-day-today' : '',
                  onPick ? 'goa-day-editable' : '',
                ].join(' ');
                const label = entry ? (locale === 'en' ? (entry.nameEn ?? entry.name) : entry.name) : null;
                const cell = (
                  <td
                    key={j}
                    className={cls}
                    onClick={onPick && (() => onPick(date))}
                    data-date={date}
                    data-kind={entry?.kind}
                  >
                    {Number(date.slice(8))}
                    {entry && (
                      <span className="goa-day-mark">
                        {entry.kind === 'holiday' ? t('markHoliday') : t('markWorkday')}
                      </span>
                    )}
                  </td>
                );
                return label ? (
                  <Tooltip key={j} title={`${label}${entry?.note ? ` · ${entry.note}` : ''}`}>
                    {cell}
                  </Tooltip>
                ) : (
                  cell
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

/** 节假日: a year of holidays and make-up workdays; editable with calendar.write. */
export default function CalendarPage() {
  const t = useT(m);
  const c = useT(common);
  const locale = useLocale();
  const { can } = useSession();
  const writable = can(PERM.calendarWrite);
  const { message } = App.useApp();
  const showError = useApiError();
  const [year, setYear] = useState(() => nowInZone().year());
  const [loaded, setLoaded] = useState<{ year: number; list: DayEntry[] } | null>(null);
  const entries = loaded?.year === year ? loaded.list : null;
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<DayValues>();

  const load = useCallback(() => {
    api.get<DayEntry[]>('/api/calendar/days', { year }).then(
      (list) => setLoaded({ year, list }),
      (e: unknown) => {
        setLoaded({ year, list: [] });
        showError(e);
      },
    );
  }, [year, showError]);

  useEffect(load, [load]);

  const days = useMemo(() => new Map((entries ?? []).map((e) => [e.date, e])), [entries]);
  const list = useMemo(() => periods(entries ?? []), [entries]);
  const today = nowInZone().format('YYYY-MM-DD');
  const current = editing ? days.get(editing) : undefined;

  // the form mounts with the modal (destroyOnHidden): it starts from these values rather than being
  // filled while unmounted (which antd warns about)
  const initial = useMemo<Partial<DayValues> | undefined>(() => {
    if (!editing) return undefined;
    const e = days.get(editing);
    return e
      ? { kind: e.kind, name: e.name, nameEn: e.nameEn ?? undefined, note: e.note ?? undefined }
      : { kind: isWeekend(editing) ? 'workday' : 'holiday', name: '', nameEn: undefined, note: undefined };
  }, [editing, days]);
  const pick = (date: string) => setEditing(date);

  const save = async () => {
    const v = await form.validateFields();
    if (!editing) return;
    setBusy(true);
    try {
      await api.put(`/api/calendar/days/${editing}`, {
        kind: v.kind,
        name: v.name.trim(),
        nameEn: v.nameEn?.trim() || null,
        note: v.note?.trim() || null,
      });
      void message.success(c('saved'));
      setEditing(null);
      load();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!editing) return;
    try {
      await api.del(`/api/calendar/days/${editing}`);
      void message.success(c('deleted'));
      setEditing(null);
      load();
    } catch (e) {
      showError(e);
    }
  };

  const holidays = (entries ?? []).filter((e) => e.kind === 'holiday').length;
  const workdays = (entries ?? []).length - holidays;

  return (
    <>
      <PageHeader
        title={t('title')}
        sub={t('sub')}
        extra={
          <Space>
            <Button
              icon={<LeftOutlined />}
              aria-label={t('prevYear')}
              onClick={() => setYear(year - 1)}
              data-testid="calendar-prev"
            />
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="calendar-year">
              {t('year', { year })}
            </Typography.Text>
            <Button
              icon={<RightOutlined />}
              aria-label={t('nextYear')}
              onClick={() => setYear(year + 1)}
              data-testid="calendar-next"
            />
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color="red">{t('holidayDays', { count: holidays })}</Tag>
        <Tag color="orange">{t('workdayDays', { count: workdays })}</Tag>
        {writable && <Typography.Text type="secondary">{t('clickHint')}</Typography.Text>}
      </Space>
      {entries?.length === 0 && (
        // an empty year is no error, but its deadlines then skip weekends only: say so, and what to do
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('emptyYear', { year })}
          description={writable ? t('emptyYearEdit') : undefined}
          data-testid="calendar-year-empty"
        />
      )}
      {entries === null ? (
        <Spin />
      ) : (
        <Row gutter={[16, 16]}>
          {/* below xl the columns stack: the year's list comes first, the twelve months after it */}
          <Col xs={{ span: 24, order: 2 }} xl={{ span: 18, order: 1 }} data-testid="calendar-months">
            <Row gutter={[12, 12]}>
              {MONTHS.map((month) => (
                <Col key={month} xs={24} sm={12} lg={8}>
                  <Month
                    year={year}
                    month={month}
                    days={days}
                    today={today}
                    onPick={writable ? pick : undefined}
                  />
                </Col>
              ))}
            </Row>
          </Col>
          <Col xs={{ span: 24, order: 1 }} xl={{ span: 6, order: 2 }}>
            <Card size="small" title={t('entries')} data-testid="calendar-entries">
              <ItemList
                size="small"
                items={list}
                rowKey={(p) => `${p.kind}-${p.from}`}
                empty={t('noEntries')}
                renderItem={(p) => (
                  <Space orientation="vertical" size={0}>
                    <Space>
                      <Tag color={p.kind === 'holiday' ? 'red' : 'orange'}>{t(p.kind)}</Tag>
                      <Typography.Text strong>
                        {locale === 'en' ? (p.nameEn ?? p.name) : p.name}
                      </Typography.Text>
                    </Space>
                    <Typography.Text type="secondary">
                      {p.from === p.to ? p.from : `${p.from} – ${p.to}`} · {t('days', { count: p.days })}
                    </Typography.Text>
                  </Space>
                )}
              />
            </Card>
          </Col>
        </Row>
      )}
      <Modal
        open={editing !== null}
        title={editing ? t(current ? 'editDay' : 'newDay', { date: editing }) : ''}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        footer={
          <Space wrap>
            {current && (
              <Popconfirm title={t('confirmRemove')} onConfirm={() => remove()}>
                <Button danger data-testid="calendar-remove">
                  {t('removeDay')}
                </Button>
              </Popconfirm>
            )}
            <Button onClick={() => setEditing(null)}>{c('cancel')}</Button>
            <Button
              type="primary"
              loading={busy}
              onClick={() => void save().catch(() => undefined)}
              data-testid="calendar-save"
            >
              {c('save')}
            </Button>
          </Space>
        }
      >
        <Form form={form} layout="vertical" initialValues={initial}>
          <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'holiday', label: t('holiday') },
                { value: 'workday', label: t('workday') },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
            <Input placeholder="春节" data-testid="calendar-name" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('nameEn')} rules={[{ max: 100 }]}>
            <Input placeholder="Spring Festival" />
          </Form.Item>
          <Form.Item name="note" label={t('note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
