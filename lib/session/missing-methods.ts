// Registers the NOT_IMPLEMENTED stubs of lib/api/unsupported-methods.ts on the public classes
// (here because the session layer sees both the api classes and SparkSession/Catalog).
import { DataFrame } from '../api/data-frame';
import { Column } from '../api/column';
import { GroupedData } from '../api/grouped-data';
import { DataFrameReader } from '../api/data-frame-reader';
import { DataFrameWriter } from '../api/data-frame-writer';
import { DataStreamReader } from '../api/data-stream-reader';
import { MISSING_METHODS, refuseMissingMethods } from '../api/unsupported-methods';
import { StreamSession } from './stream-session';
import { Catalog } from './catalog';

refuseMissingMethods(DataFrame.prototype, 'DataFrame', MISSING_METHODS.DataFrame);
refuseMissingMethods(Column.prototype, 'Column', MISSING_METHODS.Column);
refuseMissingMethods(GroupedData.prototype, 'GroupedData', MISSING_METHODS.GroupedData);
refuseMissingMethods(DataFrameReader.prototype, 'DataFrameReader', MISSING_METHODS.DataFrameReader);
refuseMissingMethods(DataFrameWriter.prototype, 'DataFrameWriter', MISSING_METHODS.DataFrameWriter);
refuseMissingMethods(DataStreamReader.prototype, 'DataStreamReader', MISSING_METHODS.DataStreamReader);
refuseMissingMethods(StreamSession.prototype, 'SparkSession', MISSING_METHODS.SparkSession);
refuseMissingMethods(Catalog.prototype, 'Catalog', MISSING_METHODS.Catalog);
