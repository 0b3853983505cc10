/**
 * One mail server of a mailbox (SMTP to send, IMAP to receive): host, port,
 * TLS, user, password (write-only), with "Enregistrer" and "Tester la
 * connexion" (saves unsaved changes first, then really connects and says why
 * it failed). The SMTP section shows the instance relay a mailbox falls back on.
 */
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { MailSettingsDto } from '@shared/mail-contracts.ts';
import type { ConnectionTestDto } from '@shared/setup-contracts.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { setupApi } from '../../api/setup.ts';
import {
  failureLine,
  invalidInput,
  type ServerForm,
  type ServerKind,
  serverFormOf,
  serverInput,
  testLine,
} from './mail-settings-form.ts';
import { useSetupI18n } from './setup-i18n.ts';
import { setupKey } from './use-setup.ts';

type Outcome = { ok: boolean; text: string };

export function MailServerSection(props: {
  mailboxId: string;
  kind: ServerKind;
  settings: MailSettingsDto;
  relay: boolean;
  onSaved: (settings: MailSettingsDto) => void;
}) {
  const { s } = useSetupI18n();
  const { kind, mailboxId } = props;
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ServerForm>(() => serverFormOf(props.settings, kind));
  const [dirty, setDirty] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const headingId = `${kind}-heading`;
  const set = (changes: Partial<ServerForm>) => {
    setForm({ ...form, ...changes });
    setDirty(true);
  };

  const save = async (): Promise<boolean> => {
    const input = serverInput(form, kind);
    const invalid = invalidInput(input, s);
    if (invalid) {
      setOutcome({ ok: false, text: invalid });
      return false;
    }
    const saved = await setupApi.saveMailSettings(mailboxId, input);
    props.onSaved(saved);
    setForm({ ...form, password: '' });
    setDirty(false);
    return true;
  };
  const run = useMutation({
    mutationFn: async (what: 'save' | 'test'): Promise<Outcome | null> => {
      if ((what === 'save' || dirty) && !(await save())) return null;
      if (what === 'save') return { ok: true, text: s.saved };
      const result: ConnectionTestDto = await setupApi.testConnection(mailboxId, kind);
      return { ok: result.ok, text: testLine(result, s) };
    },
    onSuccess: (result) => {
      if (result) setOutcome(result);
      void queryClient.invalidateQueries({ queryKey: setupKey });
    },
    onError: (error) => setOutcome({ ok: false, text: failureLine(error, s) }),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!run.isPending) run.mutate('save');
  };
  const smtp = kind === 'smtp';

  return (
    <Paper component="section" withBorder p="md" aria-labelledby={headingId}>
      <form onSubmit={onSubmit}>
        <Stack gap="xs">
          <Title order={2} size="h4" id={headingId}>
            {smtp ? s.outgoingHeading : s.incomingHeading}
          </Title>
          {smtp && form.host.trim() === '' && (
            <Text size="sm">{props.relay ? s.relayFallback : s.noRelay}</Text>
          )}
          {!smtp && (
            <Checkbox
              label={s.imapEnabled}
              checked={form.enabled}
              onChange={(e) => set({ enabled: e.currentTarget.checked })}
            />
          )}
          <Group grow align="flex-start" wrap="wrap" gap="xs">
            <TextInput
              label={s.host}
              value={form.host}
              onChange={(e) => set({ host: e.currentTarget.value })}
              miw={200}
            />
            <TextInput
              label={s.port}
              inputMode="numeric"
              value={form.port}
              onChange={(e) => set({ port: e.currentTarget.value })}
              maw={110}
            />
            <TextInput
              label={s.user}
              autoComplete="off"
              value={form.user}
              onChange={(e) => set({ user: e.currentTarget.value })}
              miw={180}
            />
            <PasswordInput
              label={s.password}
              autoComplete="new-password"
              description={
                (smtp ? props.settings.hasSmtpPassword : props.settings.hasImapPassword)
                  ? s.passwordKept
                  : undefined
              }
              value={form.password}
              onChange={(e) => set({ password: e.currentTarget.value })}
              miw={180}
            />
            {!smtp && (
              <TextInput
                label={s.folder}
                value={form.folder}
                onChange={(e) => set({ folder: e.currentTarget.value })}
                maw={140}
              />
            )}
          </Group>
          <Checkbox
            label={s.tls}
            checked={form.tls}
            onChange={(e) => set({ tls: e.currentTarget.checked })}
          />
          <Group gap="xs">
            <Button type="submit" aria-busy={run.isPending && run.variables === 'save'}>
              {s.save}
            </Button>
            <Button
              variant="default"
              aria-busy={run.isPending && run.variables === 'test'}
              onClick={() => {
                if (!run.isPending) run.mutate('test');
              }}
            >
              {run.isPending && run.variables === 'test' ? s.testing : s.testConnection}
            </Button>
          </Group>
          {outcome && (
            <Alert
              color={outcome.ok ? 'green' : 'red'}
              role={outcome.ok ? 'status' : 'alert'}
              c="black"
            >
              {outcome.text}
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
