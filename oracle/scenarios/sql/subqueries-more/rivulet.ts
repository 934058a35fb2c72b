import { SparkSession } from 'rivulet';

const py = (v: unknown): string => (v === null ? 'None' : v === true ? 'True' : v === false ? 'False' : typeof v === 'string' ? `'${v}'` : typeof v === 'object' ? `Decimal('${String(v)}')` : String(v));

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('subqueries-more').getOrCreate();
  spark.sql('create or replace temp view t as select * from values (1, 10), (2, 20), (3, 30), (null, 40) as t(x, v)');
  spark.sql('create or replace temp view u as select * from values (1, 100), (3, 300), (3, 301) as u(y, w)');
  spark.sql('create or replace temp view n as select * from values (1, 1), (null, 2), (3, null) as n(p, q)');
  const queries = [
    'select * from t where (x, v) in (select p, q * 10 from n)',
    'select * from t where (x, v) not in (select p, q * 10 from n)',
    'select *, (x, v) in (select p, q * 10 from n) as i from t',
    'select * from t where exists (select 1 from u where u.y > t.x and u.w < 301)',
    'select x, (select t.x + max(w) from u) s from t',
    'select x, (select max(w) from u where y = x group by y) s from t',
    'select x, sum(v) s from t group by x having exists (select 1 from u where y = x)',
    'select x from t where x in (select y from u where y in (select p from n))',
    'select x from t where x in (select y from u where exists (select 1 from n where p = y))',
    'select x, (select max(w) from u where y = x) + 1 as m from t',
    'select x, v from t where v = (select max(v) from t t2 where t2.x = t.x)',
    'select x from t where x in (select y from u limit 1)',
    'select count(*) from t where x not in (select y from u where y is not null)',
    'select x, (select count(*) from u where y = x) + (select count(*) from n where p = x) c from t',
    'select x from t where exists (select max(w) from u where y = x)',
    'select x from t where not exists (select max(w) from u where y = x having max(w) > 150)',
    'select * from t where x in (select 1.0)',
    'select x, (select w from u where y = x order by w desc limit 1) from t',
    'select (select max(x) from t) + (select min(y) from u)',
    'select x, (select count(*) from u where y = x and w > v * 10) c from t',
    'select x, (select max(w) from u where y = x and y = v / 10) m from t',
    "select x, exists (select 1 from u where cast(y as string) = cast(x as string)) e from t",
  ];
  for (const q of queries) {
    console.log('##', q);
    try {
      const df = spark.sql(q);
      const width = df.columns.length;
      const rows = df
        .collect()
        .map((r) => Array.from({ length: width }, (_, i) => (r as unknown as unknown[])[i]))
        .map((r) => `(${r.map(py).join(', ')}${r.length === 1 ? ',' : ''})`)
        .sort();
      console.log(`[${df.columns.map((c) => `'${c}'`).join(', ')}]`);
      console.log(`[${rows.join(', ')}]`);
    } catch (e) {
      console.log((e as Error).constructor.name, (e as Error).message.trim().split('\n')[0].split(' SQLSTATE')[0]);
    }
  }
}
