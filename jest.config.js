/** Jest: TypeScript through ts-jest (which keeps decorator metadata for TypeORM and type-graphql). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  testTimeout: 60000,
  maxWorkers: 2,
  // Prints the backends this run covers; under CI=true a missing PostgreSQL or Redis fails the run.
  globalSetup: '<rootDir>/tests/helpers/global-setup.js',
};
