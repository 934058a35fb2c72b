// PySpark code builds types without `new` (`StringType()`, `StructField("a", IntegerType())`).
// Wrapping a class in a Proxy with an `apply` trap lets the same export work with and without
// `new`, while `instanceof` and static members still see the real class.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyClass = abstract new (...args: any[]) => any;

export type CallableClass<C extends AnyClass> = C &
  (C extends new (...args: infer A) => infer I ? (...args: A) => I : never);

export function callableClass<C extends AnyClass>(cls: C): CallableClass<C> {
  return new Proxy(cls, {
    apply(target, _thisArg, args) {
      return Reflect.construct(target, args);
    },
  }) as CallableClass<C>;
}
