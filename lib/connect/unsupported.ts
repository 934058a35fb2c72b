// What cannot run on a Spark Connect server from JavaScript fails at the call, naming the feature
// and what to use instead.
import { SparkException } from '../errors/spark-exception';

export function unsupportedRemotely(feature: string, instead: string): SparkException {
  return remoteModeError(`${feature} cannot run in remote mode (Spark Connect): the server cannot run JavaScript.`, feature, instead);
}

function remoteModeError(reason: string, feature: string, instead: string): SparkException {
  return new SparkException(`${reason} Use ${instead} instead, or run this part in local mode.`, {
    errorClass: 'RIVULET_NOT_SUPPORTED_IN_REMOTE_MODE',
    sqlState: '0A000',
    messageParameters: { feature, instead },
  });
}
