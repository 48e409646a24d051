import { useCallback, useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  TimePicker,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../app/i18n.ts';
import { api } from '../../shared/api.ts';
import { UnitSelect } from '../../shared/OrgSelects.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { attendanceApi, hhmm, toMin, type Rule, type Site } from './api.ts';
import { m } from './messages.ts';
import { RowActions } from './parts.tsx';

interface RuleForm {
  unitId: string;
  departmentId?: string | null;
  name: string;
  hours: [Dayjs, Dayjs];
  lunch?: [Dayjs, Dayjs] | null;
  flexMin: number;
  graceMin: number;
  absentLateMin: number;
  overtimeMinThreshold: number;
}

const asTime = (min: number) => dayjs().startOf('day').add(min, 'minute');

function Departments({
  unitId,
  ...props
}: {
  unitId?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  const t = useT(m);
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    if (!unitId) return;
    api.get<{ id: string; name: string }[]>(`/api/org/units/${unitId}/departments`).then(
      (list) => setOptions(list.map((d) => ({ value: d.id, label: d.name }))),
      () => setOptions([]),
    );
  }, [unitId]);
  return <Select allowClear placeholder={t('wholeUnit')} options={unitId ? options : []} {...props} />;
}

function RulesCard() {
  const t = useT(m);
  const { message } = App.useApp();
  const showError = useApiError();
  const [rules, setRules] = useState<Rule[] | null>(null);
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [form] = Form.useForm<RuleForm>();
  const unitId = Form.useWatch('unitId', form);
  const load = useCallback(() => attendanceApi.rules().then(setRules, showError), [showError]);
  useEffect(() => void load(), [load]);

  const open = (r: Rule | 'new') => {
    setEditing(r);
    form.setFieldsValue(
      r === 'new'
        ? {
            name: '标准工时',
            hours: [asTime(540), asTime(1020)],
            lunch: [asTime(720), asTime(780)],
            flexMin: 30,
            graceMin: 0,
            absentLateMin: 240,
            overtimeMinThreshold: 30,
          }
        : {
            unitId: r.unitId,
            departmentId: r.departmentId,
            name: r.name,
            hours: [asTime(r.startMin), asTime(r.endMin)],
            lunch:
              r.lunchStartMin !== null && r.lunchEndMin !== null
                ? [asTime(r.lunchStartMin), asTime(r.lunchEndMin)]
                : null,
            flexMin: r.flexMin,
            graceMin: r.graceMin,
            absentLateMin: r.absentLateMin,
            overtimeMinThreshold: r.overtimeMinThreshold,
          },
    );
  };
  const save = async () => {
    const v = await form.validateFields();
    const body = {
      name: v.name,
      startMin: toMin(v.hours[0].format('HH:mm')),
      endMin: toMin(v.hours[1].format('HH:mm')),
      lunchStartMin: v.lunch ? toMin(v.lunch[0].format('HH:mm')) : null,
      lunchEndMin: v.lunch ? toMin(v.lunch[1].format('HH:mm')) : null,
      flexMin: v.flexMin,
      graceMin: v.graceMin,
      absentLateMin: v.absentLateMin,
      overtimeMinThreshold: v.overtimeMinThreshold,
    };
    try {
      if (editing === 'new')
        await attendanceApi.createRule({ ...body, unitId: v.unitId, departmentId: v.departmentId ?? null });
      else if (editing) await attendanceApi.updateRule(editing.id, body);
      void message.success(t('saved'));
      setEditing(null);
      await load();
    } catch (e) {
      showError(e, form, {
        rename: { startMin: 'hours', endMin: 'hours', lunchStartMin: 'lunch', lunchEndMin: 'lunch' },
      });
    }
  };
  const columns: TableColumnsType<Rule> = [
    { title: t('unit'), dataIndex: 'unitName', key: 'unit', ellipsis: true },
    { title: t('department'), key: 'dep', width: 120, render: (_, r) => r.departmentName ?? t('wholeUnit') },
    { title: t('ruleName'), dataIndex: 'name', key: 'name', width: 120 },
    {
      title: t('workHours'),
      key: 'hours',
      width: 220,
      render: (_, r) =>
        `${hhmm(r.startMin)}–${hhmm(r.endMin)} ±${r.flexMin}′` +
        (r.lunchStartMin !== null && r.lunchEndMin !== null
          ? ` · ${hhmm(r.lunchStartMin)}–${hhmm(r.lunchEndMin)}`
          : ''),
    },
    {
      title: '',
      key: 'actions',
      width: 120,
      render: (_, r) => (
        <RowActions
          onEdit={() => open(r)}
          onRemove={() => attendanceApi.deleteRule(r.id).then(load, showError)}
        />
      ),
    },
  ];
  return (
    <Card
      size="small"
      title={t('rules')}
      extra={
        <Button type="primary" size="small" onClick={() => open('new')} data-testid="attendance-add-rule">
          {t('addRule')}
        </Button>
      }
    >
      <Table<Rule>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rules ?? []}
        loading={!rules}
        pagination={{ pageSize: 10 }}
        scroll={{ x: 640 }}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('addRule') : t('edit')}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        cancelText={t('cancel')}
        width={640}
      >
        <Form form={form} layout="vertical">
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="unitId" label={t('unit')} rules={[{ required: true }]}>
                <UnitSelect
                  disabled={editing !== 'new'}
                  selectedLabel={editing && editing !== 'new' ? editing.unitName : null}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="departmentId" label={t('department')}>
                <Departments unitId={unitId} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="name" label={t('ruleName')} rules={[{ required: true, max: 60 }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="hours" label={t('workHours')} rules={[{ required: true }]}>
                <TimePicker.RangePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="lunch" label={`${t('lunchStart')} ~ ${t('lunchEnd')}`}>
                <TimePicker.RangePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="flexMin" label={t('flexMin')} rules={[{ required: true }]}>
                <InputNumber min={0} max={180} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="graceMin" label={t('graceMin')}>
                <InputNumber min={0} max={60} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="absentLateMin" label={t('absentLateMin')}>
                <InputNumber min={30} max={720} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="overtimeMinThreshold" label={t('overtimeMin')}>
                <InputNumber min={0} max={240} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
    </Card>
  );
}

