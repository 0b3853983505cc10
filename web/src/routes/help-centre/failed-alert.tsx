import { Alert } from '@mantine/core';
import { useHelpCentreI18n } from './help-centre-i18n.ts';

/** "L’opération a échoué : <the server’s message>" under a help-centre form; nothing without an error. */
export function FailedAlert({ error }: { error: Error | null | undefined }) {
  const { h } = useHelpCentreI18n();
  if (!error) return null;
  return (
    <Alert color="red" role="alert">
      {h.failed} {error.message}
    </Alert>
  );
}
