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
