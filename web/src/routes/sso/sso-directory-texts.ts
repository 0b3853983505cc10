/** The directory's SIRET field (single sign-on, issue 21 §4): French only, like the directory. */
export const ssoDirectoryTexts = {
  siretLabel: 'SIRET',
  siretHint:
    'Établissement (14 chiffres). Une personne qui se connecte par ProConnect avec ce SIRET est rattachée à cette organisation.',
};
