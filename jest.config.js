/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking runs once in `npm run typecheck`; jest only transpiles.
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  moduleNameMapper: {
    '^rivulet$': '<rootDir>/lib/index.ts',
    '^rivulet/(.*)$': '<rootDir>/lib/$1.ts',
  },
  testTimeout: 30000,
};
