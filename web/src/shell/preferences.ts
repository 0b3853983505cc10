/**
 * The user's display preferences (issue 15 §5), kept with their account:
 * the colour scheme (Mantine's, applied to the whole app) and the density of
 * the lists (a context read by the rows). Read once from the profile; a
 * choice on the profile page updates the same cache and so applies at once.
 */
import { useMantineColorScheme } from '@mantine/core';
import type { DensityName, ProfileDto } from '@shared/directory-contracts.ts';
import { useQuery } from '@tanstack/react-query';
import { type CSSProperties, createContext, useContext, useEffect } from 'react';
import { profileApi } from '../api/directory.ts';

export const profileKey = ['profile'] as const;

/**
 * The side navigation's links: the current one marked by its background, its
 * text the page's own colour (the primary light colour on it is below 4.5:1).
 */
export const navLinkStyle = { '--nl-color': 'var(--mantine-color-text)' } as CSSProperties;

export const DensityContext = createContext<DensityName>('comfortable');

/** The density of lists chosen by the signed-in user. */
export const useDensity = (): DensityName => useContext(DensityContext);

/** Reads the profile and applies its colour scheme; returns the density to provide. */
export function useDisplayPreferences(): DensityName {
  const profile = useQuery<ProfileDto>({ queryKey: profileKey, queryFn: () => profileApi.get() });
  const { setColorScheme } = useMantineColorScheme();
  const scheme = profile.data?.colorScheme;
  useEffect(() => {
    if (scheme) setColorScheme(scheme);
  }, [scheme, setColorScheme]);
  return profile.data?.density ?? 'comfortable';
}
