/**
 * A compact multiple choice: a button that shows how many items are chosen and
 * opens a panel of checkboxes with a search box. A disclosure (not a popover
 * positioned by floating-ui) keeps it simple for keyboards and screen readers:
 * Tab through the checkboxes, Escape closes and gives the focus back.
 */
import { Box, Button, Checkbox, Input, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useClickOutside } from '@mantine/hooks';
import { type KeyboardEvent, useId, useRef, useState } from 'react';

import { type PickerGroup, visibleGroups } from './picker-search.ts';

export type { PickerGroup, PickerOption } from './picker-search.ts';

type CheckboxPickerProps = {
  label: string;
  /** "3 sélectionnés" / "Tous" … from the caller's language. */
  summary: (chosen: number) => string;
  searchLabel: string;
  groups: PickerGroup[];
  value: string[];
  onChange: (value: string[]) => void;
  width?: number;
};

export function CheckboxPicker(props: CheckboxPickerProps) {
  const { label, summary, searchLabel, groups, value, onChange, width = 300 } = props;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const toggle = useRef<HTMLButtonElement>(null);
  const box = useClickOutside(() => setOpen(false));

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      close();
    }
  };
  const visible = visibleGroups(groups, search);

  return (
    <Box ref={box} pos="relative" onKeyDown={onKeyDown}>
      {/* Named by the label and the summary: "Départements, Tous". */}
      <Input.Label id={`${id}-label`} display="block">
        {label}
      </Input.Label>
      <Button
        ref={toggle}
        id={`${id}-toggle`}
        variant="default"
        aria-labelledby={`${id}-label ${id}-toggle`}
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((current) => !current)}
        rightSection={<span aria-hidden="true">{open ? '▴' : '▾'}</span>}
        w={Math.min(width, 260)}
        styles={{ inner: { justifyContent: 'space-between' } }}
      >
        {summary(value.length)}
      </Button>
      <Paper
        id={`${id}-panel`}
        // Mantine's display rules beat the [hidden] attribute: hide with a style too.
        hidden={!open}
        display={open ? undefined : 'none'}
        withBorder
        shadow="md"
        p="sm"
        pos="absolute"
        top="100%"
        left={0}
        w={width}
        mt={4}
        style={{ zIndex: 20 }}
      >
        <Stack gap="xs">
          <TextInput
            size="xs"
            label={searchLabel}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
          <Checkbox.Group value={value} onChange={onChange} aria-label={label}>
            <Stack gap={6} mah={260} style={{ overflowY: 'auto' }} p={2}>
              {visible.map((group) => (
                <Stack key={group.group} gap={4} role="group" aria-label={group.group || label}>
                  {group.group && (
                    <Text size="xs" fw={700} c="dimmed">
                      {group.group}
                    </Text>
                  )}
                  {group.items.map((item) => (
                    <Checkbox key={item.value} value={item.value} label={item.label} size="sm" />
                  ))}
                </Stack>
              ))}
            </Stack>
          </Checkbox.Group>
        </Stack>
      </Paper>
    </Box>
  );
}
