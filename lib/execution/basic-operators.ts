// Stateless operators: scans, projection, filter, generate.
import type { Attribute } from '../expressions/expression';
import type { Evaluator, CompileContext } from '../expressions/function-definition';
import type { GeneratorCall } from '../expressions/expression';
import { compileExpression, bindOrdinals } from '../expressions/compiler';
import { pushRows, type ExecutionContext, type PhysicalOperator, type Row } from './physical-operator';
import { TIME_WINDOW_EXPAND } from '../expressions/functions/datetime-window';
import type { TimeWindowInput } from './time-window-input';

export class StreamingScanExec implements PhysicalOperator {
  constructor(
    readonly output: readonly Attribute[],
    private readonly sourceIndex: number,
  ) {}

  execute(ctx: ExecutionContext): Row[] {
    return ctx.sourceRows[this.sourceIndex] as Row[];
  }
}

export class LocalTableScanExec implements PhysicalOperator {
  constructor(
    readonly output: readonly Attribute[],
    private readonly data: () => readonly (readonly unknown[])[],
  ) {}

  execute(): Row[] {
    return this.data() as Row[];
  }
}

export class ProjectExec implements PhysicalOperator {
  private readonly evaluators: Evaluator[];
  /** Builds one output row; small widths use array literals, which V8 keeps packed. */
  private readonly projector: (row: Row) => Row;
  /** Pure column selection copies values without calling closures. */
  private readonly ordinals: number[] | undefined;

  constructor(
    readonly output: readonly Attribute[],
    exprs: readonly Parameters<typeof compileExpression>[0][],
    private readonly child: PhysicalOperator,
    ctx: CompileContext,
  ) {
    const bound = bindOrdinals(child.output);
    this.evaluators = exprs.map((e) => compileExpression(e, bound, ctx));
    this.projector = makeProjector(this.evaluators);
    this.ordinals = exprs.every((e) => e.kind === 'attribute') ? exprs.map((e) => bound.get((e as Attribute).exprId)!) : undefined;
  }

  execute(ctx: ExecutionContext): Row[] {
    if (!this.ordinals && this.child.forEachRow) {
      // Pull through a filter/generate without materialising its output first.
      const out: Row[] = [];
      this.forEachRow(ctx, (r) => {
        out.push(r);
      });
      return out;
    }
    const input = this.child.execute(ctx);
    const n = input.length;
    const out: Row[] = new Array(n);
    const ordinals = this.ordinals;
    if (ordinals) {
      const width = ordinals.length;
      if (width === 1) {
        const o = ordinals[0];
        for (let i = 0; i < n; i++) out[i] = [input[i][o]];
        return out;
      }
      for (let i = 0; i < n; i++) {
        const row = input[i];
        const r = new Array(width);
        for (let j = 0; j < width; j++) r[j] = row[ordinals[j]];
        out[i] = r;
      }
      return out;
    }
    const project = this.projector;
    for (let i = 0; i < n; i++) out[i] = project(input[i]);
    return out;
  }

  forEachRow(ctx: ExecutionContext, consume: (row: Row) => void): void {
    const project = this.projector;
    pushRows(this.child, ctx, (row) => consume(project(row)));
  }



  close(): void {
    this.child.close?.();
  }
}

export class FilterExec implements PhysicalOperator {
  private readonly predicate: Evaluator;

  constructor(
    condition: Parameters<typeof compileExpression>[0],
    private readonly child: PhysicalOperator,
    ctx: CompileContext,
  ) {
    this.predicate = compileExpression(condition, child.output, ctx);
  }

  get output(): readonly Attribute[] {
    return this.child.output;
  }

  execute(ctx: ExecutionContext): Row[] {
    const input = this.child.execute(ctx);
    const out: Row[] = [];
    const predicate = this.predicate;
    for (let i = 0; i < input.length; i++) if (predicate(input[i]) === true) out.push(input[i]);
    return out;
  }

  forEachRow(ctx: ExecutionContext, consume: (row: Row) => void): void {
    const predicate = this.predicate;
    pushRows(this.child, ctx, (row) => {
      if (predicate(row) === true) consume(row);
    });
  }

  close(): void {
    this.child.close?.();
  }
}

