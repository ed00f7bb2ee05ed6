// ESLint (typescript-eslint, flat config), run by `npm run lint` and `.ci/run` before the tests.
// Beyond typescript-eslint's recommended rules, the rules that keep each layer honest
// (ARCHITECTURE.md): the core imports no Node module and uses no Node or browser global, the
// webview imports no Node, the client reaches the server only through protocol.ts and pure core
// modules. Layout is Prettier's (`npm run format`; `npm run lint` runs `format:check` after ESLint).
import js from '@eslint/js';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const NODE_MODULES = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noNode = (why) => NODE_MODULES.map((name) => ({ name, message: why }));
const EDITOR_AND_LSP = [
  'vscode',
  'vscode-languageclient',
  'vscode-languageclient/node',
  'vscode-languageserver',
  'vscode-languageserver/node',
  'vscode-jsonrpc',
  'vscode-jsonrpc/node',
];

/** Globals a host defines (Node or the browser) that plain ECMAScript does not. */
const ecmascript = new Set(Object.keys(globals.es2025));
const hostGlobals = (...sets) => [...new Set(sets.flatMap((s) => Object.keys(s)))].filter((g) => !ecmascript.has(g)).sort();

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'test-results/**', '.benchtmp/**', 'media/**'] },
  {
    // Every file, the .js and .mjs scripts too: no line over 140 characters (Prettier's printWidth,
    // which Prettier cannot keep for a long string or comment: split those by hand). A regular
    // expression is left whole.
    rules: { 'max-len': ['error', { code: 140, ignoreUrls: true, ignoreRegExpLiterals: true }] },
  },
  {
    // The recommended rules and the layer rules below are for the TypeScript sources.
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Control characters are matched on purpose (escaping them in messages, ANSI colours in tests).
      'no-control-regex': 'off',
    },
  },
  {
    files: ['webview/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...noNode('The webview runs in a browser: no Node modules.'),
            ...EDITOR_AND_LSP.map((name) => ({
              name,
              message: 'The webview talks to the extension only through messages (server/src/protocol.ts).',
            })),
          ],
          patterns: [
            {
              group: ['**/client/src/**', '**/server/src/lsp/**', '**/server/src/cli/**'],
              message: 'The webview reaches the rest only through server/src/protocol.ts and core types.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...hostGlobals(globals.node)
          .filter((g) => !(g in globals.browser))
          .map((name) => ({ name, message: 'The webview runs in a browser: no Node globals.' })),
      ],
    },
  },
  {
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    ignores: ['server/src/core/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...hostGlobals(globals.browser)
          .filter((g) => !(g in globals.node))
          .map((name) => ({ name, message: 'Node code: no browser globals (the CLI renders on a linkedom document it is handed).' })),
      ],
    },
  },
  {
    // The browser entries: a Web Worker and a web extension host, where Worker and self are the platform.
    files: ['client/src/web/**/*.ts', 'server/src/browserServer.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...hostGlobals(globals.node)
          .filter((g) => !(g in globals.browser))
          .map((name) => ({ name, message: 'A browser entry: no Node globals.' })),
      ],
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...noNode('The core does no I/O and runs anywhere: callers hand it text (ARCHITECTURE.md).'),
            ...EDITOR_AND_LSP.map((name) => ({
              name,
              message: 'The core imports no editor API or LSP connection; pure type packages only.',
            })),
          ],
          patterns: [
            {
              group: ['**/lsp/**', '**/cli/**', '**/client/**', '**/webview/**', '../protocol', '../cli', '../server'],
              message: 'The core is below every shell: it imports none of them.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...hostGlobals(globals.node, globals.browser).map((name) => ({
          name,
          message: 'The core uses no Node or browser global: take what the host provides as a parameter.',
        })),
      ],
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['vscode-languageserver', 'vscode-languageserver/node'].map((name) => ({
            name,
            message: 'The client is not the server.',
          })),
          patterns: [
            // The portfolio report's formatter and wording (cli/format/reportHtml.ts, reportWords.ts) turn the portfolio
            // the server sent into the page and the Journeys view's words; they analyse nothing.
            {
              group: ['**/server/src/lsp/**', '**/server/src/server'],
              message: 'The client reaches the server only through the connection and server/src/protocol.ts.',
            },
            {
              regex: '(^|/)server/src/cli(/(?!format/report(Html|Words)$).*)?$',
              message: 'The client reaches the server only through the connection and server/src/protocol.ts.',
            },
            // explain.ts is the money's wording (the hotspot picker says what the editor's messages say); it computes nothing.
            // starter.ts turns a sample's text into a starter (new id, modeline), for New Journey from Sample as for
            // `journeymap new`; it analyses nothing.
            {
              group: ['**/server/src/core/**', '!**/server/src/core/ids', '!**/server/src/core/explain', '!**/server/src/core/starter'],
              allowTypeImports: true,
              message:
                'The client takes only types from the core (its pure id rules, core/ids.ts, the wording of core/explain.ts ' +
                'and the sample copy of core/starter.ts): analysis happens in the server.',
            },
          ],
        },
      ],
    },
  },
);
