import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeOnly = { regex: '^(node:.*|better-sqlite3|fs|path|os|child_process|http|crypto)$', message: 'Runs in the browser too: no Node modules here.' };
const noElectron = { name: 'electron', message: 'Keep Electron in electron/main and electron/preload (the shell).' };

// Boundaries of ARCHITECTURE.md, enforced by the linter rather than by memory.
export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.native/**', 'test-results/**', 'bench-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/core/**', 'electron/server/**', 'electron/contract/**', 'electron/cli/**', 'db/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['react', 'react-dom'], message: 'No UI below the shell.' }] }],
    },
  },
  {
    // The domain is used by every transport and knows none of them.
    files: ['electron/core/**', 'db/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [
          { group: ['react', 'react-dom'], message: 'No UI below the shell.' },
          { regex: '(^|/)(server|cli|main|preload)/', message: 'The domain does not import a transport or the shell: hand it in (see core/stations/hub-port.ts).' },
        ],
      }],
    },
  },
  {
    // Pure parts of the shell, tested on plain Node.
    files: ['electron/main/security-policy.ts', 'electron/main/native-binding.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Kept Electron-free so vitest can test it.' }] }] },
  },
  {
    files: ['electron/contract/**', 'electron/core/qr/**', 'electron/core/payload/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [nodeOnly] }] },
  },
  {
    files: ['renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            nodeOnly,
            { regex: '(^|/)db/', message: 'The renderer talks to the database only through the contract (api()).' },
            { regex: 'electron/(core/(?!qr/|payload/)|server/|main/|preload/|cli/)', message: 'The renderer imports only the contract and the pure qr/payload modules.' },
          ],
        },
      ],
    },
  },
);
