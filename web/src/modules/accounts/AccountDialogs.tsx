import { useEffect, useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { common } from '../../shared/messages.ts';
import { PersonSelect } from '../../shared/OrgSelects.tsx';
import { accountsApi, type Account } from './api.ts';
import { m } from './messages.ts';

interface AccountValues {
  username: string;
  displayName: string;
  personId?: string | null;
  password: string;
}

/** Create an account (`account === 'new'`) or rename one. */
export function AccountDialog({
  account,
  onClose,
  onSaved,
}: {
  account: Account | 'new' | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT(m);
  const c = useT(common);
  const [form] = Form.useForm<AccountValues>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const showError = useApiError();
  const isNew = account === 'new';

  useEffect(() => {
    if (account && account !== 'new')
      form.setFieldsValue({ username: account.username, displayName: account.displayName });
  }, [account, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      if (isNew) {
        await accountsApi.create({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          personId: v.personId ?? null,
          password: v.password,
        });
        void message.success(t('accountCreated'));
      } else if (account) {
        await accountsApi.update(account.id, { displayName: v.displayName.trim() });
        void message.success(c('saved'));
      }
      onSaved();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={account !== null}
      title={isNew ? t('newAccount') : t('editAccount')}
      okText={c('save')}
      cancelText={c('cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="username" label={t('username')} rules={[{ required: true, max: 40 }]}>
          <Input disabled={!isNew} autoComplete="off" data-testid="account-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('displayName')} rules={[{ required: true, max: 50 }]}>
          <Input data-testid="account-display-name" />
        </Form.Item>
        {isNew && (
          <>
            <Form.Item name="personId" label={t('person')} extra={t('personHint')}>
              <PersonSelect data-testid="account-person" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('password')}
              extra={t('passwordHint')}
              rules={[{ required: true, min: 8 }]}
            >
              <Input.Password autoComplete="new-password" data-testid="account-password" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

export function PasswordResetDialog({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const t = useT(m);
  const c = useT(common);
  const [form] = Form.useForm<{ newPassword: string }>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const showError = useApiError();

  const submit = async () => {
    const v = await form.validateFields();
    if (!account) return;
    setBusy(true);
    try {
      await accountsApi.resetPassword(account.id, v.newPassword);
      void message.success(t('passwordReset'));
      onClose();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={account !== null}
      title={`${t('resetPassword')} · ${account?.username ?? ''}`}
      okText={c('save')}
      cancelText={c('cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="newPassword"
          label={t('newPassword')}
          extra={t('passwordHint')}
          rules={[{ required: true, min: 8 }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
