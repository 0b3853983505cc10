/**
 * An administrator's own second factor (TOTP): turn it on (secret, otpauth
 * link, a code to confirm, then the recovery codes once) or off with a code.
 */
import {
  Alert,
  Button,
  Code,
  Group,
  List,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useAdminI18n } from './admin-i18n.ts';
import { useSecondFactor } from './use-users.ts';
import { failureText } from './user-accounts.ts';

export function SecondFactorSection() {
  const { a } = useAdminI18n();
  const [code, setCode] = useState('');
  const { enabled, start, confirm, disable, error } = useSecondFactor(code, () => setCode(''));

  return (
    <Paper component="section" withBorder p="lg" aria-labelledby="second-factor-heading">
      <Stack gap="sm">
        <Title order={2} id="second-factor-heading">
          {a.secondFactorHeading}
        </Title>
        <Text>{enabled ? a.secondFactorEnabled : a.secondFactorOff}</Text>
        {error && (
          <Alert color="red" role="alert">
            {failureText(error, a.failed)}
          </Alert>
        )}
        {confirm.data && (
          <Alert color="green" role="status" title={a.recoveryCodesTitle}>
            <Text size="sm">{a.recoveryCodesHint}</Text>
            <List size="sm" mt="xs">
              {confirm.data.recoveryCodes.map((c) => (
                <List.Item key={c}>
                  <Code>{c}</Code>
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {!enabled && !start.data && (
          <Group>
            <Button onClick={() => start.mutate()} aria-busy={start.isPending}>
              {a.secondFactorStart}
            </Button>
          </Group>
        )}
        {!enabled && start.data && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              confirm.mutate();
            }}
          >
            <Stack gap="xs">
              <Text size="sm">
                {a.secondFactorSecret} : <Code>{start.data.secret}</Code>
              </Text>
              <Text size="sm" style={{ wordBreak: 'break-all' }}>
                {a.secondFactorUri} : <Code>{start.data.otpauthUri}</Code>
              </Text>
              <Group align="flex-end">
                <TextInput
                  label={a.secondFactorCode}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  required
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                />
                <Button type="submit">{a.secondFactorConfirm}</Button>
              </Group>
            </Stack>
          </form>
        )}
        {enabled && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              disable.mutate();
            }}
          >
            <Group align="flex-end">
              <TextInput
                label={a.secondFactorCode}
                autoComplete="one-time-code"
                required
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
              />
              <Button type="submit" variant="default">
                {a.secondFactorDisable}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
