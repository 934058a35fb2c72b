// The result type of RDD.map / DStream.map. `map((w) => [w, 1])` types its elements as the pair
// `[string, number]` (so `reduceByKey((a, b) => a + b)` needs no `as [string, number]`), as a
// Python tuple would be: the constraint's tuple member makes TypeScript infer array literals as
// tuples, and a returned literal ('x', 1, true) is widened back to its primitive type as plain
// inference would.

/** Accepts every value; its tuple member asks TypeScript to infer returned array literals as tuples. */
export type MapResultHint = [unknown, unknown] | {} | null | undefined;

/** A returned literal type widened to its primitive (`'x'` -> string); anything else unchanged. */
export type Widened<U> = U extends string ? string : U extends number ? number : U extends boolean ? boolean : U extends bigint ? bigint : U;
