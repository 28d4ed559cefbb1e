import js from '@eslint/js';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs', '!apps/web/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Nest modules and TypeORM entities use classes as types and Function for entity lists.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  // The web app: browser ES modules (its service worker runs in a worker's scope).
  {
    files: ['apps/web/**/*.js', 'apps/web/**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }] },
  },
  { files: ['apps/web/src/sw.js'], languageOptions: { globals: { ...globals.serviceworker } } },
  { files: ['apps/web/build.mjs'], languageOptions: { globals: { ...globals.node } } },
);
