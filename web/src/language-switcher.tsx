import { NativeSelect } from '@mantine/core';
import { isLanguage, languages, useI18n } from './i18n.ts';

/**
 * A native <select>: labelled, keyboard-operable, announced by every screen
 * reader. `compact` (the app's header): the label is its accessible name only.
 */
export function LanguageSwitcher({ compact = false }: { compact?: boolean }) {
  const { language, t, setLanguage } = useI18n();
  return (
    <NativeSelect
      id="language-switcher"
      label={compact ? undefined : t.languageLabel}
      aria-label={compact ? t.languageLabel : undefined}
      size="xs"
      value={language}
      rightSectionProps={{ 'aria-hidden': true }}
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (isLanguage(value)) setLanguage(value);
      }}
    >
      {languages.map((value) => (
        <option key={value} value={value} lang={value}>
          {t.languageNames[value]}
        </option>
      ))}
    </NativeSelect>
  );
}
