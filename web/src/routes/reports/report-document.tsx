/**
 * The activity report as a page, in the order of the printed document: part
 * headings, sections with their texts, tables and charts, then the
 * "Définitions" appendix. Sections with an editable text get an edit button.
 */
import { Alert, Box, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { DrillTarget, ReportDto } from '@shared/contracts.ts';
import type {
  ActivityReport,
  ReportBlock,
  ReportSection,
} from '@shared/reports/model/activity-report-types.ts';
import { sectionHeading } from '@shared/reports/render/format-cell.ts';
import { chartTableId, ReportChart } from './report-chart.tsx';
import { ReportTableView } from './report-table.tsx';
import { useReportsI18n } from './reports-i18n.ts';

type DocumentProps = {
  data: ReportDto;
  /** Sections whose text the user may edit ("1A", "3C", …); empty for viewers. */
  editable: ReadonlySet<string>;
  onEdit: (section: ReportSection) => void;
  onDrill: (label: string, target: DrillTarget, period?: string) => void;
};

export function ReportDocument({ data, editable, onEdit, onDrill }: DocumentProps) {
  const { r } = useReportsI18n();
  const { report } = data;
  return (
    <Stack component="article" aria-labelledby="report-title" gap="xl">
      <Box>
        {report.heading.map((line) => (
          <Text key={line} c="dimmed" size="sm">
            {line}
          </Text>
        ))}
        <Title order={2} id="report-title">
          {report.title}
        </Title>
      </Box>
      {report.emptyNotice ? (
        <Alert color="blue" title={r.emptyTitle}>
          {report.emptyNotice}
        </Alert>
      ) : (
        report.parts.map((part) => (
          <Stack key={part.number} component="section" aria-labelledby={`part-${part.number}`}>
            <Title order={3} id={`part-${part.number}`} c="blue.9">
              {`${part.number} - ${part.title}`}
            </Title>
            {report.sections
              .filter((section) => section.part === part.number)
              .map((section) => (
                <SectionView
                  key={section.id}
                  section={section}
                  data={data}
                  editable={editable.has(section.id)}
                  onEdit={() => onEdit(section)}
                  onDrill={onDrill}
                />
              ))}
          </Stack>
        ))
      )}
      <Definitions report={report} />
    </Stack>
  );
}

type SectionProps = {
  section: ReportSection;
  data: ReportDto;
  editable: boolean;
  onEdit: () => void;
  onDrill: (label: string, target: DrillTarget, period?: string) => void;
};

function SectionView({ section, data, editable, onEdit, onDrill }: SectionProps) {
  const { r } = useReportsI18n();
  const headingId = `section-${section.id}`;
  return (
    <Stack
      component="section"
      aria-labelledby={headingId}
      gap="md"
      pt="md"
      data-section={section.id}
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Group justify="space-between" align="center" wrap="wrap">
        <Title order={4} id={headingId}>
          {sectionHeading(section)}
        </Title>
        {editable && (
          <Button size="xs" variant="light" onClick={onEdit}>
            {r.editText(section.id)}
          </Button>
        )}
      </Group>
      {section.blocks.map((block, index) => (
        <BlockView
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks keep their order within a section
          key={index}
          block={block}
          data={data}
          onDrill={onDrill}
        />
      ))}
    </Stack>
  );
}

function BlockView({
  block,
  data,
  onDrill,
}: {
  block: ReportBlock;
  data: ReportDto;
  onDrill: (label: string, target: DrillTarget, period?: string) => void;
}) {
  switch (block.kind) {
    case 'text':
      return (
        <Stack gap="xs" maw={800}>
          {block.paragraphs.map((paragraph, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs are plain text in order
            <Text key={index} style={{ whiteSpace: 'pre-line' }}>
              {paragraph}
            </Text>
          ))}
        </Stack>
      );
    case 'table':
      return (
        <ReportTableView table={block.table} drill={data.drill[block.table.id]} onDrill={onDrill} />
      );
    case 'chart':
      return (
        <ReportChart
          chart={block.chart}
          drill={data.drill[chartTableId(block.chart)]}
          previous={data.previousPeriod}
          onDrill={onDrill}
        />
      );
  }
}

function Definitions({ report }: { report: ActivityReport }) {
  const { r } = useReportsI18n();
  if (report.definitions.length === 0) return null;
  return (
    <Stack
      component="section"
      aria-labelledby="report-definitions"
      gap="sm"
      pt="md"
      style={{ borderTop: '2px solid var(--mantine-color-gray-4)' }}
    >
      <Title order={3} id="report-definitions">
        {r.definitionsHeading}
      </Title>
      <Box component="dl" m={0}>
        {report.definitions.map((definition) => (
          <Box key={definition.term} mb="sm">
            <Text component="dt" fw={700}>
              {definition.term}
            </Text>
            <Text component="dd" ml="md">
              {definition.text}
            </Text>
          </Box>
        ))}
      </Box>
    </Stack>
  );
}
