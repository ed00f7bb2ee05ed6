// Persona colours and labels, shared by the legend, the curves and the Mermaid export.
import type { PersonaRef } from '../../../server/src/core/model';
import { safeColor } from './text';

/** model.ts's ALL_CUSTOMERS; the webview imports types only from the core. */
const ALL_CUSTOMERS = '*';

const FALLBACK = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#b07aa1', '#76b7b2', '#edc948', '#9c755f'];

export function personaColor(p: PersonaRef, i = 0): string {
  return safeColor(p.color, FALLBACK[i % FALLBACK.length]);
}

export function personaLabel(p: PersonaRef): string {
  if (p.id === ALL_CUSTOMERS) return p.name ?? 'All customers';
  return p.name ?? p.id;
}
