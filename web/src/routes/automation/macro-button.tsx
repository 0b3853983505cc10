/** The "Macros" button of the ticket screen (its key: m) and of the inbox's selection bar. */
import { Button } from '@mantine/core';
import { useAutomationI18n } from './automation-i18n.ts';

export function MacroButton({ onOpen }: { onOpen: () => void }) {
  const m = useAutomationI18n();
  return (
    <Button variant="default" size="xs" onClick={onOpen} aria-keyshortcuts="m">
      {m.macroButton} (m)
    </Button>
  );
}
