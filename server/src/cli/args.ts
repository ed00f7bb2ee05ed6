// The commands' argument walk: positional arguments (and all after `--`) are paths; an option
// is `-x value`, `--name value` or `--name=value`. Each command says what its options mean.
import { UsageError } from './files';

/**
 * Walks `argv`: positional arguments go to `paths`; for an option, `option(name, value)` is
 * called, where `value()` reads its value (the `=` part, else the next argument, which it
 * consumes) and throws a usage error when there is none.
 */
export function walkArgs(argv: string[], paths: string[], option: (name: string, value: () => string) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const inline = eq > 0 && arg.startsWith('--');
    const name = inline ? arg.slice(0, eq) : arg;
    option(name, () => {
      if (inline) return arg.slice(eq + 1);
      const next = argv[i + 1];
      if (next === undefined || next === '') throw new UsageError(`${name} needs a value`);
      i++;
      return next;
    });
  }
}

/**
 * `value` when it is one of `choices`, else a usage error that names them all: `oneOf(f, ['md',
 * 'json'], 'format')` throws `unknown format "x" (use md, json)` for `x`.
 */
export function oneOf<T extends string>(value: string, choices: readonly T[], what: string): T {
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`unknown ${what} "${value}" (use ${choices.join(', ')})`);
  return value as T;
}
