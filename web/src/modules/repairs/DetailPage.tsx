import { useCallback, useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Image,
  Input,
  Modal,
  Popconfirm,
  Rate,
  Select,
  Space,
  Spin,
  Timeline,
  Typography,
} from 'antd';
import { useParams } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useMe, useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { repairsApi, type RepairDetail } from './api.ts';
import { m } from './messages.ts';
import { REPAIR_PERM } from './module.ts';
import { place, RepairStatusTag, WorkerSelect } from './parts.tsx';

const NEXT: Record<
  string,
  { status: string; key: 'stepAccept' | 'stepOnSite' | 'stepWaiting' | 'stepDone' }[]
> = {
  assigned: [{ status: 'accepted', key: 'stepAccept' }],
  accepted: [
    { status: 'on_site', key: 'stepOnSite' },
    { status: 'waiting_parts', key: 'stepWaiting' },
    { status: 'done', key: 'stepDone' },
  ],
  on_site: [
    { status: 'done', key: 'stepDone' },
    { status: 'waiting_parts', key: 'stepWaiting' },
  ],
  waiting_parts: [
    { status: 'on_site', key: 'stepOnSite' },
    { status: 'done', key: 'stepDone' },
  ],
};

function AssignDialog({
  r,
  open,
  onClose,
}: {
  r: RepairDetail;
  open: boolean;
  onClose: (next?: RepairDetail) => void;
}) {
  const t = useT(m);
  const showError = useApiError();
  const [form] = Form.useForm<{ assigneeAccountId?: string; contractorId?: string; note?: string }>();
  const [contractors, setContractors] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    if (open)
      repairsApi
        .contractors()
        .then((cs) => setContractors(cs.map((c) => ({ value: c.id, label: c.name }))), showError);
  }, [open, showError]);
  async function submit(v: { assigneeAccountId?: string; contractorId?: string; note?: string }) {
    try {
      onClose(await repairsApi.assign(r.id, v));
    } catch (e) {
      showError(e, form);
    }
  }
  return (
    <Modal
      open={open}
      title={t('assign')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="assigneeAccountId" label={t('worker')}>
          <WorkerSelect testId="assign-worker" />
        </Form.Item>
        <Form.Item name="contractorId" label={t('contractor')}>
          <Select allowClear options={contractors} data-testid="assign-contractor" />
        </Form.Item>
        <Form.Item name="note" label={t('note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The office cancels an open request, saying why (the requester and the worker are notified). */
function CancelDialog({
  r,
  open,
  onClose,
}: {
  r: RepairDetail;
  open: boolean;
  onClose: (next?: RepairDetail) => void;
}) {
  const t = useT(m);
  const showError = useApiError();
  const [form] = Form.useForm<{ reason: string }>();
  async function submit(v: { reason: string }) {
    try {
      onClose(await repairsApi.cancel(r.id, v.reason));
    } catch (e) {
      showError(e, form);
    }
  }
  return (
    <Modal
      open={open}
      title={t('officeCancel')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      okButtonProps={{ danger: true }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('officeCancelHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('cancelReason')}
          rules={[{ required: true, whitespace: true, message: t('required') }]}
        >
          <Input.TextArea rows={2} maxLength={200} data-testid="cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One request: for the requester (confirm and rate), the worker (phone steps) and the office (assign). */
export function DetailPage() {
  const t = useT(m);
  const { id = '' } = useParams();
  const me = useMe();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useApiError();
  const [r, setR] = useState<RepairDetail | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [rating, setRating] = useState(5);
  const [comment, setComment] = useState('');
  const [stepNote, setStepNote] = useState('');
  const [cancelling, setCancelling] = useState(false);
  const load = useCallback(() => repairsApi.get(id).then(setR, showError), [id, showError]);
  useEffect(() => void load(), [load]);
  if (!r) return <Spin />;

  const act = (p: Promise<RepairDetail>) =>
    p.then((next) => {
      setR(next);
      setStepNote('');
      void message.success(t(`st_${next.status}`));
    }, showError);
  const open = ['reported', 'assigned', 'accepted', 'on_site', 'waiting_parts'].includes(r.status);
  const isWorker = r.assigneeAccountId === me.accountId;
  const isRequester = r.requesterAccountId === me.accountId;
  const steps = isWorker ? (NEXT[r.status] ?? []) : [];

  return (
    <div style={{ maxWidth: 720 }}>
      <PageHeader title={`${t('title')} ${r.no}`} sub={<RepairStatusTag r={r} />} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Typography.Paragraph strong style={{ fontSize: 16 }}>
          {r.description}
        </Typography.Paragraph>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('category')}>
            {t('withNote', { a: r.categoryName, b: t('sla', { days: r.slaDays }) })}
          </Descriptions.Item>
          <Descriptions.Item label={t('room')}>{place(r) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('requester')}>
            {r.requesterName} {r.requesterPhone}
          </Descriptions.Item>
          <Descriptions.Item label={t('reportedAt')}>{fmtDateTime(r.reportedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('dueAt')}>{fmtDateTime(r.dueAt)}</Descriptions.Item>
          {(r.assigneeName || r.contractorName) && (
            <Descriptions.Item label={t('assignee')}>
              {[r.contractorName, r.assigneeName].filter(Boolean).join(' · ')}
            </Descriptions.Item>
          )}
          {r.rating && (
            <Descriptions.Item label={t('rating')}>
              <Rate disabled value={r.rating} /> {r.ratingComment}
            </Descriptions.Item>
          )}
        </Descriptions>
        {r.photos.length > 0 && (
          <Image.PreviewGroup>
            <Space wrap>
              {r.photos.map((p) => (
                <Image
                  key={p.id}
                  width={96}
                  height={96}
                  style={{ objectFit: 'cover' }}
                  src={`/api/files/${p.id}`}
                  alt={p.name}
                />
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
      </Card>

      {steps.length > 0 && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input.TextArea
              rows={2}
              maxLength={500}
              placeholder={t('stepNote')}
              value={stepNote}
              onChange={(e) => setStepNote(e.target.value)}
              data-testid="step-note"
            />
            {steps.map((s, i) => (
              <Button
                key={s.status}
                block
                size="large"
                type={i === 0 ? 'primary' : 'default'}
                onClick={() => void act(repairsApi.step(r.id, s.status, stepNote.trim() || undefined))}
                data-testid={`step-${s.status}`}
              >
                {t(s.key)}
              </Button>
            ))}
          </Space>
        </Card>
      )}

      {isRequester && r.status === 'done' && (
        <Card size="small" style={{ marginBottom: 12 }} title={t('confirm')}>
          <Rate value={rating} onChange={setRating} allowClear={false} data-testid="repair-rate" />
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder={t('comment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            style={{ margin: '8px 0' }}
          />
          <Space>
            <Button
              type="primary"
              onClick={() =>
                void act(repairsApi.confirm(r.id, { fixed: true, rating, comment: comment || undefined }))
              }
              data-testid="repair-confirm"
            >
              {t('confirm')}
            </Button>
            <Popconfirm
              title={t('notFixedConfirm')}
              onConfirm={() =>
                void act(repairsApi.confirm(r.id, { fixed: false, comment: comment || undefined }))
              }
            >
              <Button danger data-testid="repair-not-fixed">
                {t('notFixed')}
              </Button>
            </Popconfirm>
          </Space>
        </Card>
      )}

      <Space style={{ marginBottom: 12 }} wrap>
        {can(REPAIR_PERM.manage) && ['reported', 'assigned', 'accepted'].includes(r.status) && (
          <Button type="primary" onClick={() => setAssigning(true)} data-testid="repair-assign">
            {t('assign')}
          </Button>
        )}
        {isRequester && r.status === 'reported' && (
          <Popconfirm title={t('cancelConfirm')} onConfirm={() => void act(repairsApi.cancel(r.id))}>
            <Button data-testid="repair-withdraw">{t('cancel')}</Button>
          </Popconfirm>
        )}
        {can(REPAIR_PERM.manage) && open && !(isRequester && r.status === 'reported') && (
          <Button danger onClick={() => setCancelling(true)} data-testid="repair-office-cancel">
            {t('officeCancel')}
          </Button>
        )}
      </Space>

      <Card size="small" title={t('history')}>
        <Timeline
          items={r.events.map((e) => ({
            children: (
              <>
                <div>
                  {t(`st_${e.status}` as 'st_done')} · {e.actor}
                </div>
                {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
                <div>
                  <Typography.Text type="secondary">{fmtDateTime(e.at)}</Typography.Text>
                </div>
              </>
            ),
          }))}
        />
      </Card>
      <CancelDialog
        r={r}
        open={cancelling}
        onClose={(next) => {
          setCancelling(false);
          if (next) setR(next);
        }}
      />
      <AssignDialog
        r={r}
        open={assigning}
        onClose={(next) => {
          setAssigning(false);
          if (next) setR(next);
        }}
      />
    </div>
  );
}
