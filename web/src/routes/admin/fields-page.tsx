/** Placeholder replaced below. */
export function FieldsPage() {
  return null;
}
