// Lint for the whole repository (TypeScript via typescript-eslint). Run by `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { layerRules } from './eslint.layers.js';

const MAX_LEN = { code: 150, ignoreUrls: true, ignorePattern: '^\\s*// ref: ' };

export default tseslint.config(
  { ignores: ['node_modules/', 'generated/', '.data/', 'artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  // Which folder may import which (eslint.layers.js): imports are resolved to files, so a rule holds
  // whatever the relative path looks like.
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs'] })] },
  },
  ...layerRules,
  // Broker handlers get their path parameters typed from the route's path (route() in
  // broker/http/resource.ts): asserting one non-null (`params.x!`) means a route skipped that typing.
  {
    files: ['broker/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...["[object.name='params']", "[object.property.name='params']"].map((object) => ({
          selector: `TSNonNullExpression > MemberExpression.expression${object}`,
          message: 'Path parameters are typed by route() (broker/http/resource.ts): build the route with it, no `!`.',
        })),
      ],
    },
  },
  // Layout is Prettier's (npm run format); lint only checks it is applied.
  prettier,
  // Prettier wraps code at 120 but leaves long strings and comments as they are: those are split by hand
  // (a URL may run on, and so may a conformance example's `// ref:` line, which cites a reference spec
  // in one line by rule). Placed after eslint-config-prettier, which turns max-len off.
  { rules: { 'max-len': ['error', MAX_LEN] } },
);
