/**
 * An invitation's link shown to the inviting supervisor when no mail will
 * carry it (issue 15 §1): says so, shows the link to copy, never "envoyée".
 */
import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import type { InvitationDto } from '@shared/setup-contracts.ts';
import { useSetupI18n } from './setup-i18n.ts';
import type { ChangeMessage } from './use-users.ts';

export function InvitationLink({ email, link }: { email: string; link: string }) {
  const { s } = useSetupI18n();
  return (
    <Alert color="yellow" c="black" role="status">
      <Stack gap="xs">
        <Text size="sm">{s.invitationNoMail(email)}</Text>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={s.invitationLinkLabel}
            value={link}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
            style={{ flex: 1 }}
          />
          <CopyButton value={link}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? s.copied : s.copyLink}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}

/** The message a resent invitation leaves: sent, or its link to pass on. */
export function resentMessage(
  result: InvitationDto,
  email: string,
  resent: (email: string) => string,
): ChangeMessage {
  if (result.link === null) return { ok: true, text: resent(email) };
  return { ok: true, text: '', link: { email, href: result.link } };
}
