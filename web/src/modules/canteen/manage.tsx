import { useCallback, useEffect, useState, type ReactNode } from 'react';
import {
  App,
  Button,
  Card,
  Form,
  Modal,
  Table,
  type ButtonProps,
  type FormInstance,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { canteenApi, type Point } from './api.ts';
import { m } from './messages.ts';

/** Shared pieces of the canteen management pages: a loaded list, a card listing it, a form dialog, an add button. */

/** The canteens in the user's scope and the one chosen in a page's picker (the first until one is picked). */
export function usePointChoice() {
  const showError = useApiError();
  const [points, setPoints] = useState<Point[]>([]);
  const [pointId, setPointId] = useState<string | null>(null);
  useEffect(() => {
    canteenApi.points().then((p) => {
      setPoints(p);
      setPointId((cur) => cur ?? p[0]?.id ?? null);
    }, showError);
  }, [showError]);
  return { points, pointId, setPointId };
}

/** Loads `fetch()` on mount and whenever `reload()` is called; errors go to the toast. */
export function useLoaded<T>(fetch: () => Promise<T>, initial: T) {
  const showError = useApiError();
  const [data, setData] = useState<T>(initial);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(() => {
    fetch()
      .then(setData, showError)
      .finally(() => setLoading(false));
  }, [fetch, showError]);
  useEffect(reload, [reload]);
  return { data, loading, reload };
}

export interface FormDialogState<V, C> {
  form: FormInstance<V>;
  /** what the dialog edits (null: a new one); undefined while it is closed */
  ctx: C | null | undefined;
  busy: boolean;
  open(ctx: C | null, initial?: Partial<V>): void;
  close(): void;
  submit(): Promise<void>;
}

/**
 * A dialog around a form: opens with initial values, validates, calls `save`, puts the server's field
 * errors on the form, and on success closes, says "saved" and calls `done`.
 */
export function useFormDialog<V extends object, C = never>(
  save: (values: V, ctx: C | null) => Promise<unknown>,
  done: () => void,
): FormDialogState<V, C> {
  const t = useT(m);
  const showError = useApiError();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [ctx, setCtx] = useState<C | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  return {
    form,
    ctx,
    busy,
    open(next, initial) {
      form.resetFields();
      if (initial) form.setFieldsValue(initial as Parameters<FormInstance<V>['setFieldsValue']>[0]);
      setCtx(next);
    },
    close: () => setCtx(undefined),
    async submit() {
      const values = await form.validateFields();
      setBusy(true);
      try {
        await save(values, ctx ?? null);
        void message.success(t('saved'));
        setCtx(undefined);
        done();
      } catch (e) {
        showError(e, form);
      } finally {
        setBusy(false);
      }
    },
  };
}

export function FormDialog<V extends object, C>({
  dialog,
  title,
  testId,
  children,
}: {
  dialog: FormDialogState<V, C>;
  title: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Modal
      open={dialog.ctx !== undefined}
      title={title}
      onCancel={dialog.close}
      onOk={() => void dialog.submit()}
      confirmLoading={dialog.busy}
      okButtonProps={{ 'data-testid': `${testId}-ok` } as ButtonProps}
      forceRender
    >
      <Form form={dialog.form} layout="vertical" data-testid={testId}>
        {children}
      </Form>
    </Modal>
  );
}

export function AddButton({
  label,
  testId,
  onClick,
  primary,
}: {
  label: string;
  testId: string;
  onClick: () => void;
  primary?: boolean;
}) {
  return (
    <Button
      type={primary ? 'primary' : 'default'}
      size={primary ? 'middle' : 'small'}
      icon={<PlusOutlined />}
      onClick={onClick}
      data-testid={testId}
    >
      {label}
    </Button>
  );
}

/** A card with a compact table of loaded rows, an optional add button and a note above the table. */
export function ListCard<T extends { id: string }>({
  title,
  add,
  note,
  rows,
  columns,
  testId,
}: {
  title: string;
  add: ReactNode;
  note?: ReactNode;
  rows: { data: T[]; loading: boolean };
  columns: TableColumnsType<T>;
  testId: string;
}) {
  return (
    <Card size="small" title={title} extra={add}>
      {note}
      <Table<T>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows.data}
        loading={rows.loading}
        scroll={{ x: 'max-content' }}
        data-testid={testId}
        columns={columns}
      />
    </Card>
  );
}
