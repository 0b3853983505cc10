/** The set-up checklist's query, shared by its page, the mail settings page and the banner. */
import { useQuery } from '@tanstack/react-query';
import { setupApi } from '../../api/setup.ts';

export const setupKey = ['setup', 'checklist'] as const;

export function useSetupChecklist() {
  return useQuery({ queryKey: setupKey, queryFn: () => setupApi.checklist() });
}
