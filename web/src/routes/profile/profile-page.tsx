/**
 * The agent's own profile (issue 6 §5): the signature added under their
 * e-mail replies and the language of their screens; their display
 * preferences (issue 15 §5); their API tokens (issue 21 §1). Saving the language
 * switches the app at once and is what the app uses after every login.
 */
import { Alert, Button, Loader, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import type { ProfileDto } from '@shared/directory-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { profileApi } from '../../api/directory.ts';
import { mayOpen } from '../../app-routes.ts';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { isLanguage, languages, useI18n } from '../../i18n.ts';
import { sessionKey } from '../../session.ts';
import { profileKey } from '../../shell/preferences.ts';
import { NotificationPreferences } from '../notifications/notification-preferences.tsx';
import { ApiTokensSection } from './api-tokens-section.tsx';
import { DisplayPreferences } from './display-preferences.tsx';

const texts = {
  fr: {
    title: 'Mon profil',
    intro: 'Votre signature termine chacune de vos réponses envoyées par e-mail.',
    signature: 'Signature',
    signatureHint: 'Texte simple, 5 000 caractères au plus.',
    language: 'Langue de l’interface',
    save: 'Enregistrer',
    saved: 'Profil enregistré.',
  },
  en: {
    title: 'My profile',
    intro: 'Your signature ends every reply you send by e-mail.',
    signature: 'Signature',
    signatureHint: 'Plain text, at most 5,000 characters.',
    language: 'Interface language',
    save: 'Save',
    saved: 'Profile saved.',
  },
};

export function ProfilePage() {
  const { language, t } = useI18n();
  const p = texts[language];
  const profile = useQuery({ queryKey: profileKey, queryFn: () => profileApi.get() });
  const role = useQueryClient().getQueryData<SessionDto | null>(sessionKey)?.user.role;
  useEffect(() => {
    document.title = `${p.title} — ${t.appName}`;
  }, [p, t]);
  return (
    <Stack component="section" aria-labelledby="profile-heading" gap="md" maw={640}>
      <Title order={1} id="profile-heading">
        {p.title}
      </Title>
      <Text>{p.intro}</Text>
      {profile.isPending && <Loader aria-label={t.loading} role="status" />}
      {profile.isError && (
        <Alert color="red" role="alert">
          {t.loadFailed}
        </Alert>
      )}
      {profile.data && <ProfileForm profile={profile.data} />}
      {profile.data && <DisplayPreferences profile={profile.data} />}
      {role && <ApiTokensSection role={role} />}
      {profile.data && role && mayOpen(role, 'agent') && <NotificationPreferences />}
    </Stack>
  );
}

function ProfileForm({ profile }: { profile: ProfileDto }) {
  const { language, t, setLanguage } = useI18n();
  const p = texts[language];
  const queryClient = useQueryClient();
  const [signature, setSignature] = useState(profile.signature ?? '');
  const [chosen, setChosen] = useState(profile.language);
  const save = useMutation({
    mutationFn: () =>
      profileApi.update({
        signature: signature.trim() === '' ? null : signature,
        language: chosen,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(profileKey, saved);
      // The session carries the account's language: the app follows it now and after login.
      queryClient.setQueryData<SessionDto | null>(sessionKey, (session) =>
        session ? { ...session, user: { ...session.user, language: saved.language } } : session,
      );
      setLanguage(saved.language);
      setSignature(saved.signature ?? '');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!save.isPending) save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Textarea
          label={p.signature}
          description={p.signatureHint}
          value={signature}
          onChange={(e) => {
            setSignature(e.currentTarget.value);
            save.reset();
          }}
          maxLength={5000}
          autosize
          minRows={4}
        />
        <NativeSelect
          label={p.language}
          value={chosen}
          rightSectionProps={{ 'aria-hidden': true }}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (isLanguage(value)) setChosen(value);
            save.reset();
          }}
        >
          {languages.map((value) => (
            <option key={value} value={value} lang={value}>
              {t.languageNames[value]}
            </option>
          ))}
        </NativeSelect>
        <div>
          <Button type="submit" loading={save.isPending}>
            {p.save}
          </Button>
        </div>
        {save.isSuccess && (
          <Alert color="green" role="status">
            {p.saved}
          </Alert>
        )}
        <ApiErrorAlert error={save.error} />
      </Stack>
    </form>
  );
}
