/** Download links of the current report view, one per export format. */
import { Button, Group, Text } from '@mantine/core';
import { type ExportFormat, exportHref, type ReportView } from './report-query.ts';
import { useReportsI18n } from './reports-i18n.ts';

const formats: ExportFormat[] = ['pdf', 'pptx', 'xlsx', 'csv', 'json'];

export function ExportLinks({ view }: { view: ReportView }) {
  const { r } = useReportsI18n();
  return (
    <Group gap="xs" align="center" wrap="wrap" role="group" aria-labelledby="report-export-label">
      <Text id="report-export-label" size="sm" fw={600}>
        {r.exportLabel}
      </Text>
      {formats.map((format) => (
        <Button
          key={format}
          component="a"
          href={exportHref(view, format)}
          download
          variant="default"
          size="xs"
          data-format={format}
        >
          {r.exportFormat(format)}
        </Button>
      ))}
    </Group>
  );
}
