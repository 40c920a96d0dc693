// ESLint (flat config): Next's rules (React, react-hooks incl. the React Compiler checks, a11y,
// @next/next core web vitals) plus typescript-eslint's recommended set for .ts/.tsx. `npm run lint`
// runs it with --max-warnings 0, so a warning fails `npm test` like an error does.
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import tseslint from 'typescript-eslint';

const config = [
  {
    // Build outputs, copied binaries, run artefacts: not source.
    ignores: [
      '.next/**', 'out/**', 'node_modules/**', 'public/**', 'bench-results/**',
      'test-results/**', 'coverage/**', 'training/runs/**', 'next-env.d.ts',
    ],
  },
  ...nextCoreWebVitals,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Unused code is an error, not a hint; a leading underscore marks a deliberately unused
      // parameter (e.g. an interface method that ignores an argument).
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none',
      }],
      // This rule reports where React Compiler would skip optimising a component because it
      // cannot prove a useMemo/useCallback safe. The project does not build with React Compiler,
      // so there is no compiled memoization to preserve; the hand-written memos stand as written.
      'react-hooks/preserve-manual-memoization': 'off',
    },
  },
];

export default config;
