/** Type checking runs once in `tsc --noEmit` (npm test); jest only transpiles. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // dt-sql-parser ships ES modules without "type": "module": transpile it to CommonJS.
    '^.+/node_modules/(dt-sql-parser|antlr4-c3|antlr4ng)/.+\\.m?js$': [
      'ts-jest',
      { diagnostics: false, tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(dt-sql-parser|antlr4-c3|antlr4ng)/)'],
  testTimeout: 120000,
};
