/**
 * CC and BCC (issue 19 §1): addresses typed then Enter, with suggestions from
 * the contacts (name, address, organisation) as the agent types.
 */
import { TagsInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { composerApi } from './composer-api.ts';
import { useComposerI18n } from './composer-i18n.ts';

export function AddressInput({
  label,
  value,
  onChange,
  maxTags = 20,
}: {
  label: string;
  value: string[];
  onChange: (value: string[]) => void;
  maxTags?: number;
}) {
  const t = useComposerI18n();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const suggestions = useQuery({
    queryKey: ['composer-addresses', debounced],
    queryFn: () => composerApi.addresses(debounced),
    enabled: debounced.trim().length >= 2,
    staleTime: 30_000,
  });
  const found = (suggestions.data?.suggestions ?? []).filter((s) => !value.includes(s.email));
  const labels = new Map(
    found.map((s) => [
      s.email,
      [s.name, `<${s.email}>`, s.organisation ? `· ${s.organisation}` : '']
        .filter(Boolean)
        .join(' '),
    ]),
  );
  return (
    <TagsInput
      size="xs"
      label={label}
      placeholder={value.length === 0 ? t.addressHint : undefined}
      value={value}
      onChange={(next) => onChange(next.map((a) => a.trim().toLowerCase()).filter(Boolean))}
      searchValue={search}
      onSearchChange={setSearch}
      data={found.map((s) => s.email)}
      renderOption={({ option }) => labels.get(option.value) ?? option.value}
      filter={({ options }) => options}
      maxTags={maxTags}
      splitChars={[',', ';', ' ']}
      acceptValueOnBlur
      clearable
    />
  );
}
