// The user's `journeymap.*` settings, as VS Code (or any client) hands them over, turned into
// the core's Settings. Anything malformed falls back to the default: a typo in settings.json
// must never stop the checks.
import { DEFAULT_SETTINGS, RULES, RuleName, RuleSetting, Settings } from '../core/types';

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];

/** `raw` is the `journeymap` section: `{ rules: {...}, friction: { threshold } }` (or flat dotted keys). */
export function toSettings(raw: unknown): Settings {
  const section = isObject(raw) ? raw : {};
  const rules: Settings['rules'] = {};
  const rawRules = section.rules;
  if (isObject(rawRules)) {
    for (const [name, value] of Object.entries(rawRules)) {
      if (Object.hasOwn(RULES, name) && typeof value === 'string' && SEVERITIES.includes(value)) {
        rules[name as RuleName] = value as RuleSetting;
      }
    }
  }
  const friction = section.friction;
  const threshold = isObject(friction) ? friction.threshold : section['friction.threshold'];
  const frictionThreshold =
    typeof threshold === 'number' && Number.isFinite(threshold) && threshold >= 0 && threshold <= 1
      ? threshold
      : DEFAULT_SETTINGS.frictionThreshold;
  return { rules, frictionThreshold };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The project's settings file, read from each workspace folder (as the CLI reads it from its root). */
export const CONFIG_FILE = '.journeymaprc.json';

/**
 * What a `.journeymaprc.json` sets: only the rules and threshold it names, so that the rest
 * keeps the user's settings. Malformed parts are left out (`problems` says which).
 */
export function configSettings(text: string): { settings: Partial<Settings>; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { settings: {}, problems: [`not valid JSON: ${(e as Error).message}`] };
  }
  if (!isObject(raw)) return { settings: {}, problems: ['must hold a JSON object'] };
  const problems: string[] = [];
  const rules = toSettings({ rules: raw.rules }).rules;
  if (isObject(raw.rules))
    for (const name of Object.keys(raw.rules)) if (!(name in rules)) problems.push(`rule "${name}": unknown rule or severity, ignored`);
  const settings: Partial<Settings> = { rules };
  const threshold = isObject(raw.friction) ? raw.friction.threshold : undefined;
  if (threshold !== undefined) {
    if (typeof threshold === 'number' && Number.isFinite(threshold) && threshold >= 0 && threshold <= 1)
      settings.frictionThreshold = threshold;
    else problems.push('friction.threshold must be a number from 0 to 1, ignored');
  }
  return { settings, problems };
}

/** The project's file wins over the user's settings for what it names, so the editor shows what CI shows. */
export function withConfig(user: Settings, config: Partial<Settings> | undefined): Settings {
  if (!config) return user;
  return { rules: { ...user.rules, ...config.rules }, frictionThreshold: config.frictionThreshold ?? user.frictionThreshold };
}
