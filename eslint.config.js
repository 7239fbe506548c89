// ESLint flat config. The per-folder `no-restricted-imports` rules enforce the
// "may import" column of DESIGN.md §2, so a wrong arrow fails lint.
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'No Node built-ins here (DESIGN.md §2).' };
const electronImport = {
  group: ['electron', 'electron/*'],
  message: 'No electron import here (DESIGN.md §2).',
};
const vueImport = { group: ['vue', 'pinia'], message: 'shared/ holds no UI code (DESIGN.md §2).' };
const rendererImport = {
  group: ['**/renderer/**'],
  message: 'Only the renderer imports renderer code.',
};
const mainImport = {
  group: ['**/electron/main/**', '../main/**', '../../main/**'],
  message: 'Only Electron glue imports electron/main.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
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
    // The grid benchmark's harness defines a tiny wrapper next to the component it measures.
    files: ['test/bench/**/*.vue'],
    rules: { 'vue/one-component-per-file': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [nodeBuiltins, electronImport, vueImport, rendererImport] },
      ],
    },
  },
  {
    files: [
      'electron/core/**/*.ts',
      'electron/sim/**/*.ts',
      'electron/serve/**/*.ts',
      'electron/cli/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [electronImport, rendererImport, mainImport] },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeBuiltins, rendererImport] }] },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [rendererImport] }] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            electronImport,
            {
              group: ['**/electron/**'],
              message: 'The renderer talks through renderer/src/ipc/client.ts only.',
            },
          ],
        },
      ],
    },
  },
);
