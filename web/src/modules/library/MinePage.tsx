import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, Form, Input, Popconfirm, Row, Tag, Typography } from 'antd';
import { useT } from '../../app/i18n.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { libraryApi, type Loan, type Mine } from './api.ts';
import { m } from './messages.ts';
import { LoanList } from './parts.tsx';

/** Self-service: scan to borrow or return, my loans (renew) and my holds. */
export default function MinePage() {
  const t = useT(m);
  const { message } = App.useApp();
  const showError = useApiError();
  const [mine, setMine] = useState<Mine | null>(null);
  const [form] = Form.useForm<{ code: string }>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => libraryApi.mine().then(setMine, showError), [showError]);
  useEffect(() => void load(), [load]);

  const act = async (what: 'borrow' | 'return') => {
    const value = String(form.getFieldValue('code') ?? '').trim();
    if (!value) return;
    setBusy(true);
    try {
      if (what === 'borrow') {
        const loan = await libraryApi.borrow(value);
        void message.success(t('borrowed', { title: loan.title, due: loan.dueDate }));
      } else {
        const loan = await libraryApi.giveBack(value);
        void message.success(t('returned', { title: loan.title }));
      }
      form.resetFields();
      await load();
    } catch (e) {
      // a wrong or ambiguous code is shown under the field (and as a toast)
      showError(e, form, { fields: ['code'] });
    } finally {
      setBusy(false);
    }
  };
  const renew = async (loan: Loan) => {
    try {
      const renewed = await libraryApi.renew(loan.id);
      void message.success(t('renewed', { due: renewed.dueDate }));
      await load();
    } catch (e) {
      showError(e);
    }
  };
  const cancel = async (id: string) => {
    try {
      await libraryApi.cancelHold(id);
      await load();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <>
      <PageHeader title={t('mine')} sub={t('mineSub')} />
      <Card style={{ marginBottom: 16 }}>
        <Form form={form} component={false}>
          {/* the field's error shows under it; the buttons stay level with the input */}
          {/* on a phone the buttons wrap under the input rather than squeezing it */}
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start', maxWidth: 560 }}>
            <Form.Item name="code" style={{ flex: '1 1 240px', marginBottom: 0 }}>
              <Input
                size="large"
                placeholder={t('scan')}
                onChange={() => form.setFields([{ name: 'code', errors: [] }])}
                onPressEnter={() => void act('borrow')}
                data-testid="library-code"
                autoFocus
              />
            </Form.Item>
            <Button
              size="large"
              type="primary"
              loading={busy}
              onClick={() => void act('borrow')}
              data-testid="library-borrow"
            >
              {t('borrow')}
            </Button>
            <Button
              size="large"
              loading={busy}
              onClick={() => void act('return')}
              data-testid="library-return"
            >
              {t('giveBack')}
            </Button>
          </div>
        </Form>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card
            title={t('onLoan')}
            extra={
              mine && <Typography.Text type="secondary">{t('history', { n: mine.history })}</Typography.Text>
            }
          >
            <LoanList loans={mine?.loans ?? []} onRenew={(l) => void renew(l)} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('holds')}>
            <ItemList
              items={mine?.holds ?? []}
              rowKey="id"
              empty={t('noHolds')}
              renderItem={(h) => (
                <ItemRow
                  actions={[
                    // a cancelled hold loses its place in the queue (or the copy set aside)
                    <Popconfirm
                      key="cancel"
                      title={t('confirmCancelHold')}
                      onConfirm={() => void cancel(h.id)}
                    >
                      <Button size="small" danger data-testid="library-hold-cancel">
                        {t('cancelHold')}
                      </Button>
                    </Popconfirm>,
                  ]}
                  title={`《${h.title}》`}
                  description={
                    h.status === 'ready' ? (
                      <Tag color="green">
                        {t('holdReady', { until: h.readyUntil ?? '', barcode: h.barcode ?? '' })}
                      </Tag>
                    ) : (
                      <Tag>{t('holdWaiting', { n: h.position ?? 1 })}</Tag>
                    )
                  }
                />
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
