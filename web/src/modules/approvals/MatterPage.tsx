import { useCallback, useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Space,
  Spin,
  Steps,
  Tag,
  theme,
  Timeline,
  Typography,
} from 'antd';
import {
  CheckOutlined,
  CloseOutlined,
  EditOutlined,
  PaperClipOutlined,
  RollbackOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { useT } from '../../app/i18n.ts';
import { api, ApiError } from '../../shared/api.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime, fmtYuan } from '../../shared/format.ts';
import { common } from '../../shared/messages.ts';
import { NotFound, PageHeader } from '../../shared/Page.tsx';
import {
  approvalsApi,
  GENERAL_TYPE,
  type Decision,
  type GeneralPayload,
  type MatterDetail,
  type StepStatus,
} from './api.ts';
import { m } from './messages.ts';
import { StatusTag } from './StatusTag.tsx';

const STEP_STATUS: Record<StepStatus, 'wait' | 'process' | 'finish' | 'error'> = {
  waiting: 'wait',
  in_progress: 'process',
  approved: 'finish',
  rejected: 'error',
  // returned for changes is not a refusal: the step waits for the requester (an orange return icon)
  returned: 'process',
  cancelled: 'wait',
};

const TASK_COLORS = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  returned: 'warning',
  cancelled: 'default',
} as const;

