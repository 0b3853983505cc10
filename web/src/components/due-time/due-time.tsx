/**
 * A ticket's due time as a small badge (issue 18): "à répondre dans 23 min",
 * red when late, orange within the hour. Kept up to date every 30 seconds.
 * Mounted by the inbox's rows and the ticket's header.
 */
import { Badge } from '@mantine/core';
import type { TicketDueDto } from '@shared/targets-contracts.ts';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n.ts';
import { type DueUrgency, formatDue } from './format-due.ts';

const colors: Record<DueUrgency, string> = { late: 'red', soon: 'orange', later: 'gray' };

/** The time now, renewed every `everyMs` while mounted. */
function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function DueTime(props: { due: TicketDueDto | null | undefined }) {
  const { language } = useI18n();
  const now = useNow(30_000);
  if (!props.due) return null;
  const shown = formatDue(props.due, now, language);
  if (!shown) return null;
  return (
    <Badge
      size="sm"
      variant={shown.urgency === 'later' ? 'outline' : 'light'}
      color={colors[shown.urgency]}
      title={new Date(props.due.at).toLocaleString(language === 'en' ? 'en-GB' : 'fr-FR')}
      data-due-urgency={shown.urgency}
      style={{ textTransform: 'none' }}
    >
      {shown.text}
    </Badge>
  );
}
