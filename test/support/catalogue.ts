/** Every message of a catalogue as `[dotted key, text]`: the catalogue tests' one walker. */
export function catalogueLeaves(o: unknown, path = ''): Array<[string, string]> {
  if (typeof o === 'string') return [[path, o]];
  if (o && typeof o === 'object')
    return Object.entries(o).flatMap(([k, v]) => catalogueLeaves(v, path ? `${path}.${k}` : k));
  return [];
}
