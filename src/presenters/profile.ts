import type { Profile } from '../domain/profile/agent-profile.ts';
import type { ProfileDto } from '../shared/directory-contracts.ts';

/** The caller's own profile: name and e-mail to read, signature, language and display preferences to change. */
export const presentProfile = (profile: Profile): ProfileDto => ({
  name: profile.name,
  email: profile.email,
  signature: profile.signature,
  language: profile.language,
  colorScheme: profile.color_scheme,
  density: profile.density,
});
