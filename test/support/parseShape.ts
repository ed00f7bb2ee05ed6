// What a parse is, for comparing an incremental re-parse with a fresh one: the data (with the
// YAML version's reading of every scalar), every node's class, range and comments, the syntax
// diagnostics, the document's range and comment, and the line count.
import { isMap, isPair, isSeq } from 'yaml';
import type { ParsedFile } from '../../server/src/core/parse';

export function parseShape(p: ParsedFile): unknown {
  const nodes: unknown[] = [];
  const walk = (n: unknown): void => {
    if (n === null || typeof n !== 'object') return;
    if (isPair(n)) {
      walk(n.key);
      walk(n.value);
      return;
    }
    const node = n as { range?: number[]; comment?: string; commentBefore?: string; tag?: string; constructor: { name: string } };
    nodes.push([node.constructor.name, node.range, node.comment ?? null, node.commentBefore ?? null, node.tag ?? null]);
    if (isMap(n) || isSeq(n)) for (const item of n.items) walk(item);
  };
  walk(p.doc?.contents ?? null);
  let data: unknown;
  try {
    data = p.doc?.toJS({ mapAsMap: true, maxAliasCount: 100 }) ?? null;
  } catch (e) {
    data = `toJS: ${(e as Error).message}`;
  }
  return { data, nodes, syntax: p.syntax, range: p.doc?.range ?? null, comment: p.doc?.comment ?? null, lines: p.lines.lineCount };
}
