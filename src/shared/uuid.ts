/**
 * Whether `text` has the shape of a UUID (any version, either case): for ids
 * that reach SQL by another way than a zod schema (`z.uuid()` checks the
 * version and variant too).
 */
const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (text: string): boolean => uuidShape.test(text);
