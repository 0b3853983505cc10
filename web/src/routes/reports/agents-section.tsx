/**
 * Satisfaction per agent on the reports page (issue 18 §6): replies, first
 * responses, their median time and the ratings of each agent's replies over the
 * view's period and filters (GET /api/reports/agents, the dashboard's metric).
 * Shown to the team (agents and above); never exported nor published.
 */
import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReportAgentsDto } from '@shared/dashboard-contracts.ts';
import { formatCount } from '@shared/reports/format.ts';
import { useQuery } from '@tanstack/react-query';
import { request } from '../../api/client.ts';
import { satisfaction, shortDuration } from '../dashboard/dashboard-figures.ts';
import { type ReportView, viewQuery } from './report-query.ts';
import { useReportsI18n } from './reports-i18n.ts';

export function AgentsSection({ view }: { view: ReportView }) {
  const { r } = useReportsI18n();
  const query = viewQuery({ ...view, targets: false });
  const agents = useQuery({
    queryKey: ['reports', 'agents', query],
    queryFn: () => request<ReportAgentsDto>('GET', `/api/reports/agents?${query}`),
  });
  if (!agents.data) return null;
  const c = r.agentColumns;
  return (
    <Paper component="section" withBorder p="md" aria-labelledby="report-agents">
      <Stack gap="xs">
        <Title order={2} size="h3" id="report-agents">
          {r.agentsTitle}
        </Title>
        <Text fz="sm" c="dimmed">
          {r.agentsIntro}
        </Text>
        {agents.data.agents.length === 0 ? (
          <Text fz="sm">{r.agentsNone}</Text>
        ) : (
          <Table fz="sm" verticalSpacing={4} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{c.agent}</Table.Th>
                <Table.Th>{c.replies}</Table.Th>
                <Table.Th>{c.firstResponses}</Table.Th>
                <Table.Th>{c.median}</Table.Th>
                <Table.Th>{c.satisfaction}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agents.data.agents.map((a) => {
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
                        ? '—'
                        : shortDuration(a.medianFirstResponseSeconds)}
                    </Table.Td>
                    <Table.Td>
                      {rated.share ?? '—'}
                      {rated.count > 0 ? ` (${formatCount(rated.count)})` : ''}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
