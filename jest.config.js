// Two projects: `unit` (pure logic, next to the code as *.spec.ts) and `integration` (test/, against a
// real PostgreSQL and NATS; each suite makes its own database, stream and subject prefix).
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [path]]) => [
    `^${alias}$`,
    `<rootDir>/${path.replace('./', '')}`,
  ]),
);

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      {
        module: { type: 'commonjs' },
        jsc: {
          target: 'es2023',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          keepClassNames: true,
        },
      },
    ],
  },
  // NestJS 12 and the NATS v3 client ship ESM only: jest on Node 20 must transform them.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@nats-io|@fastify/static|content-disposition)/)'],
};

module.exports = {
  maxWorkers: 2,
  // Integration suites start real services and wait for events: generous, but never unbounded.
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      setupFiles: ['<rootDir>/test/support/quiet-nest-logs.ts'],
    },
  ],
};
