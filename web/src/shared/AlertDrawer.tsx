import { useState, type ReactNode } from 'react';
import { App, Descriptions, Drawer, Input, Space } from 'antd';
import { useApiError } from './feedback.ts';

/**
 * The note and busy state of handling an alert (acknowledge, resolve, …): `run(call, done, then)` calls the
 * server, then says `done`, empties the note and passes the answer on; a failure shows the API error.
 */
export function useAlertHandling() {
  const { message } = App.useApp();
  const showError = useApiError();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async <R,>(call: () => Promise<R>, done: string, then: (answer: R) => void) => {
    setBusy(true);
    try {
      const answer = await call();
      void message.success(done);
      setNote('');
      then(answer);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return { note, setNote, busy, run };
}

/** The note box under an alert's details, with the page's buttons (`actions`) under it. */
export interface AlertNote {
  value: string;
  onChange: (note: string) => void;
  maxLength: number;
  placeholder: string;
  testId: string;
  actions: ReactNode;
}

/**
 * The drawer of one alert: its details (`Descriptions.Item`s) in a bordered one-column list, then — when
 * `note` gives one for it — the note box and buttons for handling it.
 */
export function AlertDrawer<T>({
  alert,
  onClose,
  title,
  width,
  testId,
  details,
  note,
}: {
  alert: T | null;
  onClose: () => void;
  title: (a: T) => ReactNode;
  width: number;
  testId: string;
  details: (a: T) => ReactNode;
  /** the note box for this alert, or null when it is not (or may not be) handled here */
  note: (a: T) => AlertNote | null;
}) {
  const box = alert && note(alert);
  return (
    <Drawer
      open={alert !== null}
      onClose={onClose}
      title={alert && title(alert)}
      size={width}
      data-testid={testId}
    >
      {alert && (
        <>
          <Descriptions column={1} size="small" bordered>
            {details(alert)}
          </Descriptions>
          {box && (
            <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
              <Input.TextArea
                rows={3}
                maxLength={box.maxLength}
                value={box.value}
                onChange={(e) => box.onChange(e.target.value)}
                placeholder={box.placeholder}
                data-testid={box.testId}
              />
              {box.actions}
            </Space>
          )}
        </>
      )}
    </Drawer>
  );
}
