/** The set-up checklist's query, shared by its page, the mail settings page and the banner. */
import { useQuery } from '@tanstack/react-query';
import { setupApi } from '../../api/setup.ts';

export const setupKey = ['setup', 'checklist'] as const;

export function useSetupChecklist(enabled = true) {
  return useQuery({ queryKey: setupKey, queryFn: () => setupApi.checklist(), enabled });
}

/**
 * Whether an administrator's set-up checklist is done (they land on it until
 * it is): undefined while it loads; other roles never wait on it. A checklist
 * that cannot be read does not keep anyone from their tickets.
 */
export function useChecklistDone(role: string): boolean | undefined {
  const admin = role === 'admin';
  const checklist = useSetupChecklist(admin);
  if (!admin || checklist.isError) return true;
  return checklist.data ? checklist.data.complete : undefined;
}
