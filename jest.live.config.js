// Tests that need a JVM or a real Kafka broker: run by scripts/spark/test-spark.sh
// (npm run test:spark), never by the default `npm test`.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = { ...base, roots: ['<rootDir>/live-tests'] };
