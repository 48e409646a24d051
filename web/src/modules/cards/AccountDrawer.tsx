import { useCallback, useEffect, useState } from 'react';
import {
  App,
  Button,
  type ButtonProps,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Table,
  Tag,
} from 'antd';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime, fmtYuan } from '../../shared/format.ts';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { cardsApi, type AccountDetail, type CardAction, type Txn } from './api.ts';
import { m } from './messages.ts';
import { AccountStatusTag, Money } from './parts.tsx';
import { StatementView } from './StatementView.tsx';

const ACTIONS: Record<string, CardAction[]> = {
  active: ['freeze', 'loss', 'replace', 'return'],
  frozen: ['unfreeze', 'loss', 'replace', 'return'],
  lost: ['replace', 'return'],
  closed: [],
};

/** One account: holder, card, balance, the office's actions and the monthly statement. */
export function AccountDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const t = useT(m);
  const isPhone = useIsPhone();
  const { can } = useSession();
  const writable = can('cards.write');
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [acc, setAcc] = useState<AccountDetail | null>(null);
  const [posting, setPosting] = useState<'topUp' | 'adjust' | null>(null);
  const [form] = Form.useForm<{ amount: number; memo?: string }>();

  const load = useCallback(() => {
    if (id) cardsApi.account(id).then(setAcc, showError);
  }, [id, showError]);
  useEffect(() => {
    load();
  }, [load]);
  const shown = acc && acc.id === id ? acc : null;

  const act = (action: CardAction) => {
    if (!acc) return;
    const run = () =>
      cardsApi.action(acc.id, action).then((next) => {
        setAcc(next);
        onChanged();
        void message.success(t('done'));
      }, showError);
    // what cannot be undone is confirmed first: a lost or replaced card never works again
    const confirm: Partial<Record<CardAction, string>> = {
      return: t('confirmReturn', { amount: fmtYuan(acc.balance) }),
      loss: t('confirmLoss'),
      replace: t('confirmReplace', { cardNo: acc.cardNo ?? '—' }),
    };
    const content = confirm[action];
    if (content) {
      modal.confirm({
        title: t(action),
        content,
        okButtonProps: { danger: true, 'data-testid': 'card-action-confirm' } as ButtonProps,
        onOk: run,
      });
    } else void run();
  };

  /** a spend refunded in full after confirmation; true once done */
  const refund = useCallback(
    (x: Txn) =>
      new Promise<boolean>((resolve) => {
        const amount = fmtYuan(-x.amount);
        modal.confirm({
          title: t('refundAction'),
          content: x.terminalId ? t('confirmRefund', { amount }) : t('confirmRefundCanteen', { amount }),
          okButtonProps: { 'data-testid': 'txn-refund-confirm' } as ButtonProps,
          onCancel: () => resolve(false),
          onOk: () =>
            cardsApi.refund(x.id).then(
              () => {
                load();
                onChanged();
                void message.success(t('done'));
                resolve(true);
              },
              (e: unknown) => {
                showError(e);
                resolve(false);
              },
            ),
        });
      }),
    [modal, t, load, onChanged, message, showError],
  );

  const post = async () => {
    if (!acc || !posting) return;
    const v = await form.validateFields();
    const fen = Math.round(v.amount * 100);
    try {
      if (posting === 'topUp') await cardsApi.topUp(acc.id, fen);
      else await cardsApi.adjust(acc.id, fen, v.memo ?? '');
      setPosting(null);
      form.resetFields();
      load();
      onChanged();
      void message.success(t('done'));
    } catch (e) {
      showError(e, form);
    }
  };

  const loadStatement = useCallback((month: string) => cardsApi.statement(id ?? '', month), [id]);
  const exportStatement = useCallback((month: string) => cardsApi.statementXlsx(id ?? '', month), [id]);

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 820}
      title={shown ? `${shown.personName} · ${shown.unitName}` : ''}
      destroyOnHidden
    >
      {shown && acc && (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('cardNo')}>{acc.cardNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('status')}>
              <AccountStatusTag status={acc.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('employeeNo')}>{acc.employeeNo}</Descriptions.Item>
            <Descriptions.Item label={t('balance')}>
              <span data-testid="account-balance">
                <Money fen={acc.balance} />
              </span>
            </Descriptions.Item>
          </Descriptions>
          {writable && (
            <Space wrap style={{ marginBottom: 16 }}>
              {acc.status !== 'closed' && (
                <Button type="primary" onClick={() => setPosting('topUp')} data-testid="card-topup">
                  {t('topUp')}
                </Button>
              )}
              {acc.status !== 'closed' && <Button onClick={() => setPosting('adjust')}>{t('adjust')}</Button>}
              {(ACTIONS[acc.status] ?? []).map((a) => (
                <Button
                  key={a}
                  danger={a === 'return' || a === 'loss'}
                  onClick={() => act(a)}
                  data-testid={`card-${a}`}
                >
                  {t(a)}
                </Button>
              ))}
            </Space>
          )}
          <StatementView
            load={loadStatement}
            onExport={exportStatement}
            {...(writable ? { onRefund: refund } : {})}
          />
          <Table
            style={{ marginTop: 16 }}
            size="small"
            rowKey="id"
            title={() => t('cards')}
            pagination={false}
            dataSource={acc.cards}
            columns={[
              { title: t('cardNo'), dataIndex: 'cardNo' },
              {
                title: t('status'),
                dataIndex: 'status',
                render: (s: string) => <Tag>{t(`cst_${s as 'active'}`)}</Tag>,
              },
              { title: t('issuedAt'), dataIndex: 'issuedAt', render: (v: string) => fmtDateTime(v) },
            ]}
          />
        </>
      )}
      <Modal
        open={posting !== null}
        title={posting === 'adjust' ? t('adjust') : t('topUp')}
        onCancel={() => setPosting(null)}
        onOk={() => void post()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="amount"
            label={posting === 'adjust' ? t('adjustAmount') : t('topUpAmount')}
            rules={[{ required: true, message: t('badAmount') }]}
          >
            <InputNumber
              min={posting === 'adjust' ? -10000 : 0.01}
              max={10000}
              precision={2}
              style={{ width: '100%' }}
              data-testid="posting-amount"
            />
          </Form.Item>
          {posting === 'adjust' && (
            <Form.Item name="memo" label={t('reason')} rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Drawer>
  );
}
