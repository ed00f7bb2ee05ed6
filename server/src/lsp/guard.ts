// Every request handler goes through `guarded`: malformed params get an InvalidParams error,
// an exception inside a feature is logged and answered with an empty result. Every notification
// handler goes through `guardedNotification`: an exception is logged (there is no one to answer).
// Nothing a client or a document does may end the process.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { ParsedFile } from '../core/parse';

export type Logger = (what: string, e: unknown) => void;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isCount = (x: unknown): boolean => typeof x === 'number' && Number.isInteger(x) && x >= 0;

export function isPosition(x: unknown): boolean {
  return isObject(x) && isCount(x.line) && isCount(x.character);
}

export function isRange(x: unknown): boolean {
  return isObject(x) && isPosition(x.start) && isPosition(x.end);
}

/** What a request's params must carry before its handler runs. */
export interface Shape {
  textDocument?: boolean;
  position?: boolean;
  range?: boolean;
  positions?: boolean;
}

export function paramsProblem(params: unknown, shape: Shape): string | null {
  if (!isObject(params)) return 'params must be an object';
  if (shape.textDocument && !(isObject(params.textDocument) && typeof params.textDocument.uri === 'string')) {
    return 'params.textDocument.uri must be a string';
  }
  if (shape.position && !isPosition(params.position)) return 'params.position must be { line, character } with non-negative integers';
  if (shape.range && !isRange(params.range)) return 'params.range must be { start, end } positions';
  if (shape.positions && !(Array.isArray(params.positions) && params.positions.every(isPosition))) {
    return 'params.positions must be an array of positions';
  }
  return null;
}

export function guarded<P, R, F>(
  name: string,
  shape: Shape,
  fallback: F,
  log: Logger,
  handler: (params: P) => R | Promise<R>,
): (params: P) => Promise<R | F | ResponseError<void>> {
  return async (params: P) => {
    const problem = paramsProblem(params, shape);
    if (problem) return new ResponseError<void>(ErrorCodes.InvalidParams, `${name}: ${problem}`);
    try {
      return await handler(params);
    } catch (e) {
      if (e instanceof ResponseError) return e as ResponseError<void>;
      log(name, e);
      return fallback;
    }
  };
}

export function guardedNotification<P>(
  name: string,
  log: Logger,
  handler: (params: P) => void | Promise<void>,
): (params: P) => Promise<void> {
  return async (params: P) => {
    try {
      await handler(params);
    } catch (e) {
      log(name, e);
    }
  };
}

/** A request about one document: validate, look the document up, call the core, return. */
export function documentRequest<P extends { textDocument: { uri: string } }, R, F>(
  session: { files: { parsed(uri: string): ParsedFile | undefined }; log: Logger },
  name: string,
  shape: Shape,
  fallback: F,
  handler: (parsed: ParsedFile, params: P) => R | F,
): (params: P) => Promise<R | F | ResponseError<void>> {
  return guarded<P, R | F, F>(
    name,
    { textDocument: true, ...shape },
    fallback,
    (what, e) => session.log(what, e),
    (params) => {
      const parsed = session.files.parsed(params.textDocument.uri);
      return parsed ? handler(parsed, params) : fallback;
    },
  );
}
