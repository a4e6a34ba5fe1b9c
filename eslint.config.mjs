// ESLint for the whole repository: typescript-eslint's recommended rules, plus the type-aware rules that catch what
// bites an extension host most (a promise nobody awaits or catches, a promise where a callback is expected, a switch
// that forgets a case of a union). Formatting is Prettier's job (npm run format:check).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      // Each file is checked in its own TypeScript project, found as the editor finds it: through tsconfig.json's
      // references (src/ without mocha's types, the tests with them, the webview against the DOM).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Unused values are the compiler's job (noUnusedLocals/Parameters), which knows about `_` prefixes and overloads.
      '@typescript-eslint/no-unused-vars': 'off',
      // A variable a cleanup closure reads before it is assigned stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // The core runs and is tested without a host: it talks to VS Code only through the ports it is handed.
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core/ never imports vscode; take a port instead.' }] }] },
  },
  {
    // esbuild.js is a CommonJS script run by Node.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