export class GenerateExec implements PhysicalOperator {
  private readonly generate: (row: readonly unknown[], emit: (values: unknown[]) => void) => void;
  private readonly generatorWidth: number;
  /** Time windows over all input columns: an aggregate above may take them per input row. */
  readonly timeWindowInput: TimeWindowInput | undefined;

  constructor(
    readonly output: readonly Attribute[],
    generator: GeneratorCall,
    private readonly outer: boolean,
    private readonly child: PhysicalOperator,
    /** True when the parent needs only the generated columns (Spark prunes the child's). */
    private readonly generatedOnly: boolean,
    ctx: CompileContext,
  ) {
    const bound = bindOrdinals(child.output);
    const args = generator.args.map((a) => compileExpression(a, bound, ctx));
    this.generate = generator.fn.compile(args, generator.args.map((a) => a.dataType), ctx);
    this.generatorWidth = generator.elementTypes.length;
    if (generator.fn.name === TIME_WINDOW_EXPAND && !outer && !generatedOnly) {
      const [time, size, slide, start] = args;
      this.timeWindowInput = { child, time, size: size([]) as bigint, slide: slide([]) as bigint, start: start([]) as bigint, window: output[output.length - 1] };
    }
  }

  execute(ctx: ExecutionContext): Row[] {
    const input = this.child.execute(ctx);
    const out: Row[] = [];
    const childWidth = this.generatedOnly ? 0 : this.child.output.length;
    const nulls = new Array(this.generatorWidth).fill(null);
    let current: readonly unknown[] = [];
    let produced = false;
    const emit = childWidth === 0
      ? (values: unknown[]) => {
          produced = true;
          out.push(values);
        }
      : (values: unknown[]) => {
          produced = true;
          out.push(current.concat(values));
        };
    for (let i = 0; i < input.length; i++) {
      current = input[i];
      produced = false;
      this.generate(current, emit);
      if (this.outer && !produced) out.push(childWidth === 0 ? [...nulls] : current.concat(nulls));
    }
    return out;
  }

  forEachRow(ctx: ExecutionContext, consume: (row: Row) => void): void {
    if (!this.generatedOnly) {
      // Each output row goes on as it is made (no batch-wide array of them): rows that die young
      // are cheap to collect, a batch's worth kept alive is copied by the garbage collector.
      const nulls = this.outer ? new Array(this.generatorWidth).fill(null) : [];
      let current: readonly unknown[] = [];
      let produced = false;
      const emit = (values: unknown[]): void => {
        produced = true;
        consume(current.concat(values));
      };
      const generate = this.generate;
      const outer = this.outer;
      pushRows(this.child, ctx, (row) => {
        current = row;
        produced = false;
        generate(row, emit);
        if (outer && !produced) consume(row.concat(nulls));
      });
      return;
    }
    // Only the generated columns flow on, so the generator's value arrays go straight through.
    const nulls = new Array(this.generatorWidth).fill(null);
    let produced = false;
    const emit = (values: unknown[]): void => {
      produced = true;
      consume(values);
    };
    const generate = this.generate;
    const outer = this.outer;
    pushRows(this.child, ctx, (row) => {
      produced = false;
      generate(row, emit);
      if (outer && !produced) consume(nulls.slice());
    });
  }

  close(): void {
    this.child.close?.();
  }
}

function makeProjector(evaluators: readonly Evaluator[]): (row: Row) => Row {
  const [e0, e1, e2, e3, e4, e5] = evaluators;
  switch (evaluators.length) {
    case 1:
      return (row) => [e0(row)];
    case 2:
      return (row) => [e0(row), e1(row)];
    case 3:
      return (row) => [e0(row), e1(row), e2(row)];
    case 4:
      return (row) => [e0(row), e1(row), e2(row), e3(row)];
    case 5:
      return (row) => [e0(row), e1(row), e2(row), e3(row), e4(row)];
    case 6:
      return (row) => [e0(row), e1(row), e2(row), e3(row), e4(row), e5(row)];
    default:
      return (row) => {
        const r = new Array(evaluators.length);
        for (let j = 0; j < evaluators.length; j++) r[j] = evaluators[j](row);
        return r;
      };
  }
}