type SiteForm = { unitId: string; name: string; lat: number; lng: number; radiusM: number; active: boolean };

function SitesCard() {
  const t = useT(m);
  const { message } = App.useApp();
  const showError = useApiError();
  const [sites, setSites] = useState<Site[] | null>(null);
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const [form] = Form.useForm<SiteForm>();
  const load = useCallback(() => attendanceApi.sites().then(setSites, showError), [showError]);
  useEffect(() => void load(), [load]);
  const open = (s: Site | 'new') => {
    setEditing(s);
    form.setFieldsValue(s === 'new' ? { radiusM: 200, active: true } : s);
  };
  const save = async () => {
    const v = await form.validateFields();
    try {
      if (editing === 'new') await attendanceApi.createSite(v);
      else if (editing)
        await attendanceApi.updateSite(editing.id, {
          name: v.name,
          lat: v.lat,
          lng: v.lng,
          radiusM: v.radiusM,
          active: v.active,
        });
      void message.success(t('saved'));
      setEditing(null);
      await load();
    } catch (e) {
      showError(e, form);
    }
  };
  const columns: TableColumnsType<Site> = [
    { title: t('unit'), dataIndex: 'unitName', key: 'unit', ellipsis: true },
    { title: t('siteName'), dataIndex: 'name', key: 'name', width: 160 },
    {
      title: `${t('lat')}, ${t('lng')}`,
      key: 'pos',
      width: 180,
      render: (_, s) => `${s.lat.toFixed(5)}, ${s.lng.toFixed(5)}`,
    },
    { title: t('radius'), dataIndex: 'radiusM', key: 'radius', width: 90 },
    {
      title: t('status'),
      key: 'active',
      width: 80,
      render: (_, s) => (s.active ? <Tag color="green">{t('active')}</Tag> : <Tag>{t('inactive')}</Tag>),
    },
    {
      title: '',
      key: 'actions',
      width: 120,
      render: (_, s) => (
        <RowActions
          onEdit={() => open(s)}
          onRemove={() => attendanceApi.deleteSite(s.id).then(load, showError)}
        />
      ),
    },
  ];
  return (
    <Card
      size="small"
      title={t('sites')}
      style={{ marginTop: 16 }}
      extra={
        <Button size="small" type="primary" onClick={() => open('new')}>
          {t('addSite')}
        </Button>
      }
    >
      <Table<Site>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={sites ?? []}
        loading={!sites}
        pagination={{ pageSize: 10 }}
        scroll={{ x: 700 }}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('addSite') : t('edit')}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        cancelText={t('cancel')}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="unitId" label={t('unit')} rules={[{ required: true }]}>
            <UnitSelect
              disabled={editing !== 'new'}
              selectedLabel={editing && editing !== 'new' ? editing.unitName : null}
            />
          </Form.Item>
          <Form.Item name="name" label={t('siteName')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Space>
            <Form.Item name="lat" label={t('lat')} rules={[{ required: true }]}>
              <InputNumber min={-90} max={90} step={0.0001} />
            </Form.Item>
            <Form.Item name="lng" label={t('lng')} rules={[{ required: true }]}>
              <InputNumber min={-180} max={180} step={0.0001} />
            </Form.Item>
            <Form.Item name="radiusM" label={t('radius')} rules={[{ required: true }]}>
              <InputNumber min={20} max={5000} />
            </Form.Item>
          </Space>
          <Form.Item name="active" label={t('active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** Rules and sites of the units in scope. */
export default function SettingsPage() {
  const t = useT(m);
  return (
    <>
      <PageHeader title={t('settings')} sub={t('settingsSub')} />
      <RulesCard />
      <SitesCard />
    </>
  );
}
