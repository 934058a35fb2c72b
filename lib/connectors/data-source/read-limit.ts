// pyspark.sql.streaming.datasource's ReadLimit classes: what the engine passes to
// DataSourceStreamReader.latestOffset(start, limit). Field names are PySpark's (dataclass fields).

/** Limits on how much a streaming source reads when it picks its latest offset. */
export abstract class ReadLimit {}

/** Read everything available, whatever the source's options say (Trigger.AvailableNow/Once). */
export class ReadAllAvailable extends ReadLimit {}

/** Read at least min_rows; with fewer available, the source should wait for more. */
export class ReadMinRows extends ReadLimit {
  constructor(readonly min_rows: number) {
    super();
  }
}

/** Read at most max_rows rows. */
export class ReadMaxRows extends ReadLimit {
  constructor(readonly max_rows: number) {
    super();
  }
}

/** Read at most max_files files. */
export class ReadMaxFiles extends ReadLimit {
  constructor(readonly max_files: number) {
    super();
  }
}

/** Read at most max_bytes bytes. */
export class ReadMaxBytes extends ReadLimit {
  constructor(readonly max_bytes: number) {
    super();
  }
}
