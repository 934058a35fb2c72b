// Whether a stream reader's latestOffset takes (start, limit) — PySpark 4.2's admission control —
// or is the older latestOffset() without parameters. PySpark looks at the method's signature
// (inspect.signature: any parameter, defaulted or not, counts); here the declared parameter list
// of the method's source text, since a JavaScript function's `length` stops at the first default.
export function supportsAdmissionControl(latestOffset: (...args: unknown[]) => unknown): boolean {
  if (latestOffset.length > 0) return true;
  const text = Function.prototype.toString.call(latestOffset);
  const open = text.indexOf('(');
  if (open < 0) return false; // `x => ...` has one parameter but no parenthesis; length says 1
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(open + 1, i).trim().length > 0;
  }
  return false;
}
