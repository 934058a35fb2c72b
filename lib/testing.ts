/**
 * Test helpers: `MemoryStream`, `ManualClock` and the StreamTest-style `testStream` actions.
 *
 * @packageDocumentation
 * @module rivulet/testing
 */
export * from './testing/index';
