/**
 * The administrators' banner (issue 15 §1): shown on every page while a
 * mailbox's outgoing or incoming mail is failing or unset, naming the
 * mailboxes, with a link to their mail settings. Nothing for other roles.
 */
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import type { MailboxMailHealthDto } from '@shared/setup-contracts.ts';
import { mailSettingsPath } from '../../app-routes.ts';
import { followLink } from '../../router.ts';
import { type SetupMessages, useSetupI18n } from './setup-i18n.ts';
import { useSetupChecklist } from './use-setup.ts';

/** The banner's lines: one per kind of problem, naming its mailboxes. */
export function mailHealthLines(mailboxes: MailboxMailHealthDto[], s: SetupMessages): string[] {
  const names = (pick: (m: MailboxMailHealthDto) => boolean) =>
    mailboxes
      .filter(pick)
      .map((m) => m.name)
      .join(', ');
  const lines: [string, (names: string) => string][] = [
    [names((m) => m.outgoing === 'none'), s.bannerOutgoingNone],
    [names((m) => m.outgoingFailing), s.bannerOutgoingFailing],
    [names((m) => m.incoming === 'none'), s.bannerIncomingNone],
    [names((m) => m.incomingFailing), s.bannerIncomingFailing],
  ];
  return lines.filter(([list]) => list !== '').map(([list, text]) => text(list));
}

export function MailHealthBanner({ session }: { session: SessionDto }) {
  if (session.user.role !== 'admin') return null;
  return <AdminMailHealthBanner />;
}

function AdminMailHealthBanner() {
  const { s } = useSetupI18n();
  const checklist = useSetupChecklist();
  const lines = checklist.data ? mailHealthLines(checklist.data.mailboxes, s) : [];
  if (lines.length === 0) return null;
  return (
    <Alert color="orange" c="black" title={s.bannerTitle} mb="md" role="status">
      <Stack gap={2}>
        {lines.map((line) => (
          <Text key={line} size="sm">
            {line}
          </Text>
        ))}
        <Anchor href={mailSettingsPath} onClick={followLink} size="sm" c="black" underline="always">
          {s.bannerLink}
        </Anchor>
      </Stack>
    </Alert>
  );
}
