/**
 * The profile's notification choices (issue 18 §4): each kind in the app and
 * by e-mail, e-mail at once or as a digest every N minutes, desktop
 * notifications. Saved with "Enregistrer". Agents and above.
 */
import {
  Alert,
  Button,
  Checkbox,
  NumberInput,
  Radio,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  type NotificationKind,
  type NotificationPreferencesDto,
  notificationKinds,
} from '@shared/notification-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { notificationPreferencesKey, notificationsApi } from './notifications-api.ts';
import { useNotificationsI18n } from './notifications-i18n.ts';

function toggle(kinds: NotificationKind[], kind: NotificationKind, on: boolean) {
  return on ? [...new Set([...kinds, kind])] : kinds.filter((k) => k !== kind);
}

function PreferencesForm({ initial }: { initial: NotificationPreferencesDto }) {
  const n = useNotificationsI18n();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState(initial);
  const save = useMutation({
    mutationFn: () => notificationsApi.savePreferences(choice),
    onSuccess: (saved) => queryClient.setQueryData(notificationPreferencesKey, saved),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Stack component="form" gap="sm" onSubmit={submit} aria-labelledby="notification-heading">
      <Table withTableBorder={false} verticalSpacing={4} maw={600}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{n.kindColumn}</Table.Th>
            <Table.Th>{n.inApp}</Table.Th>
            <Table.Th>{n.byMail}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {notificationKinds.map((kind) => (
            <Table.Tr key={kind}>
              <Table.Td>{n.kinds[kind]}</Table.Td>
              <Table.Td>
                <Checkbox
                  aria-label={`${n.kinds[kind]} — ${n.inApp}`}
                  checked={choice.appKinds.includes(kind)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setChoice((c) => ({ ...c, appKinds: toggle(c.appKinds, kind, on) }));
                  }}
                />
              </Table.Td>
              <Table.Td>
                <Checkbox
                  aria-label={`${n.kinds[kind]} — ${n.byMail}`}
                  checked={choice.mailKinds.includes(kind)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setChoice((c) => ({ ...c, mailKinds: toggle(c.mailKinds, kind, on) }));
                  }}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Radio.Group
        label={n.mailMode}
        value={choice.mailMode}
        onChange={(value) =>
          setChoice((c) => ({ ...c, mailMode: value === 'digest' ? 'digest' : 'immediate' }))
        }
      >
        <Stack gap={4} mt={4}>
          <Radio value="immediate" label={n.immediate} />
          <Radio value="digest" label={n.digest} />
        </Stack>
      </Radio.Group>
      {choice.mailMode === 'digest' && (
        <NumberInput
          label={n.digestMinutes}
          min={5}
          max={1440}
          maw={240}
          value={choice.digestMinutes}
          onChange={(value) =>
            setChoice((c) => ({ ...c, digestMinutes: typeof value === 'number' ? value : 30 }))
          }
        />
      )}
      <Switch
        label={n.desktop}
        checked={choice.desktop}
        onChange={(e) => {
          const on = e.currentTarget.checked;
          setChoice((c) => ({ ...c, desktop: on }));
          if (on && 'Notification' in window && Notification.permission === 'default')
            void Notification.requestPermission();
        }}
      />
      <div>
        <Button type="submit" loading={save.isPending}>
          {n.save}
        </Button>
      </div>
      {save.isSuccess && (
        <Alert color="green" role="status" py={6}>
          {n.saved}
        </Alert>
      )}
      <ApiErrorAlert error={save.error} />
    </Stack>
  );
}

export function NotificationPreferences() {
  const n = useNotificationsI18n();
  const preferences = useQuery({
    queryKey: notificationPreferencesKey,
    queryFn: () => notificationsApi.preferences(),
  });
  return (
    <Stack component="section" aria-labelledby="notification-heading" gap="sm">
      <Title order={2} fz="h4" id="notification-heading">
        {n.preferences}
      </Title>
      <Text size="sm">{n.preferencesIntro}</Text>
      {preferences.data && <PreferencesForm initial={preferences.data} />}
      <ApiErrorAlert error={preferences.error} />
    </Stack>
  );
}
