/**
 * A mailbox's mail, set in the app (issue 15 §1), at /mail-settings?mailbox=…:
 * its addresses, its SMTP and IMAP servers with "Tester la connexion", its
 * signature, acknowledgement and reopening window. Each section saves its own
 * part (PUT /api/mailboxes/:id/mail-settings takes any subset), checked first by
 * the API's zod contract.
 */
import {
  Alert,
  Button,
  Checkbox,
  Loader,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { MailSettingsDto } from '@shared/mail-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { setupApi } from '../../api/setup.ts';
import { mailSettingsPath } from '../../app-routes.ts';
import { MailServerSection } from './mail-server-section.tsx';
import {
  failureLine,
  invalidInput,
  type MessagesForm,
  messagesFormOf,
  messagesInput,
} from './mail-settings-form.ts';
import { MailboxAddressesSection } from './mailbox-addresses-section.tsx';
import { MailboxPicker } from './mailbox-picker.tsx';
import { useSetupI18n } from './setup-i18n.ts';
import { useSetupChecklist } from './use-setup.ts';

export function MailSettingsPage() {
  const { s } = useSetupI18n();
  const checklist = useSetupChecklist();
  return (
    <Stack gap="md">
      <Title order={1}>{s.mailTitle}</Title>
      <Text size="sm">{s.mailIntro}</Text>
      <MailboxPicker path={mailSettingsPath}>
        {(mailboxId) => (
          <MailboxMail
            key={mailboxId}
            mailboxId={mailboxId}
            relay={checklist.data?.relay === true}
          />
        )}
      </MailboxPicker>
    </Stack>
  );
}

function MailboxMail({ mailboxId, relay }: { mailboxId: string; relay: boolean }) {
  const { s } = useSetupI18n();
  const queryClient = useQueryClient();
  const key = ['setup', 'mail-settings', mailboxId];
  const settings = useQuery({ queryKey: key, queryFn: () => setupApi.mailSettings(mailboxId) });
  const onSaved = (saved: MailSettingsDto) => queryClient.setQueryData(key, saved);
  if (settings.isPending) return <Loader aria-label="…" role="status" />;
  if (settings.isError)
    return (
      <Alert color="red" role="alert">
        {s.loadFailed}
      </Alert>
    );
  return (
    <Stack gap="md">
      <MailboxAddressesSection mailboxId={mailboxId} />
      <MailServerSection
        mailboxId={mailboxId}
        kind="smtp"
        settings={settings.data}
        relay={relay}
        onSaved={onSaved}
      />
      <MailServerSection
        mailboxId={mailboxId}
        kind="imap"
        settings={settings.data}
        relay={relay}
        onSaved={onSaved}
      />
      <MessagesSection mailboxId={mailboxId} settings={settings.data} onSaved={onSaved} />
    </Stack>
  );
}

function MessagesSection(props: {
  mailboxId: string;
  settings: MailSettingsDto;
  onSaved: (settings: MailSettingsDto) => void;
}) {
  const { s } = useSetupI18n();
  const [form, setForm] = useState<MessagesForm>(() => messagesFormOf(props.settings));
  const [invalid, setInvalid] = useState<string | null>(null);
  const set = (changes: Partial<MessagesForm>) => setForm({ ...form, ...changes });
  const save = useMutation({
    mutationFn: () => setupApi.saveMailSettings(props.mailboxId, messagesInput(form)),
    onSuccess: props.onSaved,
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = invalidInput(messagesInput(form), s);
    setInvalid(problem);
    if (!problem && !save.isPending) save.mutate();
  };
  return (
    <Paper component="section" withBorder p="md" aria-labelledby="messages-heading">
      <form onSubmit={onSubmit}>
        <Stack gap="xs">
          <Title order={2} size="h4" id="messages-heading">
            {s.messagesHeading}
          </Title>
          <Textarea
            label={s.signature}
            autosize
            minRows={2}
            value={form.signature}
            onChange={(e) => set({ signature: e.currentTarget.value })}
          />
          <Checkbox
            label={s.ackEnabled}
            checked={form.ackEnabled}
            onChange={(e) => set({ ackEnabled: e.currentTarget.checked })}
          />
          {form.ackEnabled && (
            <>
              <TextInput
                label={s.ackSubject}
                value={form.ackSubject}
                onChange={(e) => set({ ackSubject: e.currentTarget.value })}
              />
              <Textarea
                label={s.ackBody}
                autosize
                minRows={2}
                value={form.ackBody}
                onChange={(e) => set({ ackBody: e.currentTarget.value })}
              />
            </>
          )}
          <TextInput
            label={s.reopenDays}
            inputMode="numeric"
            value={form.reopenDays}
            onChange={(e) => set({ reopenDays: e.currentTarget.value })}
            maw={420}
          />
          <div>
            <Button type="submit" aria-busy={save.isPending}>
              {s.save}
            </Button>
          </div>
          {invalid && (
            <Alert color="red" role="alert">
              {invalid}
            </Alert>
          )}
          {save.isError && (
            <Alert color="red" role="alert">
              {failureLine(save.error, s)}
            </Alert>
          )}
          {save.isSuccess && !invalid && (
            <Alert color="green" role="status" c="black">
              {s.saved}
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
