// The part of Node's `assert` the tests use (and the shared helpers of test/extension/suite),
// for the browser's extension host, which has no Node modules. build.mjs aliases `assert` here.
const show = (x: unknown) => JSON.stringify(x);

export function ok(value: unknown, message?: string): asserts value {
  if (!value) throw new Error(message ?? `expected a truthy value, got ${show(value)}`);
}

export function strictEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!Object.is(actual, expected)) throw new Error(`${message ? message + ': ' : ''}expected ${show(expected)}, got ${show(actual)}`);
}

/** Deep equality of plain data (what JSON can say), which is all the tests compare. */
export function deepStrictEqual(actual: unknown, expected: unknown, message?: string): void {
  if (show(actual) !== show(expected))
    throw new Error(`${message ? message + ': ' : ''}expected\n  ${show(expected)}\ngot\n  ${show(actual)}`);
}

export function match(actual: string, pattern: RegExp, message?: string): void {
  if (!pattern.test(actual)) throw new Error(message ?? `expected ${show(actual)} to match ${pattern}`);
}

export default { ok, strictEqual, deepStrictEqual, match };
