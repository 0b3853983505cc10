/** The checkbox picker's search (checkbox-picker.tsx): accents and case aside. Pure. */

export type PickerOption = { value: string; label: string };
export type PickerGroup = { group: string; items: PickerOption[] };

/** Text without accents, in lower case: "Côtes-d’Armor" → "cotes-d’armor". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Whether an option's label holds the search, accents and case aside (an empty search: all). */
export function matchesSearch(option: PickerOption, search: string): boolean {
  return fold(option.label).includes(fold(search.trim()));
}

/** The groups with only their matching options, the groups left empty dropped. */
export function visibleGroups(groups: PickerGroup[], search: string): PickerGroup[] {
  return groups
    .map((group) => ({
      ...group,
      items: group.items.filter((item) => matchesSearch(item, search)),
    }))
    .filter((group) => group.items.length > 0);
}
