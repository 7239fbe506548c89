// ESLint flat config. The import boundaries of docs/architecture.md §2 are
// allow-lists checked by eslint-plugin-boundaries: every source folder is an
// element, an import is an error unless a policy below allows it, and
// packages (node:*, electron, ws…) are allowed per folder the same way.
// test/unit/lint/boundaries.test.ts feeds files breaking each rule.
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import vueI18n from '@intlify/eslint-plugin-vue-i18n';

/**
 * The source folders, most specific first (a file belongs to the first
 * pattern it matches). Test, build and config files are not elements: they
 * may import anything.
 */
const ELEMENTS = [
  { type: 'shared', pattern: 'shared/**' },
  { type: 'electron/core', pattern: 'electron/core/**' },
  { type: 'electron/sim', pattern: 'electron/sim/**' },
  { type: 'electron/cli', pattern: 'electron/cli/**' },
  { type: 'electron/serve', pattern: 'electron/serve/**' },
  { type: 'electron/main', pattern: 'electron/main/**' },
  { type: 'electron/preload', pattern: 'electron/preload/**' },
  { type: 'renderer/src/ipc', pattern: 'renderer/src/ipc/**' },
  { type: 'renderer/src/stores', pattern: 'renderer/src/stores/**' },
  { type: 'renderer', pattern: 'renderer/**' },
];

/** Which folders each folder may import (itself included). */
const MAY_IMPORT = {
  shared: ['shared'],
  'electron/core': ['shared', 'electron/core'],
  'electron/sim': ['shared', 'electron/sim'],
  'electron/cli': ['shared', 'electron/core', 'electron/sim', 'electron/serve', 'electron/cli'],
  'electron/serve': ['shared', 'electron/core', 'electron/serve'],
  // The desktop composition root starts the demo gateway (electron/sim/demo.ts).
  'electron/main': ['shared', 'electron/core', 'electron/sim', 'electron/main'],
  'electron/preload': ['shared', 'electron/preload'],
  'renderer/src/ipc': ['shared', 'renderer/src/ipc'],
  'renderer/src/stores': ['shared', 'renderer/src/ipc', 'renderer/src/stores', 'renderer'],
  // Views and components reach the core through the stores, never the transport.
  renderer: ['shared', 'renderer/src/stores', 'renderer'],
};

/** Which packages each folder may import; `node:*` is `node`. */
const MAY_USE = {
  // The engine's translator: the message engine under vue-i18n (shared/i18n/translator.ts).
  shared: ['@intlify/core-base'],
  'electron/core': ['node', 'ws', 'conf', 'atomically', 'prom-client'],
  'electron/sim': ['node', 'ws'],
  'electron/cli': ['node'],
  'electron/serve': ['node', 'ws'],
  'electron/main': ['node', 'electron', 'electron-store'],
  'electron/preload': ['electron'],
  'renderer/src/ipc': [],
  'renderer/src/stores': ['vue', 'pinia', 'vue-i18n'],
  renderer: ['vue', 'pinia', 'uplot', 'vue-i18n'],
};

function packagePolicy(from, packages) {
  const allow = [];
  // `node:sqlite` is newer than the resolver's list of built-ins, so it
  // counts as an external package named `node:sqlite`.
  if (packages.includes('node')) allow.push({ to: { module: { origin: 'core' } } });
  const external = packages.flatMap((p) => (p === 'node' ? ['node:*'] : [p]));
  if (external.length > 0) {
    allow.push({ to: { module: { origin: 'external', source: external } } });
  }
  return allow.map((a) => ({ from: { element: { type: from } }, allow: a }));
}

const boundaryPolicies = [
  ...Object.entries(MAY_IMPORT).map(([from, to]) => ({
    from: { element: { type: from } },
    allow: { to: { element: { types: { anyOf: to } } } },
  })),
  ...Object.entries(MAY_USE).flatMap(([from, packages]) => packagePolicy(from, packages)),
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'reports/**',
      '.stryker-tmp/**',
    ],
  },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      // Layout of templates is Prettier's job; these rules fight its output.
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: {
        parser: tseslint.parser,
        sourceType: 'module',
        extraFileExtensions: ['.vue'],
      },
      globals: { ...globals.browser },
    },
  },
  {
    // Every word a user reads comes from the message catalogues
    // (renderer/src/i18n): text in a template, and the attributes a user
    // reads or hears. Symbols and punctuation alone are not words.
    files: ['renderer/**/*.vue'],
    plugins: { '@intlify/vue-i18n': vueI18n },
    settings: { 'vue-i18n': { localeDir: undefined, messageSyntaxVersion: '^11.0.0' } },
    rules: {
      '@intlify/vue-i18n/no-raw-text': [
        'error',
        {
          attributes: {
            '/.+/': ['title', 'aria-label', 'placeholder', 'alt', 'label', 'aria-description'],
          },
          ignorePattern: '^[\\s\\d.,:;·—–()\\[\\]/+%×←→↑↓▲▼●┆✓▾▸✕…|-]*$',
          // The product's name and code a user types are the same in every language.
          ignoreText: ['Shardwatch', 'npx shardwatch sim', '(guild_id >> 22) %'],
        },
      ],
    },
  },
  {
    // The grid benchmark's harness defines a tiny wrapper next to the component it measures.
    files: ['test/bench/**/*.vue'],
    rules: { 'vue/one-component-per-file': 'off' },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['shared/**', 'electron/**', 'renderer/**'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': ELEMENTS.map((e) => ({ ...e, partialMatch: false })),
      'boundaries/include': ['shared/**', 'electron/**', 'renderer/**'],
      'import/resolver': { node: { extensions: ['.ts', '.js', '.vue', '.json'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          checkAllOrigins: true,
          checkUnknownLocals: true,
          policies: boundaryPolicies,
          message:
            '{{from.type}} may not import "{{dependency.source}}" (docs/architecture.md §2: see MAY_IMPORT and MAY_USE in eslint.config.js).',
        },
      ],
    },
  },
);
