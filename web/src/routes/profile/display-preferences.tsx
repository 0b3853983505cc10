/**
 * The user's display preferences (issue 15 §5): light or dark, comfortable or
 * compact lists. Each choice is saved at once with the account and applies to
 * the whole app (shell/preferences.ts reads the same profile).
 */
import { Alert, Group, Radio, Stack, Title } from '@mantine/core';
import {
  type ColorSchemeName,
  colorSchemes,
  type DensityName,
  densities,
  type ProfileDto,
} from '@shared/directory-contracts.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { profileApi } from '../../api/directory.ts';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { profileKey } from '../../shell/preferences.ts';
import { useShellI18n } from '../../shell/shell-i18n.ts';

type Preferences = { colorScheme?: ColorSchemeName; density?: DensityName };

export function DisplayPreferences({ profile }: { profile: ProfileDto }) {
  const s = useShellI18n();
  const queryClient = useQueryClient();
  // The choice shows in the same render as the click (the mutation's onMutate runs a tick later).
  const [chosen, setChosen] = useState<Preferences>({});
  const save = useMutation({
    mutationFn: (input: Preferences) => profileApi.update(input),
    // Applied to the whole app at once; the server's answer (or the profile read again on failure) follows.
    onMutate: (input) =>
      queryClient.setQueryData<ProfileDto>(profileKey, (current) =>
        current ? { ...current, ...input } : current,
      ),
    onSuccess: (saved) => queryClient.setQueryData(profileKey, saved),
    onError: () => {
      setChosen({});
      void queryClient.invalidateQueries({ queryKey: profileKey });
    },
  });
  const choose = (input: Preferences) => {
    setChosen((before) => ({ ...before, ...input }));
    save.mutate(input);
  };
  return (
    <Stack component="section" aria-labelledby="display-heading" gap="sm">
      <Title order={2} fz="h4" id="display-heading">
        {s.display}
      </Title>
      <Radio.Group
        label={s.appearance}
        value={chosen.colorScheme ?? profile.colorScheme}
        onChange={(value) => choose({ colorScheme: value as ColorSchemeName })}
      >
        <Group gap="md" mt={4}>
          {colorSchemes.map((value) => (
            <Radio key={value} value={value} label={s.colorSchemes[value]} />
          ))}
        </Group>
      </Radio.Group>
      <Radio.Group
        label={s.density}
        value={chosen.density ?? profile.density}
        onChange={(value) => choose({ density: value as DensityName })}
      >
        <Group gap="md" mt={4}>
          {densities.map((value) => (
            <Radio key={value} value={value} label={s.densities[value]} />
          ))}
        </Group>
      </Radio.Group>
      {save.isSuccess && (
        <Alert color="green" role="status" py={6}>
          {s.preferencesSaved}
        </Alert>
      )}
      <ApiErrorAlert error={save.error} />
    </Stack>
  );
}
