// Ids: the spec's kebab-case pattern and the id derived from a name.

export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Lower-case, runs of anything but a-z and 0-9 become one `-`, trimmed of `-`. */
export function deriveId(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}

/** Persona curve colours when a persona file sets none (Tableau 10, readable on light and dark). */
export const PERSONA_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];
