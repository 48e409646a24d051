import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Space, Spin, Typography } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { common } from '../../shared/messages.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { approvalsApi, GENERAL_TYPE, type GeneralPayload, type MatterDetail } from './api.ts';
import { m } from './messages.ts';

interface Values {
  title: string;
  body: string;
  amount?: number | null;
  coSign?: boolean;
}

interface Attached {
  id: string;
  name: string;
}

/** server field → form field (the payload's fields sit at the form's top level) */
const RENAME = {
  'payload.body': 'body',
  'payload.amountFen': 'amount',
  attachmentIds: 'attachments',
};

function payloadOf(v: Values): GeneralPayload {
  const amountFen = v.amount === null || v.amount === undefined ? undefined : Math.round(v.amount * 100);
  return {
    body: v.body.trim(),
    ...(amountFen === undefined ? {} : { amountFen }),
    ...(v.coSign ? { coSign: true } : {}),
  };
}

/** 一般事项请示: a new request, or (with `:id`) the edit of a draft or returned one before resubmitting. */
export function RequestFormPage() {
  const { id } = useParams();
  const t = useT(m);
  const c = useT(common);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<Attached[]>([]);
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState<'submit' | 'draft' | null>(null);
  const [matter, setMatter] = useState<MatterDetail | null>(null);
  const [loading, setLoading] = useState(Boolean(id));
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!id) return;
    let live = true;
    approvalsApi
      .get(id)
      .then((d) => {
        if (!live) return;
        setMatter(d);
        const p = (d.payload ?? {}) as Partial<GeneralPayload>;
        form.setFieldsValue({
          title: d.title,
          body: p.body ?? '',
          amount: p.amountFen === undefined ? null : p.amountFen / 100,
          coSign: p.coSign === true,
        });
        setFiles(d.attachments.map((a) => ({ id: a.id, name: a.name })));
      })
      .catch(showError)
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [id, form, showError]);

  const upload = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setUploading(true);
    try {
      for (const file of Array.from(list)) {
        const answer = await approvalsApi.upload(file);
        setFiles((prev) => [...prev, { id: answer.id, name: answer.name ?? file.name }]);
      }
    } catch (e) {
      showError(e);
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const save = async (submit: boolean) => {
    const v = await form.validateFields();
    setBusy(submit ? 'submit' : 'draft');
    try {
      const body = { title: v.title.trim(), payload: payloadOf(v), attachmentIds: files.map((f) => f.id) };
      let saved: MatterDetail;
      if (matter) {
        saved = await approvalsApi.update(matter.id, { ...body, version: matter.version });
        if (submit) saved = await approvalsApi.submit(matter.id);
      } else {
        saved = await approvalsApi.create({ type: GENERAL_TYPE, ...body, submit });
      }
      void message.success(submit ? t('submitted') : t('draftSaved'));
      navigate(`/approvals/matters/${saved.id}`, { replace: true });
    } catch (e) {
      showError(e, form, { fields: ['title', 'body', 'amount', 'attachments'], rename: RENAME });
    } finally {
      setBusy(null);
    }
  };

  if (loading) return <Spin />;
  const editing = Boolean(matter);
  // a draft is still being written; a returned request is changed and submitted again
  const resubmitting = editing && matter?.status !== 'draft';

  return (
    <>
      <PageHeader
        title={editing ? (resubmitting ? t('editResubmit') : t('editDraft')) : t('newRequest')}
        sub={matter?.typeLabel}
      />
      <Card style={{ maxWidth: 760 }}>
        <Form<Values> form={form} layout="vertical" data-testid="request-form">
          <Form.Item name="title" label={t('title')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input maxLength={200} data-testid="request-title" />
          </Form.Item>
          <Form.Item name="body" label={t('body')} rules={[{ required: true, whitespace: true, max: 5000 }]}>
            <Input.TextArea rows={6} maxLength={5000} showCount data-testid="request-body" />
          </Form.Item>
          <Form.Item name="amount" label={t('amount')} extra={t('amountHint')}>
            <InputNumber<number>
              min={0}
              max={1_000_000_000}
              precision={2}
              step={100}
              style={{ width: '100%', maxWidth: 260 }}
              data-testid="request-amount"
            />
          </Form.Item>
          <Form.Item name="coSign" valuePropName="checked" extra={t('coSignHint')}>
            <Checkbox data-testid="request-cosign">{t('coSign')}</Checkbox>
          </Form.Item>
          <Form.Item label={t('attachments')} extra={t('uploadHint')}>
            <Form.Item name="attachments" noStyle>
              <Input type="hidden" />
            </Form.Item>
            <input
              ref={fileInput}
              type="file"
              multiple
              style={{ display: 'none' }}
              onChange={(e) => void upload(e.target.files)}
              data-testid="request-file"
            />
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Button
                icon={<UploadOutlined />}
                loading={uploading}
                onClick={() => fileInput.current?.click()}
                data-testid="request-upload"
              >
                {t('upload')}
              </Button>
              {files.length > 0 && (
                <ItemList
                  size="small"
                  bordered
                  items={files}
                  rowKey="id"
                  renderItem={(f) => (
                    <ItemRow
                      actions={[
                        <Button
                          key="remove"
                          type="text"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={c('delete')}
                          onClick={() => setFiles((prev) => prev.filter((x) => x.id !== f.id))}
                        />,
                      ]}
                    >
                      <Typography.Text>
                        <PaperClipOutlined /> {f.name}
                      </Typography.Text>
                    </ItemRow>
                  )}
                />
              )}
            </Space>
          </Form.Item>
          <Space wrap>
            <Button
              type="primary"
              loading={busy === 'submit'}
              disabled={busy !== null}
              onClick={() => void save(true).catch(() => undefined)}
              data-testid="request-submit"
            >
              {resubmitting ? t('resubmit') : t('submitRequest')}
            </Button>
            <Button
              loading={busy === 'draft'}
              disabled={busy !== null}
              onClick={() => void save(false).catch(() => undefined)}
              data-testid="request-save-draft"
            >
              {t('saveDraft')}
            </Button>
            <Button onClick={() => navigate(-1)}>{c('cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
