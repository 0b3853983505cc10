/**
 * The first-run checklist (issue 15 §1), at /setup: each step of setting the
 * desk up with its state (fait, à faire, en échec), what it counts and a link
 * to the page that does it. Computed by the server (GET /api/setup).
 */
import {
  Alert,
  Anchor,
  Badge,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { SetupItemKey, SetupState } from '@shared/setup-contracts.ts';
import { fieldsPath, mailSettingsPath } from '../../app-routes.ts';
import { followLink } from '../../router.ts';
import { useSetupI18n } from './setup-i18n.ts';
import { useSetupChecklist } from './use-setup.ts';

/** Where each step is done. */
const links: Record<SetupItemKey, string> = {
  addresses: mailSettingsPath,
  outgoing: mailSettingsPath,
  incoming: mailSettingsPath,
  fields: fieldsPath,
  directory: '/directory',
  helpCentre: '/help-centre',
  users: '/users',
};

/** Black text on light colours: the light variant's own text fails WCAG AA contrast. */
const stateColors: Record<SetupState, string> = { done: 'green', todo: 'yellow', failing: 'red' };

export function SetupChecklistPage() {
  const { s } = useSetupI18n();
  const checklist = useSetupChecklist();
  const total = checklist.data?.mailboxes.length ?? 0;
  return (
    <Stack gap="md">
      <Title order={1}>{s.checklistTitle}</Title>
      <Text size="sm">{s.checklistIntro}</Text>
      {checklist.isPending && <Loader aria-label="…" role="status" />}
      {checklist.isError && (
        <Alert color="red" role="alert">
          {s.loadFailed}
        </Alert>
      )}
      {checklist.data?.complete && (
        <Alert color="green" role="status">
          {s.checklistDone}
        </Alert>
      )}
      {checklist.data && (
        <Paper withBorder>
          <Table verticalSpacing="xs" aria-label={s.checklistTitle}>
            <Table.Tbody>
              {checklist.data.items.map((item) => (
                <Table.Tr key={item.key}>
                  <Table.Th scope="row" w="32%">
                    {s.items[item.key].label}
                    <Text size="xs" fw={400} c="dimmed">
                      {s.items[item.key].hint}
                    </Text>
                  </Table.Th>
                  <Table.Td w="14%">
                    <Badge variant="light" c="black" color={stateColors[item.state]}>
                      {s.states[item.state]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.countOf(item.key, item.count, total)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group justify="flex-end">
                      <Anchor href={links[item.key]} onClick={followLink} size="sm">
                        {s.items[item.key].link}
                      </Anchor>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
