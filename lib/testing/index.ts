// "rivulet/testing": test helpers.
export { MemoryStream } from './memory-stream';
export { ManualClock, type Clock } from '../streaming/clock';
export {
  testStream,
  AddData,
  CheckAnswer,
  CheckNewAnswer,
  CheckLastBatch,
  AdvanceManualClock,
  StopStream,
  StartStream,
  ExpectFailure,
  AssertOnQuery,
  Execute,
  type StreamAction,
  type TestStreamOptions,
} from './stream-test';
