/**
 * Element ids for form fields keyed like validation results
 * (`alerts.quietHours.start` → `f-alerts-quietHours-start`), so an error from
 * the local validator or the server lands next to the right control.
 */

/** The control id for a field key. */
export function fieldId(key: string): string {
  return `f-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** `aria-describedby` for a control rendered by `FormField.vue`. */
export function describedBy(
  key: string,
  parts: { hint?: unknown; warning?: unknown; error?: unknown },
): string | undefined {
  const id = fieldId(key);
  const ids: string[] = [];
  if (parts.hint) ids.push(`${id}-hint`);
  if (parts.warning) ids.push(`${id}-warning`);
  if (parts.error) ids.push(`${id}-error`);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
