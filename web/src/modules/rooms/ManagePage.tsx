import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Switch, Table, Tag } from 'antd';
import { useT } from '../../app/i18n.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { EQUIPMENT, roomsApi, type Building, type Room } from './api.ts';
import { m } from './messages.ts';
import { PhotoField, RoomThumb } from './RoomPhoto.tsx';
import { UnitsField } from './UnitsField.tsx';

/** Buildings and rooms the caller manages: add a room, change capacity, equipment, rule or switch it off. */
export function ManagePage() {
  const t = useT(m);
  const { message } = App.useApp();
  const showError = useApiError();
  const [buildings, setBuildings] = useState<Building[]>([]);
  const [rooms, setRooms] = useState<Room[]>([]);
  const [editing, setEditing] = useState<Room | 'new' | null>(null);
  const [form] = Form.useForm();
  const policy = Form.useWatch('policy', form) as Room['policy'] | undefined;
  const load = useCallback(() => {
    roomsApi.buildings().then(setBuildings, showError);
    roomsApi.managed().then(setRooms, showError);
  }, [showError]);
  useEffect(load, [load]);

  const open = (r: Room | 'new') => {
    setEditing(r);
    form.resetFields();
    if (r !== 'new') form.setFieldsValue(r);
    else form.setFieldsValue({ equipment: [], policy: 'all', floor: 1, capacity: 10, unitIds: [] });
  };
  const save = async (v: Record<string, unknown>) => {
    try {
      if (editing === 'new') await roomsApi.createRoom(v);
      else if (editing) {
        const { buildingId: _b, ...patch } = v;
        void _b;
        await roomsApi.updateRoom(editing.id, patch);
      }
      void message.success(t('saved'));
      setEditing(null);
      load();
    } catch (e) {
      showError(e, form);
    }
  };
  const managedBuildings = buildings.filter((b) => rooms.some((r) => r.buildingId === b.id));

  return (
    <>
      <PageHeader
        title={t('menuManage')}
        extra={
          <Button type="primary" onClick={() => open('new')}>
            {t('addRoom')}
          </Button>
        }
      />
      <Card size="small" title={t('buildings')} style={{ marginBottom: 16 }}>
        <Table<Building>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={managedBuildings}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('code'), dataIndex: 'code' },
            { title: t('name'), dataIndex: 'name' },
            { title: t('address'), dataIndex: 'address' },
            { title: t('managingUnit'), dataIndex: 'unitName' },
            { title: t('floors'), dataIndex: 'floors', align: 'right' },
            { title: t('roomCount'), dataIndex: 'roomCount', align: 'right' },
          ]}
        />
      </Card>
      <Card size="small" title={t('rooms')}>
        <Table<Room>
          size="small"
          rowKey="id"
          dataSource={rooms}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20 }}
          columns={[
            {
              title: t('photo'),
              dataIndex: 'photoFileId',
              render: (id: string | null) => <RoomThumb id={id} />,
            },
            { title: t('building'), dataIndex: 'buildingName' },
            { title: t('code'), dataIndex: 'code' },
            { title: t('name'), dataIndex: 'name' },
            { title: t('floor', { n: '' }).trim(), dataIndex: 'floor', align: 'right' },
            { title: t('capacity'), dataIndex: 'capacity', align: 'right' },
            {
              title: t('equipment'),
              dataIndex: 'equipment',
              render: (eq: string[]) => eq.map((e) => <Tag key={e}>{t(`eq_${e}` as 'eq_tv')}</Tag>),
            },
            {
              title: t('policy'),
              key: 'policy',
              render: (_, r) =>
                r.policy === 'units' && r.unitNames.length > 0
                  ? t('policyUnitsOf', { units: r.unitNames.join(t('listSep')) })
                  : t(`policy_${r.policy}`),
            },
            {
              title: t('status'),
              dataIndex: 'active',
              render: (a: boolean) => (
                <Tag color={a ? 'green' : 'default'}>{a ? t('active') : t('inactive')}</Tag>
              ),
            },
            {
              title: t('actions'),
              key: 'a',
              // the equipment tags make the table wider than the page: keep Edit in view
              fixed: 'right',
              render: (_, r) => (
                <Button size="small" onClick={() => open(r)} data-testid="room-edit">
                  {t('edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!editing}
        title={editing === 'new' ? t('addRoom') : t('edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('save')}
      >
        <Form form={form} layout="vertical" onFinish={save}>
          {editing === 'new' && (
            <Form.Item name="buildingId" label={t('building')} rules={[{ required: true }]}>
              <Select options={buildings.map((b) => ({ value: b.id, label: b.name }))} />
            </Form.Item>
          )}
          <Form.Item name="code" label={t('code')} rules={[{ required: true }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="name" label={t('name')} rules={[{ required: true }]}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item name="floor" label={t('floor', { n: '' }).trim()} rules={[{ required: true }]}>
            <InputNumber min={-10} max={200} />
          </Form.Item>
          <Form.Item name="capacity" label={t('capacity')} rules={[{ required: true }]}>
            <InputNumber min={1} max={2000} />
          </Form.Item>
          <Form.Item name="equipment" label={t('equipment')}>
            <Select mode="multiple" options={EQUIPMENT.map((e) => ({ value: e, label: t(`eq_${e}`) }))} />
          </Form.Item>
          <Form.Item name="policy" label={t('policy')}>
            <Select
              data-testid="room-policy"
              options={(['all', 'units', 'approval'] as const).map((p) => ({
                value: p,
                label: t(`policy_${p}`),
              }))}
            />
          </Form.Item>
          {policy === 'units' && (
            <Form.Item
              name="unitIds"
              label={t('allowedUnits')}
              rules={[{ required: true, type: 'array', min: 1, message: t('allowedUnitsRequired') }]}
            >
              <UnitsField
                known={
                  editing && editing !== 'new'
                    ? editing.unitIds.map((id, i) => ({ value: id, label: editing.unitNames[i] ?? id }))
                    : []
                }
              />
            </Form.Item>
          )}
          <Form.Item name="photoFileId" label={t('photo')}>
            <PhotoField />
          </Form.Item>
          <Form.Item name="description" label={t('description')}>
            <Input.TextArea maxLength={1000} rows={2} />
          </Form.Item>
          {editing !== 'new' && (
            <Form.Item name="active" label={t('active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
