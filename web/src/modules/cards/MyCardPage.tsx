import { App, Button, Card, Col, Empty, Row, Space, Spin, Statistic, type ButtonProps } from 'antd';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { cardsApi } from './api.ts';
import { m } from './messages.ts';
import { AccountStatusTag, useMyAccount } from './parts.tsx';
import { StatementView } from './StatementView.tsx';

/** The holder's own card: balance, status, card number and the monthly statement. */
export function MyCardPage() {
  const t = useT(m);
  const showError = useApiError();
  const { message, modal } = App.useApp();
  const [account, setAccount] = useMyAccount();
  if (account === undefined) return <Spin />;
  const reportLoss = () =>
    modal.confirm({
      title: t('reportLossConfirm'),
      content: t('reportLossHint'),
      okText: t('reportLoss'),
      okButtonProps: { danger: true, 'data-testid': 'my-card-loss-confirm' } as ButtonProps,
      onOk: () =>
        cardsApi.reportMyLoss().then((r) => {
          setAccount(r.account);
          void message.success(t('reportedLoss'));
        }, showError),
    });
  return (
    <>
      <PageHeader title={t('myCard')} />
      {!account ? (
        <Card>
          <Empty description={t('noCard')} />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} sm={12} md={8}>
              <Card size="small">
                <Statistic
                  title={t('balance')}
                  value={account.balance / 100}
                  precision={2}
                  data-testid="my-balance"
                />
              </Card>
            </Col>
            <Col xs={24} sm={12} md={16}>
              <Card size="small">
                <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
                  <Statistic
                    title={t('cardNo')}
                    value={account.cardNo ?? '—'}
                    groupSeparator=""
                    styles={{ content: { fontSize: 18 } }}
                    suffix={<AccountStatusTag status={account.status} />}
                  />
                  {(account.status === 'active' || account.status === 'frozen') && (
                    <Button size="small" danger onClick={reportLoss} data-testid="my-card-loss">
                      {t('reportLoss')}
                    </Button>
                  )}
                </Space>
              </Card>
            </Col>
          </Row>
          <StatementView load={cardsApi.myStatement} onExport={cardsApi.myStatementXlsx} />
        </>
      )}
    </>
  );
}
