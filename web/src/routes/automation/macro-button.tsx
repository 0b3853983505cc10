/** The "Macros" button of the ticket screen (its key: m) and of the inbox's selection bar. */
import { Button } from '@mantine/core';
import { useAutomationI18n } from './automation-i18n.ts';

export function MacroButton({
  onOpen,
  withKey = false,
}: {
  onOpen: () => void;
  withKey?: boolean;
}) {
  const m = useAutomationI18n();
  return (
    <Button
      variant="default"
      size="xs"
      onClick={onOpen}
      {...(withKey ? { 'aria-keyshortcuts': 'm' } : {})}
    >
      {withKey ? `${m.macroButton} (m)` : m.macroButton}
    </Button>
  );
}
