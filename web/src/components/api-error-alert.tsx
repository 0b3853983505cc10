import { Alert } from '@mantine/core';
import { isApiError } from '../api/client.ts';
import { useI18n } from '../i18n.ts';

/**
 * The server's own message for a refused request (4xx: it says what to fix,
 * e.g. "orange.fr is a webmail domain"), a generic one otherwise; nothing without an error.
 */
export function ApiErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert color="red" role="alert">
      {isApiError(error) && error.status >= 400 && error.status < 500
        ? error.message
        : t.unexpectedError}
    </Alert>
  );
}
