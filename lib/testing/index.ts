// "rivulet/testing": test helpers.
export { MemoryStream } from './memory-stream';
export { ManualClock } from '../streaming/clock';
