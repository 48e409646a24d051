import { App, Button, Input, Modal, Space, Typography } from 'antd';
import { useT } from '../../app/i18n.ts';
import { m } from './messages.ts';

/** Shows a new calendar feed's URL once, with how to add it to Outlook or Apple Calendar. */
export function FeedUrlModal({
  url,
  title,
  onClose,
}: {
  url: string | null;
  title: string;
  onClose: () => void;
}) {
  const t = useT(m);
  const { message } = App.useApp();
  return (
    <Modal open={!!url} title={title} footer={null} onCancel={onClose}>
      <Typography.Paragraph>{t('subscribeHelp')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input readOnly value={url ?? ''} data-testid="feed-url" />
        <Button
          onClick={() => {
            void navigator.clipboard?.writeText(url ?? '');
            void message.success(t('copied'));
          }}
        >
          {t('copy')}
        </Button>
      </Space.Compact>
    </Modal>
  );
}
