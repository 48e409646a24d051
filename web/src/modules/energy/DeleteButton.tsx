import { App, Button, Popconfirm } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { common } from '../../shared/messages.ts';

/** Delete with a confirmation naming what is lost; the server's refusal (points left, a formula) shown. */
export function DeleteButton({
  confirm,
  onConfirm,
  testId,
  label,
}: {
  confirm: string;
  onConfirm: () => Promise<unknown>;
  testId: string;
  label?: string;
}) {
  const c = useT(common);
  const { message } = App.useApp();
  const showError = useApiError();
  return (
    <Popconfirm
      title={confirm}
      okButtonProps={{ danger: true, 'data-testid': `${testId}-confirm` } as never}
      onConfirm={() => onConfirm().then(() => void message.success(c('deleted')), showError)}
    >
      <Button size="small" danger icon={<DeleteOutlined />} data-testid={testId}>
        {label ?? c('delete')}
      </Button>
    </Popconfirm>
  );
}
