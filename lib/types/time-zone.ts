// Session time zones as Spark resolves them (java.time.ZoneId with SHORT_IDS): fixed offsets
// (`+08:00`, `-5`, `UTC+1`, `GMT-03:30`, `Z`), region ids through Intl (`America/Los_Angeles`),
// Java's three-letter short ids (`PST`, `EST`...). Offsets are cached per zone and per hour.

/** Offset in seconds east of UTC in force at an epoch second. */
export type OffsetFunction = (epochSecond: number) => number;

export const utcOffset: OffsetFunction = () => 0;

/** java.time.ZoneId.SHORT_IDS. */
const SHORT_IDS: Record<string, string> = {
  ACT: 'Australia/Darwin',
  AET: 'Australia/Sydney',
  AGT: 'America/Argentina/Buenos_Aires',
  ART: 'Africa/Cairo',
  AST: 'America/Anchorage',
  BET: 'America/Sao_Paulo',
  BST: 'Asia/Dhaka',
  CAT: 'Africa/Harare',
  CNT: 'America/St_Johns',
  CST: 'America/Chicago',
  CTT: 'Asia/Shanghai',
  EAT: 'Africa/Addis_Ababa',
  ECT: 'Europe/Paris',
  IET: 'America/Indiana/Indianapolis',
  IST: 'Asia/Kolkata',
  JST: 'Asia/Tokyo',
  MIT: 'Pacific/Apia',
  NET: 'Asia/Yerevan',
  NST: 'Pacific/Auckland',
  PLT: 'Asia/Karachi',
  PNT: 'America/Phoenix',
  PRT: 'America/Puerto_Rico',
  PST: 'America/Los_Angeles',
  SST: 'Pacific/Guadalcanal',
  VST: 'Asia/Ho_Chi_Minh',
  EST: '-05:00',
  MST: '-07:00',
  HST: '-10:00',
};

const UTC_IDS = new Set(['UTC', 'Z', 'GMT', 'UT', 'ETC/UTC', 'ETC/GMT', 'ETC/UCT', 'UCT', 'ETC/UNIVERSAL', 'ETC/ZULU', 'ZULU', 'UNIVERSAL']);
const OFFSET_RE = /^([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/;
const MAX_CACHED_HOURS = 100_000;
const MAX_DATE_MS = 8.64e15;

/** A resolved zone: a fixed offset (seconds) or an Intl region id. */
export type ZoneRule = { kind: 'fixed'; offset: number } | { kind: 'region'; id: string };

const ruleCache = new Map<string, ZoneRule | null>();

function fixedOffset(text: string): number | undefined {
  const m = OFFSET_RE.exec(text);
  if (!m) return undefined;
  const h = Number(m[2]);
  const mi = Number(m[3] ?? 0);
  const se = Number(m[4] ?? 0);
  if (h > 18 || mi > 59 || se > 59) return undefined;
  const total = h * 3600 + mi * 60 + se;
  if (total > 18 * 3600) return undefined;
  return m[1] === '-' ? -total : total;
}

/**
 * Spark's `getZoneId`: the zone named by `id`, or undefined when Java would reject it. Accepts
 * the pre-3.0 `+h:mm` / `+hh:m` forms Spark still supports.
 */
export function resolveZone(id: string): ZoneRule | undefined {
  const cached = ruleCache.get(id);
  if (cached !== undefined) return cached ?? undefined;
  const rule = computeZone(id);
  ruleCache.set(id, rule ?? null);
  return rule;
}

function computeZone(raw: string): ZoneRule | undefined {
  let id = raw.replace(/^([+-])(\d):/, '$10$2:').replace(/^([+-])(\d\d):(\d)$/, '$1$2:0$3');
  const upper = id.toUpperCase();
  if (UTC_IDS.has(upper)) return { kind: 'fixed', offset: 0 };
  const shortId = SHORT_IDS[id];
  if (shortId !== undefined) id = shortId;
  if (id[0] === '+' || id[0] === '-') {
    const offset = fixedOffset(id);
    return offset === undefined ? undefined : { kind: 'fixed', offset };
  }
  const prefix = /^(UTC|GMT|UT)([+-].*)$/.exec(id);
  if (prefix) {
    const offset = fixedOffset(prefix[2]);
    return offset === undefined ? undefined : { kind: 'fixed', offset };
  }
  // Region ids are case-sensitive in Java; Intl is not, so require a known canonical shape.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(id)) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: id });
  } catch {
    return undefined;
  }
  return { kind: 'region', id };
}

const offsetFunctions = new Map<string, OffsetFunction>();

/** Offset function of a zone id; unknown ids fall back to UTC (callers validate first). */
export function zoneOffsetFunction(zone: string): OffsetFunction {
  let fn = offsetFunctions.get(zone);
  if (!fn) {
    fn = createOffsetFunction(resolveZone(zone));
    offsetFunctions.set(zone, fn);
  }
  return fn;
}

function createOffsetFunction(rule: ZoneRule | undefined): OffsetFunction {
  if (!rule) return utcOffset;
  if (rule.kind === 'fixed') {
    const offset = rule.offset;
    return offset === 0 ? utcOffset : () => offset;
  }
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone: rule.id,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const byHour = new Map<number, number>();
  return (epochSecond) => {
    const hour = Math.floor(epochSecond / 3600);
    const cached = byHour.get(hour);
    if (cached !== undefined) return cached;
    const start = intlOffset(formatter, hour * 3600);
    if (start !== intlOffset(formatter, hour * 3600 + 3599)) return intlOffset(formatter, epochSecond);
    if (byHour.size >= MAX_CACHED_HOURS) byHour.clear();
    byHour.set(hour, start);
    return start;
  };
}

function intlOffset(formatter: Intl.DateTimeFormat, epochSecond: number): number {
  const ms = Math.min(MAX_DATE_MS, Math.max(-MAX_DATE_MS, epochSecond * 1000));
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let beforeCommonEra = false;
  for (const part of formatter.formatToParts(ms)) {
    switch (part.type) {
      case 'year': year = Number(part.value); break;
      case 'month': month = Number(part.value); break;
      case 'day': day = Number(part.value); break;
      case 'hour': hour = Number(part.value); break;
      case 'minute': minute = Number(part.value); break;
      case 'second': second = Number(part.value); break;
      case 'era': beforeCommonEra = part.value.startsWith('B'); break;
      default: break;
    }
  }
  if (beforeCommonEra) year = 1 - year;
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day); // setUTCFullYear keeps years 0..99 literal
  local.setUTCHours(hour, minute, second, 0);
  return Math.round((local.getTime() - ms) / 1000);
}

/**
 * java.time's `ZonedDateTime.of(localDateTime, zone)`: the epoch second of a local wall time.
 * In an overlap the earlier offset wins; in a gap the time moves later by the gap's length.
 */
export function localToEpochSecond(wallSeconds: number, zone: string): number {
  const offsetAt = zoneOffsetFunction(zone);
  const before = offsetAt(wallSeconds - 86_400);
  const after = offsetAt(wallSeconds + 86_400);
  if (before === after) {
    const o = offsetAt(wallSeconds - before);
    if (o === before) return wallSeconds - before;
    // A transition inside the window that is undone within the same two days: check directly.
    return offsetAt(wallSeconds - o) === o ? wallSeconds - o : wallSeconds - before;
  }
  const validBefore = offsetAt(wallSeconds - before) === before;
  const validAfter = offsetAt(wallSeconds - after) === after;
  if (validBefore) return wallSeconds - before;
  if (validAfter) return wallSeconds - after;
  return wallSeconds - before; // gap
}
