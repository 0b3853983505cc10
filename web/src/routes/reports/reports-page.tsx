/**
 * The reports page (/reports): choose a period and filters (kept in the URL,
 * so a view can be shared), read the activity report with its tables and
 * interactive charts, open the tickets behind a figure, download the exports;
 * supervisors also edit the texts and publish the year.
 */
import { Alert, Button, Checkbox, Fieldset, Group, Loader, Stack, Title } from '@mantine/core';
import type { ReportDto, ReportTextsDto, SessionDto } from '@shared/contracts.ts';
import type { ReportSection } from '@shared/reports/model/activity-report-types.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError, isUnauthenticated } from '../../api/client.ts';
import { reportKeys, reportsApi } from '../../api/reports.ts';
import { navigate, useLocation } from '../../router.ts';
import { AgentsSection } from './agents-section.tsx';
import { DeflectionSection } from './deflection-section.tsx';
import { type Drill, DrillDrawer } from './drill-drawer.tsx';
import { ExportLinks } from './export-links.tsx';
import { PeriodPicker } from './period-picker.tsx';
import { PublicationBanner, PublishButton } from './publication.tsx';
import { ReportDocument } from './report-document.tsx';
import { ReportFilters } from './report-filters.tsx';
import { parseView, type ReportView, viewQuery } from './report-query.ts';
import { useReportsI18n } from './reports-i18n.ts';
import { TextEditorModal } from './text-editor-modal.tsx';
import { openingYear } from './year-choices.ts';

/**
 * Sections whose text a supervisor edits: those the texts API knows, else the
 * mailbox parts' preambles ("1A", "2A") and every section of the last part
 * (the assessments' comments, "3A"–"3C").
 */
export function editableSections(data: ReportDto, texts: ReportTextsDto | undefined): Set<string> {
  if (!data.canEdit) return new Set();
  const lastPart = Math.max(0, ...data.report.parts.map((part) => part.number));
  const known = new Set([
    ...Object.keys(texts?.defaults ?? {}),
    ...Object.keys(texts?.texts ?? {}),
  ]);
  return new Set(
    data.report.sections
      .filter(
        (section) =>
          known.has(section.id) ||
          (section.part === lastPart ? true : section.id === `${section.part}A`),
      )
      .filter((section) => section.blocks.some((block) => block.kind === 'text'))
      .map((section) => section.id),
  );
}

export function ReportsPage({ session }: { session: SessionDto }) {
  const { t, r } = useReportsI18n();
  const { search } = useLocation();
  const filters = useQuery({ queryKey: reportKeys.filters, queryFn: () => reportsApi.filters() });
  // Without a period in the URL, the report waits for the years that have data.
  const periodGiven = new URLSearchParams(search).has('period');
  const years = filters.data?.years;
  const view = parseView(
    search,
    new Date(),
    years === undefined ? undefined : String(openingYear(years)),
  );
  const query = viewQuery(view);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [editing, setEditing] = useState<ReportSection | null>(null);

  const setView = (next: Partial<ReportView>) =>
    navigate(`/reports?${viewQuery({ ...view, ...next })}`);

  const report = useQuery({
    queryKey: reportKeys.report(query),
    queryFn: () => reportsApi.report(query),
    placeholderData: keepPreviousData,
    enabled: periodGiven || !filters.isPending,
  });
  const year = report.data?.report.year;
  const canEdit = report.data?.canEdit === true && session.user.role !== 'viewer';
  const texts = useQuery({
    queryKey: reportKeys.texts(year ?? 0),
    queryFn: () => reportsApi.texts(year ?? 0),
    enabled: canEdit && year !== undefined,
  });
  // Publishing freezes the whole year in calendar time: offered on that view only.
  const wholeYear =
    view.mailbox.length + view.departement.length + view.value.length === 0 &&
    view.organisation === undefined &&
    view.clock === 'calendar';

  return (
    <Stack gap="lg">
      <Title order={1}>{r.pageTitle}</Title>
      <Stack role="search" aria-label={r.viewLabel} gap="sm">
        <Fieldset legend={r.periodLegend}>
          <PeriodPicker
            period={view.period}
            years={years ?? []}
            clock={view.clock}
            onPeriod={(period) => setView({ period })}
            onClock={(clock) => setView({ clock })}
          />
          <Checkbox
            mt="xs"
            label={r.targetsSection}
            checked={view.targets === true}
            onChange={(event) => setView({ targets: event.currentTarget.checked })}
          />
        </Fieldset>
        {filters.isSuccess && (
          <Fieldset legend={r.filtersLegend}>
            <ReportFilters filters={filters.data} view={view} onChange={setView} />
          </Fieldset>
        )}
      </Stack>
      <Group justify="space-between" align="center" wrap="wrap" gap="md">
        <ExportLinks view={view} />
        {canEdit && wholeYear && report.data?.period.kind === 'year' && year !== undefined && (
          <PublishButton year={year} />
        )}
      </Group>
      {report.isFetching && <Loader size="sm" aria-label={t.loading} role="status" />}
      {report.isError && !isUnauthenticated(report.error) && (
        <Alert color="red" role="alert">
          <Stack gap="xs" align="flex-start">
            <span>
              {isApiError(report.error) && report.error.status === 400
                ? `${r.invalidQuery} ${report.error.message}`
                : r.loadFailed}
            </span>
            <Button size="xs" variant="white" onClick={() => void report.refetch()}>
              {t.retry}
            </Button>
          </Stack>
        </Alert>
      )}
      {report.data?.publication && <PublicationBanner publication={report.data.publication} />}
      {report.data && (
        <ReportDocument
          data={report.data}
          editable={canEdit ? editableSections(report.data, texts.data) : new Set()}
          onEdit={setEditing}
          onDrill={(label, target, period) => setDrill({ label, target, period })}
        />
      )}
      {report.data && session.user.role !== 'viewer' && <AgentsSection view={view} />}
      {report.data && (
        <DeflectionSection from={report.data.period.from} to={report.data.period.to} />
      )}
      <DrillDrawer
        view={view}
        drill={drill}
        onClose={() => setDrill(null)}
        linkTickets={session.user.role !== 'viewer'}
      />
      {year !== undefined && (
        <TextEditorModal year={year} section={editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}
