/**
 * The dashboard of today (issue 18 §5): supervisors' home, a page for agents
 * too. One read (GET /api/dashboard) kept fresh by the live stream (the shell's
 * use-live.ts invalidates ['dashboard'] on every ticket event) and every minute
 * for what moves with time alone (due within the hour). "Écran mural" shows it
 * alone on the whole screen, larger, for a screen on the wall. Loaded on demand.
 */
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { DashboardDto } from '@shared/dashboard-contracts.ts';
import { chartOption, isEmptyChart } from '@shared/reports/render/chart-options.ts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { request } from '../../api/client.ts';
import { EChart } from '../../components/echart.tsx';
import { openChart, sharesChart } from './dashboard-figures.ts';
import { useDashboardI18n } from './dashboard-i18n.ts';
import {
  AgentsBlock,
  BreakdownBlocks,
  DeskBlocks,
  DueSoonBlock,
  ResponsesBlock,
} from './dashboard-sections.tsx';

export const dashboardKey = ['dashboard'] as const;

function useDashboard(clock: 'calendar' | 'business') {
  return useQuery({
    queryKey: [...dashboardKey, clock],
    queryFn: () => request<DashboardDto>('GET', `/api/dashboard?clock=${clock}`),
    refetchInterval: 60_000,
    placeholderData: (previous) => previous,
  });
}

/** The wall screen: the page alone over the whole window, and the browser's full screen when allowed. */
function useWallScreen(): [boolean, (on: boolean) => void] {
  const [wall, setWall] = useState(false);
  useEffect(() => {
    if (!wall) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setWall(false);
    };
    const onFullScreen = () => {
      if (!document.fullscreenElement) setWall(false);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullScreen);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullScreen);
    };
  }, [wall]);
  const toggle = (on: boolean) => {
    setWall(on);
    if (on) document.documentElement.requestFullscreen?.().catch(() => {});
    else if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  };
  return [wall, toggle];
}

export function DashboardPage() {
  const m = useDashboardI18n();
  const [business, setBusiness] = useState(false);
  const query = useDashboard(business ? 'business' : 'calendar');
  const [wall, setWall] = useWallScreen();
  const data = query.data;
  const now = data ? Date.parse(data.generatedAt) : Date.now();
  const charts = useMemo(() => {
    if (!data) return [];
    return [
      sharesChart(data.mailboxes, {
        title: m.chartShares,
        target: m.target,
        previousSuffix: data.week.previousLabel.slice(-4),
      }),
      openChart(data.mailboxes, {
        title: m.chartOpen,
        unassigned: m.unassigned,
        assigned: m.assigned,
        pending: m.pending,
      }),
    ].filter((spec) => !isEmptyChart(spec));
  }, [data, m]);

  const time = data
    ? new Date(data.generatedAt).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' })
    : '';
  const body = (
    <Stack gap="sm">
      <Group justify="space-between" align="center" wrap="wrap">
        <Group gap="sm" align="baseline">
          <Title order={1} size={wall ? 'h2' : 'h3'}>
            {m.title}
          </Title>
          {data && (
            <Text fz="xs" c="dimmed" data-testid="dashboard-updated">
              {m.updated(time)}
            </Text>
          )}
        </Group>
        <Group gap="sm">
          <Checkbox
            size="xs"
            label={m.businessHours}
            checked={business}
            onChange={(event) => setBusiness(event.currentTarget.checked)}
          />
          <Button size="xs" variant={wall ? 'filled' : 'default'} onClick={() => setWall(!wall)}>
            {wall ? m.wallOff : m.wallOn}
          </Button>
        </Group>
      </Group>
      {query.error && <Alert color="red">{String(query.error.message)}</Alert>}
      {!data ? (
        <Group gap="xs">
          <Loader size="sm" />
          <Text fz="sm">{m.loading}</Text>
        </Group>
      ) : data.mailboxes.length === 0 ? (
        <Text>{m.empty}</Text>
      ) : (
        <>
          <DeskBlocks data={data} m={m} now={now} />
          <ResponsesBlock data={data} m={m} now={now} />
          <SimpleGrid cols={{ base: 1, md: 2, lg: 1 + charts.length }} spacing="sm">
            <DueSoonBlock data={data} m={m} now={now} />
            {charts.map((spec) => (
              <EChart
                key={spec.id}
                option={chartOption(spec)}
                height={wall ? 280 : 240}
                label={spec.title}
              />
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
            <AgentsBlock data={data} m={m} now={now} />
            <BreakdownBlocks data={data} m={m} now={now} />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
  if (!wall) return body;
  return (
    <Box
      data-wall="on"
      pos="fixed"
      inset={0}
      p="md"
      bg="var(--mantine-color-body)"
      style={{ zIndex: 400, overflow: 'auto', fontSize: '1.1rem' }}
    >
      {body}
    </Box>
  );
}
