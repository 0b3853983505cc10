/**
 * The period of the report: a year (default: the latest with data, see openingYear), a quarter, a
 * month or two dates, and the business-hours switch. Native selects and date
 * inputs: labelled, keyboard-operable, announced by every screen reader.
 */
import { Group, NativeSelect, Switch, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import {
  type Clock,
  type PeriodKind,
  type PeriodParts,
  periodParts,
  periodString,
} from './report-query.ts';
import { useReportsI18n } from './reports-i18n.ts';
import { yearChoices } from './year-choices.ts';

const kinds: PeriodKind[] = ['year', 'quarter', 'month', 'range'];

type PeriodPickerProps = {
  period: string;
  /** The years that have tickets, newest first. */
  years: readonly number[];
  clock: Clock;
  onPeriod: (period: string) => void;
  onClock: (clock: Clock) => void;
};

export function PeriodPicker({ period, years, clock, onPeriod, onClock }: PeriodPickerProps) {
  const { r } = useReportsI18n();
  const parts = periodParts(period);
  // A custom range applies only once both dates make sense; until then it is a draft.
  const [range, setRange] = useState({ from: parts.from, to: parts.to });
  useEffect(() => {
    const current = periodParts(period);
    setRange({ from: current.from, to: current.to });
  }, [period]);

  const change = (next: Partial<PeriodParts>) => onPeriod(periodString({ ...parts, ...next }));
  const rangeValid = range.from !== '' && range.to !== '' && range.from <= range.to;
  const setDate = (key: 'from' | 'to', value: string) => {
    const next = { ...range, [key]: value };
    setRange(next);
    if (next.from !== '' && next.to !== '' && next.from <= next.to)
      change({ kind: 'range', ...next });
  };

  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      <NativeSelect
        id="report-period-kind"
        label={r.periodKindLabel}
        value={parts.kind}
        rightSectionProps={{ 'aria-hidden': true }}
        onChange={(event) => {
          const kind = event.currentTarget.value as PeriodKind;
          if (kind === 'range') {
            change({ kind, from: `${parts.year}-01-01`, to: `${parts.year}-12-31` });
          } else change({ kind });
        }}
      >
        {kinds.map((kind) => (
          <option key={kind} value={kind}>
            {r.periodKinds[kind]}
          </option>
        ))}
      </NativeSelect>
      {parts.kind !== 'range' && (
        <NativeSelect
          id="report-year"
          label={r.yearLabel}
          value={String(parts.year)}
          rightSectionProps={{ 'aria-hidden': true }}
          onChange={(event) => change({ year: Number(event.currentTarget.value) })}
        >
          {yearChoices(parts.year, years, new Date().getFullYear()).map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </NativeSelect>
      )}
      {parts.kind === 'quarter' && (
        <NativeSelect
          id="report-quarter"
          label={r.quarterLabel}
          value={String(parts.quarter)}
          rightSectionProps={{ 'aria-hidden': true }}
          onChange={(event) => change({ quarter: Number(event.currentTarget.value) })}
        >
          {[1, 2, 3, 4].map((quarter) => (
            <option key={quarter} value={quarter}>
              {r.quarterName(quarter)}
            </option>
          ))}
        </NativeSelect>
      )}
      {parts.kind === 'month' && (
        <NativeSelect
          id="report-month"
          label={r.monthLabel}
          value={String(parts.month)}
          rightSectionProps={{ 'aria-hidden': true }}
          onChange={(event) => change({ month: Number(event.currentTarget.value) })}
        >
          {r.monthNames.map((name, index) => (
            <option key={name} value={index + 1}>
              {name}
            </option>
          ))}
        </NativeSelect>
      )}
      {parts.kind === 'range' && (
        <>
          <TextInput
            id="report-from"
            type="date"
            label={r.fromLabel}
            value={range.from}
            onChange={(event) => setDate('from', event.currentTarget.value)}
          />
          <TextInput
            id="report-to"
            type="date"
            label={r.toLabel}
            value={range.to}
            error={rangeValid ? undefined : r.rangeInvalid}
            onChange={(event) => setDate('to', event.currentTarget.value)}
          />
        </>
      )}
      <Switch
        id="report-business-hours"
        label={r.businessHours}
        checked={clock === 'business'}
        onChange={(event) => onClock(event.currentTarget.checked ? 'business' : 'calendar')}
        mb={8}
      />
    </Group>
  );
}
