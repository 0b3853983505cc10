/** The composer's rows → API JSON (src/shared/composer-contracts.ts). */
import type {
  AddressSuggestionDto,
  ComposerStateDto,
  ComposerUploadDto,
  ComposerVariable,
} from '../shared/composer-contracts.ts';

export const presentUpload = (row: {
  id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  pasted: boolean;
}): ComposerUploadDto => ({
  id: row.id,
  filename: row.filename,
  contentType: row.content_type,
  size: row.size_bytes,
  pasted: row.pasted,
});

export const presentComposerState = (state: {
  draft: {
    mode: 'reply' | 'note';
    body_html: string;
    cc: string[];
    bcc: string[];
    updated_at: Date;
  } | null;
  uploads: Parameters<typeof presentUpload>[0][];
  variables: Record<ComposerVariable, string>;
  colleagues: { id: string; name: string }[];
}): ComposerStateDto => ({
  draft: state.draft
    ? {
        mode: state.draft.mode,
        bodyHtml: state.draft.body_html,
        cc: state.draft.cc,
        bcc: state.draft.bcc,
        updatedAt: state.draft.updated_at.toISOString(),
      }
    : null,
  uploads: state.uploads.map(presentUpload),
  variables: state.variables,
  colleagues: state.colleagues.map((c) => ({ id: c.id, name: c.name })),
});

export const presentAddressSuggestion = (row: {
  email: string | null;
  name: string | null;
  organisation: string | null;
}): AddressSuggestionDto => ({
  email: row.email ?? '',
  name: row.name,
  organisation: row.organisation,
});
