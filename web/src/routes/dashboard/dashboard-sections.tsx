/** The dashboard's blocks (issue 18 §5): the desk per mailbox, first responses, due times, agents, tags and fields. */
import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type {
  DashboardDto,
  DashboardMailboxDto,
  DashboardPeriodDto,
} from '@shared/dashboard-contracts.ts';
import { formatCount } from '@shared/reports/format.ts';
import type { ReactNode } from 'react';
import { followLink } from '../../router.ts';
import {
  dueDistance,
  responseShares,
  satisfaction,
  shortDuration,
  targetShare,
} from './dashboard-figures.ts';
import type { DashboardMessages } from './dashboard-i18n.ts';

type Props = { data: DashboardDto; m: DashboardMessages; now: number };

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" component="section" aria-label={title}>
      <Title order={2} size="h5" mb={6}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Figure({ label, value, tone }: { label: string; value: number; tone?: 'red' | 'orange' }) {
  return (
    <Stack gap={0} align="flex-start">
      <Text fz={26} fw={600} lh={1.1} c={value > 0 ? tone : undefined} data-figure={label}>
        {formatCount(value)}
      </Text>
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

/** Per mailbox: the open tickets by folder, late and near their due time, the longest waiting. */
export function DeskBlocks({ data, m, now }: Props) {
  return (
    <SimpleGrid
      cols={{ base: 1, sm: Math.min(3, Math.max(1, data.mailboxes.length)) }}
      spacing="sm"
    >
      {data.mailboxes.map((box) => (
        <Block key={box.id} title={`${box.name} — ${m.open}`}>
          <Group gap="lg" wrap="wrap">
            <Figure label={m.unassigned} value={box.open.unassigned} />
            <Figure label={m.assigned} value={box.open.assigned} />
            <Figure label={m.pending} value={box.open.pending} />
            <Figure label={m.overdue} value={box.open.overdue} tone="red" />
            <Figure label={m.dueNextHour} value={box.open.dueNextHour} tone="orange" />
          </Group>
          <Text fz="xs" mt={6} c="dimmed">
            {m.oldestWaiting} :{' '}
            {box.oldestWaiting ? (
              <a href={`/tickets/${box.oldestWaiting.number}`} onClick={followLink}>
                n° {box.oldestWaiting.number} « {box.oldestWaiting.subject} »,{' '}
                {m.since(shortDuration((now - Date.parse(box.oldestWaiting.since)) / 1000))}
              </a>
            ) : (
              m.noneWaiting
            )}
          </Text>
        </Block>
      ))}
    </SimpleGrid>
  );
}

function PeriodRow({
  box,
  label,
  p,
  m,
}: {
  box: DashboardMailboxDto;
  label: string;
  p: DashboardPeriodDto;
  m: DashboardMessages;
}) {
  const now = responseShares(p.firstResponse);
  const before = responseShares(p.previousFirstResponse);
  const cell = (value: string | null, previous: string | null) => (
    <Table.Td>
      <Text fz="sm" span fw={500}>
        {value ?? m.noValue}
      </Text>
      <Text fz={11} c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {m.vsPrevious(previous ?? m.noValue)}
      </Text>
    </Table.Td>
  );
  const target = targetShare(p.target);
  const rated = satisfaction(p.ratings);
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {box.name}
        <Text fz={11} c="dimmed">
          {label}
        </Text>
      </Table.Th>
      <Table.Td>{formatCount(p.firstResponse.tickets)}</Table.Td>
      <Table.Td>{formatCount(p.replies)}</Table.Td>
      {cell(now.under1h, before.under1h)}
      {cell(now.under2h, before.under2h)}
      {cell(now.under24h, before.under24h)}
      {p.target.measured === 0 && p.previousTarget.measured === 0 ? (
        <Table.Td>
          <Text fz="xs" c="dimmed">
            {m.noTarget}
          </Text>
        </Table.Td>
      ) : (
        cell(target, targetShare(p.previousTarget))
      )}
      <Table.Td>
        {p.resolution.medianSeconds === null
          ? m.noValue
          : shortDuration(p.resolution.medianSeconds)}
      </Table.Td>
      <Table.Td>
        {rated.share ?? m.noValue}
        {rated.count > 0 && (
          <Text fz={11} c="dimmed">
            {m.ratings(rated.count)}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Today's and this week's first responses against the targets and the same days a year earlier. */
export function ResponsesBlock({ data, m }: Props) {
  return (
    <Block title={`${m.responses} — ${m.previousYear(data.week.previousLabel.slice(-4))}`}>
      <Table.ScrollContainer minWidth={720}>
        <Table fz="sm" verticalSpacing={3} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr style={{ whiteSpace: 'nowrap' }}>
              <Table.Th>{m.mailbox}</Table.Th>
              <Table.Th>{m.tickets}</Table.Th>
              <Table.Th>{m.replies}</Table.Th>
              <Table.Th>{m.under1h}</Table.Th>
              <Table.Th>{m.under2h}</Table.Th>
              <Table.Th>{m.under24h}</Table.Th>
              <Table.Th>{m.target}</Table.Th>
              <Table.Th>{m.resolution}</Table.Th>
              <Table.Th>{m.satisfaction}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.mailboxes.flatMap((box) => [
              <PeriodRow key={`${box.id}-t`} box={box} label={m.today} p={box.today} m={m} />,
              <PeriodRow key={`${box.id}-w`} box={box} label={m.week} p={box.week} m={m} />,
            ])}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Block>
  );
}

/** The tickets due within the hour (and those already late), soonest first. */
export function DueSoonBlock({ data, m, now }: Props) {
  return (
    <Block title={m.dueSoon}>
      {data.dueSoon.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {m.noDueSoon}
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={2} horizontalSpacing="xs">
          <Table.Tbody>
            {data.dueSoon.map((t) => {
              const due = dueDistance(t.dueAt, now);
              return (
                <Table.Tr key={t.id}>
                  <Table.Td>
                    <Badge size="sm" variant="light" tt="none" color={due.late ? 'red' : 'orange'}>
                      {due.late ? m.late(due.text) : m.dueIn(due.text)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <a href={`/tickets/${t.number}`} onClick={followLink}>
                      n° {t.number}
                    </a>{' '}
                    {t.subject}
                    <Text fz={11} c="dimmed">
                      {t.mailboxName} · {m.dueKinds[t.dueKind]} ·{' '}
                      {t.assigneeName ?? m.unassignedName}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Block>
  );
}

/** This week per agent: replies, first responses and their median time, satisfaction. */
export function AgentsBlock({ data, m }: Props) {
  return (
    <Block title={m.agents}>
      {data.agents.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {m.noAgents}
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={2} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{m.agent}</Table.Th>
              <Table.Th>{m.replies}</Table.Th>
              <Table.Th>{m.firstResponses}</Table.Th>
              <Table.Th>{m.medianFirstResponse}</Table.Th>
              <Table.Th>{m.satisfaction}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.agents.map((a) => {
              const rated = satisfaction(a.ratings);
              return (
                <Table.Tr key={a.userId}>
                  <Table.Th scope="row" fw={500}>
                    {a.name}
                  </Table.Th>
                  <Table.Td>{formatCount(a.replies)}</Table.Td>
                  <Table.Td>{formatCount(a.firstResponses)}</Table.Td>
                  <Table.Td>
                    {a.medianFirstResponseSeconds === null
                      ? m.noValue
                      : shortDuration(a.medianFirstResponseSeconds)}
                  </Table.Td>
                  <Table.Td>
                    {rated.share ?? m.noValue}{' '}
                    {rated.count > 0 && (
                      <Text span fz={11} c="dimmed">
                        ({m.ratings(rated.count)})
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Block>
  );
}

/** This week's tickets per tag and per field value (the five most used values of each field). */
export function BreakdownBlocks({ data, m }: Props) {
  return (
    <Stack gap="sm">
      <Block title={m.tags}>
        {data.tags.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {m.noTags}
          </Text>
        ) : (
          <Group gap={6}>
            {data.tags.slice(0, 20).map((t) => (
              <Badge key={t.name} variant="default" size="md" tt="none">
                {t.name} · {formatCount(t.tickets)}
              </Badge>
            ))}
          </Group>
        )}
      </Block>
      <Block title={m.fields}>
        <Stack gap={4}>
          {data.mailboxes.flatMap((box) =>
            box.fields.map((field) => {
              const top = [...field.values]
                .filter((v) => v.count > 0)
                .sort((a, b) => b.count - a.count)
                .slice(0, 5);
              return (
                <Text key={field.id} fz="xs">
                  <Text span fw={600} fz="xs">
                    {box.name} · {field.label} :
                  </Text>{' '}
                  {top.length === 0 && field.missing === 0
                    ? m.noValue
                    : [
                        ...top.map((v) => `${v.label} ${formatCount(v.count)}`),
                        ...(field.missing > 0
                          ? [`${m.missing} ${formatCount(field.missing)}`]
                          : []),
                      ].join(' · ')}
                </Text>
              );
            }),
          )}
        </Stack>
      </Block>
    </Stack>
  );
}
