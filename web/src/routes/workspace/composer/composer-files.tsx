/**
 * The composer's files (issue 19 §1): picked, dropped or pasted files are
 * uploaded at once (the server checks them by their bytes and answers 400
 * with its reason), listed with their size and removable until sent. The
 * limits are stated under the list.
 */
import { Alert, Badge, Button, CloseButton, FileButton, Group, Loader, Text } from '@mantine/core';
import type { ComposerUploadDto } from '@shared/composer-contracts.ts';
import { useState } from 'react';
import { composerApi } from './composer-api.ts';
import { useComposerI18n } from './composer-i18n.ts';
import { pastedName, tooLarge } from './composer-logic.ts';

const sizeLabel = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} Ko`
    : `${(bytes / 1048576).toFixed(1).replace('.', ',')} Mo`;

/** The uploads of the message being written, and how to add or remove one. */
export function useUploads(ticketId: number) {
  const [uploads, setUploads] = useState<ComposerUploadDto[]>([]);
  const [busy, setBusy] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);
  const t = useComposerI18n();

  const add = async (files: File[], pasted: boolean) => {
    const problems: string[] = [];
    let index = uploads.filter((u) => u.pasted).length;
    for (const file of files) {
      if (tooLarge(file.size)) {
        problems.push(t.tooLarge(file.name));
        continue;
      }
      index += 1;
      const name = pasted || file.name === '' ? pastedName(file.type, index) : file.name;
      setBusy((n) => n + 1);
      try {
        const uploaded = await composerApi.upload(ticketId, file, name, pasted);
        setUploads((list) => [...list, uploaded]);
      } catch (error) {
        problems.push(`${name} : ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        setBusy((n) => n - 1);
      }
    }
    setErrors(problems);
  };

  const remove = async (id: string) => {
    setUploads((list) => list.filter((u) => u.id !== id));
    await composerApi.removeUpload(ticketId, id).catch(() => undefined);
  };

  return { uploads, setUploads, busy: busy > 0, errors, add, remove };
}

export function ComposerFiles({ files }: { files: ReturnType<typeof useUploads> }) {
  const t = useComposerI18n();
  return (
    <div>
      <Group gap={6} wrap="wrap">
        <FileButton
          multiple
          accept="application/pdf,image/jpeg,image/png,.docx"
          onChange={(picked) => void files.add(picked, false)}
        >
          {(props) => (
            <Button size="compact-xs" variant="default" {...props}>
              {t.attach}
            </Button>
          )}
        </FileButton>
        {files.uploads.map((u) => (
          <Badge
            key={u.id}
            variant="light"
            color={u.pasted ? 'grape' : 'blue'}
            data-testid="composer-file"
            rightSection={
              <CloseButton
                size="xs"
                aria-label={t.removeFile(u.filename)}
                onClick={() => void files.remove(u.id)}
              />
            }
          >
            {u.filename} · {sizeLabel(u.size)}
            {u.pasted ? ` · ${t.pastedImage}` : ''}
          </Badge>
        ))}
        {files.busy && <Loader size="xs" aria-label={t.uploading} />}
      </Group>
      <Text size="xs" c="dimmed" mt={2}>
        {t.limits}
      </Text>
      {files.errors.length > 0 && (
        <Alert color="red" role="alert" p="xs" mt={4}>
          {files.errors.map((e) => (
            <div key={e}>{e}</div>
          ))}
        </Alert>
      )}
    </div>
  );
}