const ACTIONS = ['create', 'update', 'submit', 'approve', 'reject', 'return', 'withdraw'] as const;
const isAction = (a: string): a is (typeof ACTIONS)[number] => (ACTIONS as readonly string[]).includes(a);

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function MatterPage() {
  const { id = '' } = useParams();
  const { token } = theme.useToken();
  const t = useT(m);
  const c = useT(common);
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [matter, setMatter] = useState<MatterDetail | null>(null);
  const [missing, setMissing] = useState<ApiError | null>(null);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ opinion?: string }>();

  const load = useCallback(() => {
    approvalsApi.get(id).then(setMatter, (e: unknown) => {
      if (e instanceof ApiError && (e.status === 404 || e.status === 403)) setMissing(e);
      else showError(e);
    });
  }, [id, showError]);

  useEffect(load, [load]);

  if (missing)
    return missing.status === 404 ? (
      <NotFound />
    ) : (
      <Result status="403" title="403" subTitle={missing.message} />
    );
  if (!matter) return <Spin />;

  const decide = async () => {
    if (!deciding) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      setMatter(await approvalsApi.decide(matter.id, deciding, v.opinion?.trim()));
      void message.success(t('decided'));
      setDeciding(null);
      form.resetFields();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const withdraw = () =>
    modal.confirm({
      title: t('confirmWithdraw'),
      onOk: async () => {
        try {
          setMatter(await approvalsApi.withdraw(matter.id));
          void message.success(t('withdrawn'));
        } catch (e) {
          showError(e);
        }
      },
    });

  const submit = async () => {
    try {
      setMatter(await approvalsApi.submit(matter.id));
      void message.success(t('submitted'));
    } catch (e) {
      showError(e);
    }
  };

  const general = matter.type === GENERAL_TYPE ? ((matter.payload ?? {}) as Partial<GeneralPayload>) : null;
  const decisionLabel = deciding ? t(deciding) : '';

  const actions = (
    <Space wrap>
      {matter.can.decide && (
        <>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            onClick={() => setDeciding('approve')}
            data-testid="matter-approve"
          >
            {t('approve')}
          </Button>
          <Button
            icon={<RollbackOutlined />}
            onClick={() => setDeciding('return')}
            data-testid="matter-return"
          >
            {t('return')}
          </Button>
          <Button
            danger
            icon={<CloseOutlined />}
            onClick={() => setDeciding('reject')}
            data-testid="matter-reject"
          >
            {t('reject')}
          </Button>
        </>
      )}
      {matter.can.edit && (
        <Button
          icon={<EditOutlined />}
          onClick={() => navigate(`/approvals/matters/${matter.id}/edit`)}
          data-testid="matter-edit"
        >
          {matter.status === 'draft' ? t('editDraft') : t('editResubmit')}
        </Button>
      )}
      {matter.can.submit && matter.status === 'draft' && (
        <Button type="primary" onClick={() => void submit()} data-testid="matter-submit">
          {t('submitRequest')}
        </Button>
      )}
      {matter.can.withdraw && (
        <Button icon={<UndoOutlined />} onClick={withdraw} data-testid="matter-withdraw">
          {t('withdraw')}
        </Button>
      )}
    </Space>
  );

  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="matter-title">{matter.title}</span>
            <StatusTag status={matter.status} label={matter.statusLabel} />
          </Space>
        }
        sub={matter.typeLabel}
        extra={actions}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('payload')}>
              <Descriptions column={{ xs: 1, sm: 2 }} size="small">
                <Descriptions.Item label={t('requester')}>{matter.requester.name}</Descriptions.Item>
                <Descriptions.Item label={t('unit')}>{matter.unitName}</Descriptions.Item>
                <Descriptions.Item label={t('submittedAt')}>
                  {fmtDateTime(matter.submittedAt) || '—'}
                </Descriptions.Item>
                {general?.amountFen !== undefined && (
                  <Descriptions.Item label={t('amount')}>¥ {fmtYuan(general.amountFen)}</Descriptions.Item>
                )}
                {general?.coSign && (
                  <Descriptions.Item label={t('steps')}>
                    <Tag color="purple" data-testid="matter-cosign">
                      {t('coSignYes')}
                    </Tag>
                  </Descriptions.Item>
                )}
              </Descriptions>
              {general ? (
                <Typography.Paragraph
                  style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}
                  data-testid="matter-body"
                >
                  {general.body}
                </Typography.Paragraph>
              ) : (
                matter.summary && (
                  <Typography.Paragraph style={{ marginTop: 12 }}>{matter.summary}</Typography.Paragraph>
                )
              )}
            </Card>
            <Card title={t('attachments')}>
              {matter.attachments.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noAttachments')} />
              ) : (
                <ItemList
                  size="small"
                  items={matter.attachments}
                  rowKey="id"
                  renderItem={(a) => (
                    <ItemRow
                      actions={[
                        <Button
                          key="dl"
                          type="link"
                          size="small"
                          onClick={() =>
                            void api.download(approvalsApi.fileUrl(a.id), undefined, a.name).catch(showError)
                          }
                        >
                          {t('download')}
                        </Button>,
                      ]}
                      avatar={<PaperClipOutlined />}
                      title={a.name}
                      description={`${fileSize(a.sizeBytes)} · ${a.addedByName} · ${fmtDateTime(a.addedAt)}`}
                    />
                  )}
                />
              )}
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card
              title={matter.round > 0 ? `${t('steps')} · ${t('round', { round: matter.round })}` : t('steps')}
            >
              <Steps
                orientation="vertical"
                size="small"
                items={matter.steps.map((s) => ({
                  // the label of an escalated step is long (单位考勤审批（机关事务局管理员代审）): it wraps as a
                  // block of its own, and the step's status goes to the line below rather than beside it,
                  // where a narrow (phone) card squeezed it into a column of single characters
                  title: (
                    <span
                      style={{ display: 'block', overflowWrap: 'anywhere' }}
                      data-testid="matter-step-title"
                    >
                      {s.label}
                    </span>
                  ),
                  status: STEP_STATUS[s.status],
                  icon:
                    s.status === 'returned' ? (
                      <RollbackOutlined
                        style={{ color: token.colorWarning }}
                        data-testid="matter-step-returned"
                      />
                    ) : undefined,
                  content: (
                    <div>
                      <Typography.Text type="secondary" data-testid="matter-step-mode">
                        {t(`step_${s.status}`)} · {t(`mode_${s.mode}`)}
                        {s.mode === 'all' && s.tasks.length > 0 && (
                          <>
                            {' · '}
                            {t('cosignProgress', {
                              done: s.tasks.filter((x) => x.status === 'approved').length,
                              total: s.tasks.length,
                            })}
                          </>
                        )}
                      </Typography.Text>
                      {s.tasks.map((task) => (
                        <div key={task.approverAccountId} data-testid="matter-step-task">
                          {task.approverName}{' '}
                          <Tag color={TASK_COLORS[task.status]}>{t(`task_${task.status}`)}</Tag>
                          {task.opinion && (
                            <Typography.Text type="secondary">“{task.opinion}”</Typography.Text>
                          )}
                        </div>
                      ))}
                    </div>
                  ),
                }))}
              />
            </Card>
            <Card title={t('history')}>
              <Timeline
                items={matter.history.map((h, i) => ({
                  key: i,
                  content: (
                    <div>
                      <Typography.Text strong>{h.actorName ?? '—'}</Typography.Text>{' '}
                      {isAction(h.action) ? t(`action_${h.action}`) : h.action}
                      {h.stepLabel && <Typography.Text type="secondary"> · {h.stepLabel}</Typography.Text>}
                      {h.opinion && <div>“{h.opinion}”</div>}
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {fmtDateTime(h.at)}
                        </Typography.Text>
                      </div>
                    </div>
                  ),
                }))}
              />
            </Card>
          </Space>
        </Col>
      </Row>
      <Modal
        open={deciding !== null}
        title={t('decideTitle', { decision: decisionLabel })}
        okText={decisionLabel}
        cancelText={c('cancel')}
        okButtonProps={{ danger: deciding === 'reject', 'data-testid': 'matter-decide-confirm' }}
        confirmLoading={busy}
        onOk={() => void decide().catch(() => undefined)}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="opinion"
            label={t('opinion')}
            rules={[
              { required: deciding !== 'approve', whitespace: true, message: t('opinionRequired') },
              { max: 2000 },
            ]}
          >
            <Input.TextArea rows={4} maxLength={2000} data-testid="matter-opinion" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
