import { useState, type ReactNode } from 'react';
import { Button, Drawer, Space } from 'antd';
import { useT } from '../../app/i18n.ts';
import { common } from '../../shared/messages.ts';
import { useIsPhone } from '../../shared/useIsPhone.ts';

/**
 * The registry's edit drawer: full width on a phone, Save (busy while `save` runs) and Cancel below.
 * `save` validates its form and reports its own server errors; a failed validation just stays open.
 */
export function FormDrawer({
  open,
  title,
  width = 560,
  saveTestId,
  onClose,
  save,
  children,
}: {
  open: boolean;
  title: ReactNode;
  width?: number;
  saveTestId: string;
  onClose: () => void;
  save: () => Promise<void>;
  children: ReactNode;
}) {
  const c = useT(common);
  const isPhone = useIsPhone();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await save();
    } catch {
      // the form shows its validation errors under the fields
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : width}
      title={title}
      destroyOnHidden
      footer={
        <Space>
          <Button type="primary" loading={busy} onClick={() => void run()} data-testid={saveTestId}>
            {c('save')}
          </Button>
          <Button onClick={onClose}>{c('cancel')}</Button>
        </Space>
      }
    >
      {children}
    </Drawer>
  );
}
