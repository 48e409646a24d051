import { useCallback, useEffect, useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { common } from '../../shared/messages.ts';
import { orgApi, type Department } from './api.ts';
import { m } from './messages.ts';

/** A unit's departments (处室): list, add, rename, reorder, delete. */
export function Departments({ unitId, writable }: { unitId: string; writable: boolean }) {
  const t = useT(m);
  const c = useT(common);
  const { message } = App.useApp();
  const showError = useApiError();
  const [list, setList] = useState<Department[] | null>(null);
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ name: string; sort: number }>();

  const load = useCallback(() => {
    orgApi.departments(unitId).then(setList, (e: unknown) => {
      setList([]);
      showError(e);
    });
  }, [unitId, showError]);

  useEffect(load, [load]);

  const open = (d: Department | 'new') => {
    form.setFieldsValue(
      d === 'new' ? { name: '', sort: (list?.length ?? 0) * 10 } : { name: d.name, sort: d.sort },
    );
    setEditing(d);
  };

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      if (editing === 'new')
        await orgApi.createDepartment({ unitId, name: v.name.trim(), sort: v.sort ?? 0 });
      else if (editing) await orgApi.updateDepartment(editing.id, { name: v.name.trim(), sort: v.sort ?? 0 });
      void message.success(c('saved'));
      setEditing(null);
      load();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (d: Department) => {
    try {
      await orgApi.deleteDepartment(d.id);
      void message.success(c('deleted'));
      load();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <>
      <ItemList<Department>
        size="small"
        loading={list === null}
        items={list ?? []}
        rowKey="id"
        empty={t('noDepartments')}
        header={
          writable && (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => open('new')}
              data-testid="department-new"
            >
              {t('newDepartment')}
            </Button>
          )
        }
        renderItem={(d) => (
          <ItemRow
            actions={
              writable
                ? [
                    <Button
                      key="e"
                      type="text"
                      size="small"
                      icon={<EditOutlined />}
                      aria-label={c('edit')}
                      onClick={() => open(d)}
                    />,
                    <Popconfirm
                      key="d"
                      title={c('confirmDelete')}
                      onConfirm={() => remove(d)}
                      okButtonProps={{ danger: true }}
                    >
                      <Button
                        type="text"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={c('delete')}
                      />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space>
              <Typography.Text>{d.name}</Typography.Text>
              <Typography.Text type="secondary">
                {t('headcount')} {d.headcount}
              </Typography.Text>
            </Space>
          </ItemRow>
        )}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('newDepartment') : c('edit')}
        okText={c('save')}
        cancelText={c('cancel')}
        confirmLoading={busy}
        onOk={() => void save().catch(() => undefined)}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label={t('departmentName')}
            rules={[{ required: true, whitespace: true, max: 100 }]}
          >
            <Input data-testid="department-name" />
          </Form.Item>
          <Form.Item name="sort" label={t('sort')}>
            <InputNumber precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
