import { NativeSelect } from '@mantine/core';
import { isLanguage, languages, useI18n } from './i18n.ts';

/** A native <select>: labelled, keyboard-operable, announced by every screen reader. */
export function LanguageSwitcher() {
  const { language, t, setLanguage } = useI18n();
  return (
    <NativeSelect
      id="language-switcher"
      label={t.languageLabel}
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
