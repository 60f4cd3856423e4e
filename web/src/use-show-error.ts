import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from './api.ts';
import { type Translate, useT } from './i18n.ts';

/** The text to show for a failure: the server's localised message when there is one. */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError && error.message) return error.message;
  return t('error.unexpected');
}

/** Shows a failure as a toast. A rejected session is left to the login page, which explains it. */
export function useShowError(): (error: unknown) => void {
  const { message } = App.useApp();
  const t = useT();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) return;
      void message.error(errorText(error, t));
    },
    [message, t],
  );
}
