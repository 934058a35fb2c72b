// Collects what the code under test writes to stdout (the console sink, show(), printSchema()).
export interface Captured {
  text(): string;
  restore(): void;
}

export function captureStdout(): Captured {
  let buffer = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    buffer += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  return {
    text: () => buffer,
    restore: () => spy.mockRestore(),
  };
}
