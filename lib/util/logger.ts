// Engine logs go to stderr in log4j's console layout ("yy/MM/dd HH:mm:ss WARN Name: text"), so
// stdout carries only what the program prints and can be snapshotted.

export type LogLevel = 'ALL' | 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL' | 'OFF';

const ORDER: LogLevel[] = ['ALL', 'TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'OFF'];

let threshold: LogLevel = 'WARN';
let sink: (line: string) => void = (line) => process.stderr.write(line);

export function isLogLevel(level: string): level is LogLevel {
  return (ORDER as string[]).includes(level);
}

export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

export function getLogLevel(): LogLevel {
  return threshold;
}

/** Tests redirect log lines here. */
export function setLogSink(write: (line: string) => void): () => void {
  const previous = sink;
  sink = write;
  return () => {
    sink = previous;
  };
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export class Logger {
  constructor(private readonly name: string) {}

  private log(level: LogLevel, message: string): void {
    if (ORDER.indexOf(level) < ORDER.indexOf(threshold) || threshold === 'OFF') return;
    const d = new Date();
    const stamp = `${pad(d.getFullYear() % 100)}/${pad(d.getMonth() + 1)}/${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    sink(`${stamp} ${level} ${this.name}: ${message}\n`);
  }

  debug(message: string): void {
    this.log('DEBUG', message);
  }
  info(message: string): void {
    this.log('INFO', message);
  }
  warn(message: string): void {
    this.log('WARN', message);
  }
  error(message: string): void {
    this.log('ERROR', message);
  }
}
