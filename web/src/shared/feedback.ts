import { useCallback } from 'react';
import { App, type FormInstance } from 'antd';
import { useLocale } from '../app/i18n.ts';
import { ApiError } from './api.ts';
import { mapFieldErrors, type MapOptions } from './errors.ts';

/**
 * Shows an API error: field errors on the form when it names fields the form has, and the server's
 * message as a toast. A 401 shows nothing (the app returns to the login page).
 */
export function useApiError() {
  const { message } = App.useApp();
  const locale = useLocale();
  return useCallback(
    (err: unknown, form?: FormInstance, opts?: MapOptions) => {
      if (!(err instanceof ApiError)) {
        void message.error(err instanceof Error ? err.message : String(err));
        return;
      }
      if (err.status === 401) return;
      if (form) {
        const fields = opts?.fields ?? Object.keys(form.getFieldsValue() as Record<string, unknown>);
        const mapped = mapFieldErrors(err, locale, { ...opts, fields });
        if (mapped.fields.length > 0) form.setFields(mapped.fields);
      }
      void message.error(err.message);
    },
    [message, locale],
  );
}
